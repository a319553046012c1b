/**
 * The proof that backends and plugins can live in npm packages of their own: Banter is packed with `npm pack`,
 * installed like a user would install it, and everything below uses only what the tarball ships — the
 * `banter` command, the `banter` and `banter/testing` entries — never the repository's src/.
 *
 * It is slow by nature (npm installs from the warm cache, TypeScript builds): about two minutes of CPU on two
 * cores, so longer on a busy machine. Installs use `--ignore-scripts`, which skips building sqlite3's native
 * module (about two minutes more); the bot here stores in memory.
 */
import { expect } from 'chai';
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packBanter } from './support/packaging/pack-banter.ts';
import { mustRun, runCommand } from './support/packaging/run-command.ts';

const FILL_INS = fileURLToPath(new URL('./support/packaging/', import.meta.url));
const INSTALL = ['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'];

describe('Banter as npm packages: a bot, a backend package and a plugin package, from the published tarball', function () {
  this.timeout(240_000);
  let work: string;
  let banterTarball: string;
  const dirs = { bot: '', backend: '', plugin: '' };
  const tarballs = { backend: '', plugin: '' };
  /** Run the `banter` command that npm installed in the bot project. */
  const banter = (args: readonly string[]) => runCommand(join(dirs.bot, 'node_modules', '.bin', 'banter'), args, dirs.bot);

  before(async function () {
    work = await mkdtemp(join(tmpdir(), 'banter-e2e-'));
    dirs.bot = join(work, 'mybot');
    dirs.backend = join(work, 'banter-backend-mychat');
    dirs.plugin = join(work, 'banter-plugin-greet');
    banterTarball = await packBanter(work);
  });

  after(async function () {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('packs compiled JavaScript with type declarations and the templates, and no TypeScript sources', async function () {
    const listing = (await mustRun('tar', ['tzf', banterTarball], work)).stdout.split('\n');
    expect(listing).to.include.members([
      'package/bin/banter.js',
      'package/dist/src/index.js',
      'package/dist/src/index.d.ts',
      'package/dist/src/testing/index.js',
      'package/templates/backend-package/test/conformance.test.ts.tmpl',
    ]);
    expect(listing.filter((path) => /\.ts$/.test(path) && !path.endsWith('.d.ts'))).to.deep.equal([]);
    const manifest = JSON.parse((await mustRun('tar', ['xzOf', banterTarball, 'package/package.json'], work)).stdout) as { exports: Record<string, unknown> };
    expect(manifest.exports['.']).to.deep.equal({ types: './dist/src/index.d.ts', default: './dist/src/index.js' });
  });

  it('installs banter in an empty folder, turns it into a bot project with banter init, and scaffolds two packages', async function () {
    await mkdir(dirs.bot);
    await mustRun('npm', [...INSTALL, banterTarball], dirs.bot);
    const init = await banter(['init']);
    expect(init.stdout, init.stderr).to.contain(`Created a Banter bot in ${dirs.bot}`);
    expect(init.stdout).to.contain('package.json (merged)');
    const backend = await banter(['new', 'backend', 'mychat', '--dir', '..']);
    expect(backend.stdout, backend.stderr).to.contain(`Created banter-backend-mychat in ${dirs.backend}`);
    const plugin = await banter(['new', 'plugin', 'greet', '--package', '--dir', '..']);
    expect(plugin.stdout, plugin.stderr).to.contain(`Created banter-plugin-greet in ${dirs.plugin}`);
    expect(await readdir(join(dirs.backend, 'src'))).to.have.members(['index.ts', 'mychat-backend.ts', 'mychat-identifiers.ts', 'options.ts']);
    const manifest = JSON.parse(await readFile(join(dirs.bot, 'package.json'), 'utf8')) as { type: string; dependencies: Record<string, string> };
    expect(manifest.type).to.equal('module');
    expect(manifest.dependencies['banter']).to.match(/^file:.*banter-.*\.tgz$/);
  });

  it('starts from a few bundled files: importing banter loads no file of inversify or zod and a handful of its own', async function () {
    // A loader hook (it runs on its own thread) names every module file the import loads, on stderr.
    const hook = `export async function load(url, context, next) { if (url.startsWith('file:')) process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }`;
    await writeFile(
      join(dirs.bot, 'count-modules.mjs'),
      `import { register } from 'node:module';\nregister('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));\nawait import('banter');\n`,
    );
    const run = await mustRun(process.execPath, ['count-modules.mjs'], dirs.bot);
    await rm(join(dirs.bot, 'count-modules.mjs'));
    const loaded = run.stderr.split('\n').filter((line) => line.startsWith('LOADED ')).map((line) => line.slice('LOADED '.length));
    const ownFiles = loaded.filter((url) => url.includes('/node_modules/banter/'));
    expect(ownFiles.length, loaded.join('\n')).to.be.within(1, 30);
    expect(loaded.filter((url) => /\/node_modules\/(inversify|@inversifyjs|zod|reflect-metadata)\//.test(url))).to.deep.equal([]);
  });

  it('installs the development dependencies of the bot project and of both packages, with the packed banter', async function () {
    await Promise.all([
      mustRun('npm', [...INSTALL], dirs.bot),
      mustRun('npm', [...INSTALL, '--save-dev', banterTarball], dirs.backend),
      mustRun('npm', [...INSTALL, '--save-dev', banterTarball], dirs.plugin),
    ]);
  });

  it('passes npm test as generated: the bot project (config.ts type-checks, the sample plugin\'s test) and the plugin package', async function () {
    const [bot, plugin] = await Promise.all([runCommand('npm', ['test'], dirs.bot), runCommand('npm', ['test'], dirs.plugin)]);
    expect(bot.stdout, bot.stderr).to.match(/2 passing/);
    expect(bot.code).to.equal(0);
    expect(plugin.stdout, plugin.stderr).to.match(/2 passing/);
    expect(plugin.code).to.equal(0);
  });

  it('fails the backend skeleton\'s conformance suite honestly, naming what is not written yet', async function () {
    const run = await runCommand('npm', ['test'], dirs.backend);
    // The skeleton type-checks; what fails is the suite, on the members still to write.
    expect(run.code).to.not.equal(0);
    expect(run.stdout).to.contain('backend conformance: mychat');
    expect(run.stdout).to.contain('The mychat backend does not implement connect yet: write it in src/mychat-backend.ts.');
    expect(run.stdout).to.match(/ 0 passing/);
    expect(run.stdout).to.match(/ 2 failing/);
  });

  it('passes the conformance and end-to-end suites once the backend is written over an in-memory chat service, and packs', async function () {
    await fillIn('mychat', dirs.backend);
    const run = await runCommand('npm', ['test'], dirs.backend);
    expect(run.stdout, run.stderr).to.match(/19 passing/);
    expect(run.stdout).to.not.match(/failing/);
    expect(run.code).to.equal(0);
    tarballs.backend = await packIn(dirs.backend);
  });

  it('tests the plugin package once it counts greetings in storage, and packs it', async function () {
    await fillIn('greet', dirs.plugin);
    const run = await runCommand('npm', ['test'], dirs.plugin);
    expect(run.stdout, run.stderr).to.match(/2 passing/);
    expect(run.code).to.equal(0);
    tarballs.plugin = await packIn(dirs.plugin);
  });

  it('installs both packages in the bot project and selects them in config.ts, which type-checks and validates', async function () {
    await mustRun('npm', [...INSTALL, tarballs.backend, tarballs.plugin], dirs.bot);
    await writeFile(
      join(dirs.bot, 'config.ts'),
      [
        "import { defineConfig } from 'banter';",
        '',
        'export default defineConfig({',
        "  name: 'mybot',",
        "  backend: 'banter-backend-mychat',",
        "  backends: { 'banter-backend-mychat': { rooms: ['#general'], script: './chat-script.txt' } },",
        "  storage: { url: 'memory://' },",
        "  log: { level: 'warn' },",
        "  plugins: { builtins: ['help'], dirs: ['./plugins'], packages: ['banter-plugin-greet'] },",
        '});',
        '',
      ].join('\n'),
    );
    const typecheck = await runCommand(join(dirs.bot, 'node_modules', '.bin', 'tsc'), ['--noEmit'], dirs.bot);
    expect(typecheck.stdout + typecheck.stderr).to.equal('');
    expect(typecheck.code).to.equal(0);
    const plugins = await banter(['plugins']);
    expect(plugins.stdout, plugins.stderr).to.match(/^greet {2}\(banter-plugin-greet\) {2}Greets people and counts the greetings$/m);
    expect(plugins.stdout).to.match(/^hello {2}\(.*plugins\/hello\/index\.ts\)/m);
    const check = await banter(['check-config']);
    expect(check.stdout, check.stderr).to.equal('config.ts is valid: backend banter-backend-mychat, storage memory://.\n');
  });

  it('type-checks against the published declarations, which are real types and not `any`', async function () {
    await writeFile(
      join(dirs.bot, 'types-probe.ts'),
      [
        "import { VERSION, defineBackend } from 'banter';",
        "import { createTestBot } from 'banter/testing';",
        "import mychat from 'banter-backend-mychat';",
        'export const version: string = VERSION;',
        'export const name: string = mychat.name;',
        '// @ts-expect-error: VERSION is a string',
        'export const wrong: number = VERSION;',
        '// @ts-expect-error: a backend definition needs create()',
        "export const incomplete = defineBackend({ name: 'x' });",
        '// @ts-expect-error: createTestBot takes options, not a string',
        "void createTestBot('plugins');",
        '',
      ].join('\n'),
    );
    await writeFile(join(dirs.bot, 'tsconfig.probe.json'), JSON.stringify({ extends: './tsconfig.json', include: ['types-probe.ts'] }));
    const probe = await runCommand(join(dirs.bot, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.probe.json'], dirs.bot);
    expect(probe.stdout + probe.stderr).to.equal('');
    expect(probe.code).to.equal(0);
  });

  it('runs the bot on the backend package with the plugin package and the project\'s own plugin: commands go round trip', async function () {
    await writeFile(
      join(dirs.bot, 'chat-script.txt'),
      ['alice> !greet', 'bob in #general> !greet everyone', 'alice> !greet', 'alice> !hello', 'carol in #general> !help greet', ''].join('\n'),
    );
    const run = await banter(['run']);
    expect(run.stderr).to.equal('');
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 4)).to.deep.equal([
      '[@alice] mybot: hello alice',
      '[#general] mybot: hello everyone',
      '[@alice] mybot: hello again alice (2 times now)',
      '[@alice] mybot: hello alice',
    ]);
    expect(lines[4]).to.match(/^\[#general\] mybot: .*greet/);
    expect(run.code).to.equal(0);
  });

  it('tells the user which npm install to run when config.ts names a backend package that is not installed', async function () {
    const config = join(dirs.bot, 'absent.config.ts');
    await writeFile(config, "import { defineConfig } from 'banter';\nexport default defineConfig({ backend: 'banter-backend-absent' });\n");
    const run = await banter(['check-config', '--config', 'absent.config.ts']);
    expect(run.stderr).to.contain(`run \`npm install banter-backend-absent\` in ${dirs.bot}`);
    expect(run.code).to.equal(2);
  });

  /**
   * Write the files of test/support/packaging/<name> over the scaffolded package in `dir`. Their tests are named
   * `*.test.fill.ts` there, so the repository's own test run does not pick them up; they become `*.test.ts`.
   */
  async function fillIn(name: string, dir: string): Promise<void> {
    await cp(join(FILL_INS, name), dir, { recursive: true });
    for (const file of await readdir(join(dir, 'test'))) {
      if (file.endsWith('.test.fill.ts')) await rename(join(dir, 'test', file), join(dir, 'test', file.replace(/\.fill\.ts$/, '.ts')));
    }
  }

  /** `npm pack` the package in `dir` (its prepack builds dist/) and return the tarball's path. */
  async function packIn(dir: string): Promise<string> {
    await mustRun('npm', ['pack', '--pack-destination', work], dir);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
    const tarball = join(work, `${manifest.name}-${manifest.version}.tgz`);
    const listing = (await mustRun('tar', ['tzf', tarball], work)).stdout;
    expect(listing).to.contain('package/dist/index.js');
    expect(listing).to.contain('package/dist/index.d.ts');
    return tarball;
  }
});
