import { expect } from 'chai';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BanterError, createBot, createSilentLogger, findBackend, UnknownBackendError, VERSION } from 'banter';
import { TestBackend } from 'banter/testing';
import { runBanter } from './support/run-banter.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Published backend packages ship JavaScript; each of these is a package's whole entry module. */
const PACKAGES: Record<string, { readonly manifest?: Record<string, unknown>; readonly entry: string }> = {
  'banter-backend-good': {
    entry: [
      "import { defineBackend } from 'banter';",
      "import { TestBackend } from 'banter/testing';",
      'export const created = [];',
      'export default defineBackend({',
      "  name: 'good', banter: '^0.1.0',",
      '  capabilities: { threads: true, reactions: true, cards: true, files: true, edits: true, typing: true },',
      '  create: (options, context) => { const b = new TestBackend({ botName: context.botName }); created.push(b); return b; },',
      '});',
    ].join('\n'),
  },
  '@acme/banter-backend-scoped': {
    entry: "import { defineBackend } from 'banter';\nimport { TestBackend } from 'banter/testing';\nexport default defineBackend({ name: 'scoped', banter: '>=0.1.0', create: () => new TestBackend() });",
  },
  'banter-backend-future': {
    manifest: { version: '3.0.0' },
    entry: "import { defineBackend } from 'banter';\nexport default defineBackend({ name: 'future', banter: '^9.0.0', create: () => { throw new Error('never'); } });",
  },
  'banter-backend-peer': {
    manifest: { version: '1.4.0', peerDependencies: { banter: '>=2.0.0' } },
    entry: "export default { name: 'peer', create: () => { throw new Error('never'); } };",
  },
  'banter-backend-typo': {
    entry: "export default { name: 'typo', banter: 'latest', create: () => { throw new Error('never'); } };",
  },
  'banter-backend-liar': {
    entry: [
      "import { TestBackend } from 'banter/testing';",
      'export default {',
      "  name: 'liar', banter: '^0.1.0',",
      '  capabilities: { threads: false, reactions: true, cards: true, files: true, edits: true, typing: true },',
      '  create: () => new TestBackend(),',
      '};',
    ].join('\n'),
  },
  'banter-backend-class': {
    entry: "import { Backend } from 'banter';\nexport default class Mine extends Backend {}",
  },
  'banter-plugin-karma': {
    entry: [
      "import { Plugin } from 'banter';",
      "export class Karma extends Plugin { static metadata = { name: 'karma' }; }",
    ].join('\n'),
  },
  'banter-backend-broken': {
    entry: "throw new Error('the service SDK is missing');",
  },
};

describe('backends from npm packages', function () {
  this.timeout(30_000);
  let project: string;

  before(async function () {
    // A bot project with banter and the packages installed, as `npm install` would leave it.
    project = await mkdtemp(join(tmpdir(), 'banter-backends-'));
    await mkdir(join(project, 'node_modules'), { recursive: true });
    await symlink(ROOT, join(project, 'node_modules/banter'), 'dir');
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'my-bot', type: 'module', private: true }));
    for (const [name, { manifest, entry }] of Object.entries(PACKAGES)) {
      const dir = join(project, 'node_modules', name);
      await mkdir(join(dir, 'dist'), { recursive: true });
      await writeFile(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', exports: './dist/index.js', ...manifest }));
      await writeFile(join(dir, 'dist/index.js'), `${entry}\n`);
    }
  });

  after(async function () {
    await rm(project, { recursive: true, force: true });
  });

  /** The error findBackend throws for `name`, resolved from the project. */
  async function refusal(name: string): Promise<BanterError> {
    try {
      await findBackend(name, project);
    } catch (err) {
      if (err instanceof BanterError) return err;
      throw err;
    }
    throw new Error(`${name} was accepted`);
  }

  it('runs a bot on a backend package named in config, which answers a command', async function () {
    const bot = await createBot({
      config: { backend: 'banter-backend-good', storage: { url: 'memory://' }, plugins: { builtins: ['utils'] } },
      configPath: join(project, 'config.ts'),
      logger: createSilentLogger(),
    });
    await bot.start();
    const { created } = (await import(join(project, 'node_modules/banter-backend-good/dist/index.js'))) as { created: TestBackend[] };
    expect(bot.backend).to.equal(created[0]);
    expect((await created[0]!.say('!echo from a package')).map((m) => m.body)).to.deep.equal(['from a package']);
    await bot.stop();
  });

  it('finds a scoped package', async function () {
    expect((await findBackend('@acme/banter-backend-scoped', project)).name).to.equal('scoped');
  });

  it('says which npm install to run, and where, for a package that is not installed', async function () {
    const err = await refusal('banter-backend-absent');
    expect(err).to.be.instanceOf(UnknownBackendError);
    expect(err.message).to.contain(`run \`npm install banter-backend-absent\` in ${project}`);
  });

  it('refuses a package made for another Banter, naming both versions and both fixes', async function () {
    const err = await refusal('banter-backend-future');
    expect(err.code).to.equal('E_BACKEND_INCOMPATIBLE');
    expect(err.message).to.equal(
      `The backend package "banter-backend-future" 3.0.0 supports Banter ^9.0.0 (banter in its defineBackend()), but this bot runs ` +
        `Banter ${VERSION}. Install a release of banter-backend-future made for Banter ${VERSION}, or change Banter to match: ` +
        'npm install "banter@^9.0.0".',
    );
  });

  it('falls back to peerDependencies.banter when the definition declares no range', async function () {
    const err = await refusal('banter-backend-peer');
    expect(err.code).to.equal('E_BACKEND_INCOMPATIBLE');
    expect(err.message).to.contain('"banter-backend-peer" 1.4.0 supports Banter >=2.0.0 (peerDependencies.banter in its package.json)');
  });

  it('reports a declared range it cannot read as the package\'s mistake', async function () {
    const err = await refusal('banter-backend-typo');
    expect(err.code).to.equal('E_BACKEND_PACKAGE');
    expect(err.message).to.contain('declares banter in its defineBackend() as "latest", which is not a version range');
  });

  it('says what a package that is not a backend exports instead', async function () {
    const aClass = await refusal('banter-backend-class');
    expect(aClass.code).to.equal('E_BACKEND_PACKAGE');
    expect(aClass.message).to.contain('is not a Banter backend: its default export is a class, not a backend definition');
    expect(aClass.message).to.contain('export default defineBackend({ name, banter, create })');
    const plugin = await refusal('banter-plugin-karma');
    expect(plugin.message).to.contain('it exports plugins. List it under plugins.packages in config.ts, not as backend');
    const broken = await refusal('banter-backend-broken');
    expect(broken.message).to.contain('"banter-backend-broken" failed to import: the service SDK is missing');
  });

  it('refuses a backend whose instance contradicts the capabilities its definition declares', async function () {
    const creating = createBot({
      config: { backend: 'banter-backend-liar', storage: { url: 'memory://' } },
      configPath: join(project, 'config.ts'),
      logger: createSilentLogger(),
    });
    const err: unknown = await creating.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(BanterError);
    expect((err as BanterError).message).to.contain('declares threads: false in defineBackend(), but the backend it creates reports threads: true');
  });

  it('prints the incompatibility from banter check-config and exits non-zero', async function () {
    const config = join(project, 'config.ts');
    await writeFile(config, "import { defineConfig } from 'banter';\nexport default defineConfig({ backend: 'banter-backend-future' });\n");
    const run = await runBanter(['check-config', '--config', config]);
    expect(run.stderr).to.contain('banter: The backend package "banter-backend-future" 3.0.0 supports Banter ^9.0.0');
    expect(run.code).to.equal(1);
  });
});
