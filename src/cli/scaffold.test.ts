import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runBanter } from '../../test/support/run-banter.ts';
import { VERSION } from '../version.ts';
import { initProject } from './init-command.ts';
import { newCommand, type NewArgs } from './new-command.ts';
import { baseValues, pluginValues, renderTemplate, type TemplateKind } from './scaffold.ts';

/** Run a scaffolding command, keeping what it prints (the suite's own output stays clean). */
async function quietly(action: () => Promise<number>): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = process.stdout.write;
  const err = process.stderr.write;
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return { code: await action(), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await filesUnder(join(dir, entry.name), path)));
    else found.push(path);
  }
  return found.sort();
}

const create = (args: Partial<NewArgs> & Pick<NewArgs, 'kind' | 'name' | 'dir'>) => quietly(() => newCommand({ package: false, force: false, ...args }));

describe('scaffolding: banter init and banter new', function () {
  let work: string;

  beforeEach(async function () {
    work = await mkdtemp(join(tmpdir(), 'banter-scaffold-'));
  });

  afterEach(async function () {
    await rm(work, { recursive: true, force: true });
  });

  it('fills every placeholder of every template, with this Banter\'s range and its tool versions', async function () {
    const values = {
      ...baseValues(),
      ...pluginValues('deploy-tools'),
      projectName: 'ops-bot',
      botName: 'ops-bot',
      samplePlugin: 'hello',
      packageName: 'banter-backend-deploy-tools',
      envName: 'DEPLOY_TOOLS',
    };
    for (const kind of ['bot', 'plugin', 'plugin-package', 'backend-package'] as TemplateKind[]) {
      for (const file of await renderTemplate(kind, values)) {
        expect(file.content, `${kind}/${file.path}`).to.not.match(/\{\{|\}\}/);
        expect(file.path, kind).to.not.match(/__|\.tmpl$|(^|\/)_/);
      }
    }
    const [manifest] = (await renderTemplate('plugin-package', values)).filter((f) => f.path === 'package.json');
    const parsed = JSON.parse(manifest!.content) as { peerDependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(parsed.peerDependencies['banter']).to.equal(`^${VERSION}`);
    const own = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { devDependencies: Record<string, string> };
    expect(parsed.devDependencies['typescript']).to.equal(own.devDependencies['typescript']);
  });

  it('banter init creates a bot project with config.ts, a sample plugin and its test, and the next steps', async function () {
    const run = await quietly(() => initProject({ dir: join(work, 'Ops Bot'), force: false }));
    expect(run.code).to.equal(0);
    expect(await filesUnder(join(work, 'Ops Bot'))).to.deep.equal([
      '.gitignore',
      '.mocharc.json',
      'README.md',
      'config.ts',
      'package.json',
      'plugins/hello/hello.test.ts',
      'plugins/hello/index.ts',
      'tsconfig.json',
    ]);
    const manifest = JSON.parse(await readFile(join(work, 'Ops Bot', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).to.deep.include({ name: 'ops-bot', type: 'module', dependencies: { banter: `^${VERSION}` } });
    expect(await readFile(join(work, 'Ops Bot', 'config.ts'), 'utf8')).to.contain("name: 'ops-bot',");
    expect(JSON.parse(await readFile(join(work, 'Ops Bot', 'tsconfig.json'), 'utf8'))).to.have.nested.property('compilerOptions.experimentalDecorators', true);
    expect(run.stdout).to.match(/Next:\n {2}cd .*Ops Bot\n {2}npm install\n {2}npm test/);
  });

  it('banter init adds what a bot needs to the package.json npm init wrote, keeping what it says', async function () {
    await writeFile(
      join(work, 'package.json'),
      JSON.stringify({ name: 'mine', type: 'commonjs', scripts: { test: 'echo "Error: no test specified" && exit 1', lint: 'eslint .' }, dependencies: { banter: 'file:../banter.tgz' } }),
    );
    const run = await quietly(() => initProject({ dir: work, force: false }));
    expect(run.stdout).to.contain('package.json (merged; "type" changed from "commonjs" to "module")');
    const manifest = JSON.parse(await readFile(join(work, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
    expect(manifest).to.deep.include({ name: 'mine', type: 'module' });
    expect(manifest['scripts']).to.deep.equal({ start: 'banter run', check: 'banter check-config', test: 'tsc --noEmit && mocha', lint: 'eslint .' });
    expect(manifest['dependencies']).to.deep.equal({ banter: 'file:../banter.tgz' });
    expect(manifest['devDependencies']).to.include.keys('typescript', 'mocha', 'chai', 'tsx');
  });

  it('banter init writes nothing over existing files unless --force, and says which', async function () {
    await writeFile(join(work, 'config.ts'), '// mine\n');
    const refused = await quietly(() => initProject({ dir: work, force: false }));
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.equal(`banter: ${work} already has config.ts. Nothing was written: choose another folder, move them away, or pass --force to overwrite them.\n`);
    expect(await readdir(work)).to.deep.equal(['config.ts']);
    expect((await quietly(() => initProject({ dir: work, force: true }))).code).to.equal(0);
    expect(await readFile(join(work, 'config.ts'), 'utf8')).to.contain('defineConfig');
  });

  it('banter new plugin adds a plugin and its test to the bot project, and asks for plugins.dirs when it is missing', async function () {
    await quietly(() => initProject({ dir: work, force: false }));
    const run = await create({ kind: 'plugin', name: 'deploy-tools', dir: work });
    expect(run.code).to.equal(0);
    const source = await readFile(join(work, 'plugins/deploy-tools/index.ts'), 'utf8');
    expect(source).to.contain('export class DeployTools extends Plugin');
    expect(source).to.contain("@command({ name: 'deploy-tools'");
    expect(source).to.contain('  deployTools(msg: Message, args: string) {');
    expect(await readFile(join(work, 'plugins/deploy-tools/deploy-tools.test.ts'), 'utf8')).to.contain("import { DeployTools } from './index.ts';");
    expect(run.stdout).to.not.contain('plugins.dirs');

    await writeFile(join(work, 'config.ts'), "import { defineConfig } from 'banter';\nexport default defineConfig({});\n");
    const hinted = await create({ kind: 'plugin', name: 'karma', dir: work });
    expect(hinted.stdout).to.contain('config.ts does not list ./plugins in plugins.dirs: add it, or the bot will not load the plugin.');
  });

  it('banter new plugin outside a bot project says how to get one, or to make a package', async function () {
    const run = await create({ kind: 'plugin', name: 'karma', dir: work });
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain('is not a bot project (it has no config.ts)');
    expect(run.stderr).to.contain('add --package to make the plugin an npm package of its own');
  });

  it('banter new plugin --package and banter new backend create publishable packages, scoped names included', async function () {
    expect((await create({ kind: 'plugin', name: 'karma', package: true, dir: work })).code).to.equal(0);
    expect(await filesUnder(join(work, 'banter-plugin-karma'))).to.deep.equal([
      '.gitignore',
      '.mocharc.json',
      'README.md',
      'package.json',
      'src/index.ts',
      'test/karma.test.ts',
      'tsconfig.build.json',
      'tsconfig.json',
    ]);
    expect((await create({ kind: 'backend', name: 'my-chat', dir: work, packageName: '@acme/banter-backend-my-chat' })).code).to.equal(0);
    const backend = join(work, 'banter-backend-my-chat');
    expect(await filesUnder(backend)).to.include.members(['src/index.ts', 'src/my-chat-backend.ts', 'src/my-chat-identifiers.ts', 'src/options.ts', 'test/conformance.test.ts', 'test/harness.ts']);
    const manifest = JSON.parse(await readFile(join(backend, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).to.deep.include({ name: '@acme/banter-backend-my-chat', peerDependencies: { banter: `^${VERSION}` }, files: ['dist'] });
    const entry = await readFile(join(backend, 'src/index.ts'), 'utf8');
    expect(entry).to.contain(`banter: '^${VERSION}',`);
    expect(entry).to.contain('capabilities: MyChatBackend.CAPABILITIES,');
  });

  it('refuses names that cannot be a plugin, command or package, before writing anything', async function () {
    await mkdir(join(work, 'empty'));
    for (const name of ['Deploy', 'deploy_tools', '-x', 'x-', '9lives']) {
      const run = await create({ kind: 'backend', name, dir: join(work, 'empty') });
      expect(run.code, name).to.equal(2);
      expect(run.stderr).to.contain(`"${name}" cannot name a backend: use lower-case letters and digits`);
    }
    const bad = await create({ kind: 'backend', name: 'chat', dir: join(work, 'empty'), packageName: 'Bad Name' });
    expect(bad.stderr).to.contain('"Bad Name" is not an npm package name');
    expect(await readdir(join(work, 'empty'))).to.deep.equal([]);
  });

  it('is on the command line: usage errors create nothing and exit 2, and banter --help lists init and new', async function () {
    this.timeout(30_000);
    const wrong = await runBanter(['new', 'widget', 'x']);
    expect(wrong.code).to.equal(2);
    expect(wrong.stderr).to.match(/Invalid values:\s+Argument: kind, Given: "widget", Choices: "plugin", "backend"/);
    expect(existsSync(join(ROOT, 'banter-backend-x')), 'nothing is created after a usage error').to.equal(false);
    const unknown = await runBanter(['init', join(work, 'bot'), '--bogus']);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.contain('Unknown argument: bogus');
    expect(existsSync(join(work, 'bot')), 'nothing is created after an unknown option').to.equal(false);
    const help = await runBanter(['--help']);
    expect(help.stdout).to.match(/banter init \[dir\] +create a bot project/);
    expect(help.stdout).to.match(/banter new <kind> <name> +create a plugin/);
  });
});
