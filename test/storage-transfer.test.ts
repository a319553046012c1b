import { expect } from 'chai';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, runBanter as banter } from './support/run-banter.ts';
import { BanterError, Plugin, command, exportStorage, importStorage, type Message } from 'banter';
import { createTestBot } from 'banter/testing';
import { createStorageProvider } from '../storage/index.ts';

class Karma extends Plugin {
  static override metadata = { name: 'karma' };
  @command()
  async plus(_msg: Message, who: string) {
    return String(await this.storage.update<number>(who, (n = 0) => n + 1));
  }
}

describe('storage export and import', function () {
  this.timeout(30_000);
  let dir: string;

  beforeEach(async function () {
    // Inside the repo, so the generated config.ts resolves 'banter' like a bot project does.
    await mkdir(join(ROOT, '.tmp'), { recursive: true });
    dir = await mkdtemp(join(ROOT, '.tmp', 'transfer-'));
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('exports every namespace and imports it into another store, exactly', async function () {
    const from = await createStorageProvider('memory://');
    await (await from.open('karma')).set('alice', 3);
    await (await from.open('deploys')).set('lock', { by: '@bob', env: 'prod' });
    const exported = await exportStorage(from);
    expect(exported.namespaces).to.deep.equal({ deploys: { lock: { by: '@bob', env: 'prod' } }, karma: { alice: 3 } });
    const to = await createStorageProvider('memory://');
    await (await to.open('karma')).set('stale', 1);
    expect(await importStorage(to, exported, { replace: true })).to.deep.equal({ namespaces: 2, keys: 2 });
    expect(await exportStorage(to, ['karma', 'deploys'])).to.deep.include({ namespaces: exported.namespaces });
  });

  it('refuses a document that is not an export, before writing anything', async function () {
    const to = await createStorageProvider('memory://');
    for (const bad of [{}, { format: 'banter-storage', version: 2, namespaces: {} }, { format: 'banter-storage', version: 1, namespaces: { a: [1] } }]) {
      let error: unknown;
      try {
        await importStorage(to, bad);
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(BanterError);
    }
    expect(await to.namespaces?.()).to.deep.equal([]);
  });

  it('backs up a running bot\'s SQLite store from the command line and restores it into a fresh one', async function () {
    const writeConfig = (name: string) =>
      writeFile(join(dir, `${name}.config.ts`), `import { defineConfig } from 'banter';\nexport default defineConfig({ storage: { url: 'sqlite://./${name}.sqlite' } });\n`);
    await writeConfig('live');
    await writeConfig('restored');
    const bot = await createTestBot({ plugins: [Karma], config: { storage: { url: `sqlite://${join(dir, 'live.sqlite')}` } } });
    await bot.say('!plus alice');
    await bot.say('!plus alice');

    const exported = await banter(['storage', 'export', '--config', join(dir, 'live.config.ts'), '--out', join(dir, 'backup.json')]);
    expect(exported.code, exported.stderr).to.equal(0);
    const backup = JSON.parse(await readFile(join(dir, 'backup.json'), 'utf8'));
    expect(backup.namespaces.karma).to.deep.equal({ alice: 2 });
    await bot.stop();

    const imported = await banter(['storage', 'import', join(dir, 'backup.json'), '--config', join(dir, 'restored.config.ts'), '--namespace', 'karma']);
    expect(imported.code, imported.stderr).to.equal(0);
    expect(imported.stderr).to.match(/imported 1 keys in 1 namespaces into sqlite:\.\/restored\.sqlite/);
    const restored = await createTestBot({ plugins: [Karma], config: { storage: { url: `sqlite://${join(dir, 'restored.sqlite')}` } } });
    expect(await restored.say('!plus alice')).to.equal('3');
    await restored.stop();
  });
});
