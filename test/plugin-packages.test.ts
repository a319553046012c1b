import { expect } from 'chai';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBot, createSilentLogger, Plugin } from 'banter';
import { TestBackend } from 'banter/testing';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('plugins from npm packages', function () {
  let project: string;

  before(async function () {
    // A bot project with banter and one plugin package installed, as `npm install` would leave it.
    project = await mkdtemp(join(tmpdir(), 'banter-project-'));
    await mkdir(join(project, 'node_modules/banter-plugin-hello'), { recursive: true });
    await symlink(ROOT, join(project, 'node_modules/banter'), 'dir');
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'my-bot', type: 'module', private: true }));
    await writeFile(
      join(project, 'node_modules/banter-plugin-hello/package.json'),
      JSON.stringify({ name: 'banter-plugin-hello', version: '1.0.0', type: 'module', exports: './index.js' }),
    );
    // Published packages ship JavaScript; this is what tsc emits for a legacy-decorated command.
    await writeFile(
      join(project, 'node_modules/banter-plugin-hello/index.js'),
      [
        "import { Plugin, command } from 'banter';",
        'export default class Hello extends Plugin {',
        "  static metadata = { name: 'hello', version: '1.0.0' };",
        "  hello() { return 'hello from a package'; }",
        '}',
        "command()(Hello.prototype, 'hello', Object.getOwnPropertyDescriptor(Hello.prototype, 'hello'));",
      ].join('\n'),
    );
  });

  after(async function () {
    await rm(project, { recursive: true, force: true });
  });

  it('reports a plugin package made for another Banter, saying which range and what to install, and runs without it', async function () {
    const old = join(project, 'node_modules/banter-plugin-old');
    await mkdir(old, { recursive: true });
    await writeFile(
      join(old, 'package.json'),
      JSON.stringify({ name: 'banter-plugin-old', version: '2.0.0', type: 'module', exports: './index.js', peerDependencies: { banter: '^9.0.0' } }),
    );
    await writeFile(join(old, 'index.js'), "throw new Error('a package for another Banter must not even be imported');\n");
    const bot = await createBot({
      config: { backend: 'test', storage: { url: 'memory://' }, plugins: { builtins: false, packages: ['banter-plugin-old', 'banter-plugin-hello'] } },
      configPath: join(project, 'config.ts'),
      backend: new TestBackend(),
      logger: createSilentLogger(),
    });
    await bot.start();
    const [old2, hello] = bot.plugins();
    expect(old2).to.deep.include({ name: 'banter-plugin-old', state: 'failed' });
    expect(old2!.error).to.match(/^the package banter-plugin-old 2\.0\.0 supports Banter \^9\.0\.0 \(peerDependencies\.banter\), but this bot runs Banter \d+\.\d+\.\d+; install a release/);
    expect(hello).to.deep.include({ name: 'hello', state: 'active' });
    await bot.stop();
  });

  it('loads a plugin package named in config from the bot project, sharing the project\'s banter', async function () {
    const backend = new TestBackend();
    const bot = await createBot({
      config: { backend: 'test', storage: { url: 'memory://' }, plugins: { builtins: false, packages: ['banter-plugin-hello'] } },
      configPath: join(project, 'config.ts'),
      backend,
      logger: createSilentLogger(),
    });
    await bot.start();
    expect(bot.plugins().map((p) => [p.name, p.state])).to.deep.equal([['hello', 'active']]);
    expect((await backend.say('!hello')).map((m) => m.body)).to.deep.equal(['hello from a package']);
    expect(Plugin.isPluginClass((await import(join(project, 'node_modules/banter-plugin-hello/index.js'))).default)).to.equal(true);
    await bot.stop();
  });
});
