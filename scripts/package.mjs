#!/usr/bin/env node
// Build and pack Banter as an npm package.
//
//   node scripts/package.mjs build      build dist/: JavaScript bundled by esbuild, .d.ts by tsc
//   node scripts/package.mjs prepack    build, then point package.json's exports at dist/ for the tarball
//   node scripts/package.mjs postpack   put the repository's package.json back
//
// Why package.json changes while packing: in the repository `banter` must resolve to the TypeScript sources
// (tests, tsx, tsc --noEmit, the bench bundle, the in-tree backends importing 'banter' all share one copy),
// while an installed package must resolve to compiled JavaScript, because tsx applies the decorator settings
// only to files a tsconfig includes, never to TypeScript under node_modules. No export condition tells the
// two apart without every node process in the repository passing a flag, so `npm pack` / `npm publish` run
// prepack, which writes the publishing exports, and postpack, which restores the file byte for byte.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const MANIFEST = join(ROOT, 'package.json');
const BACKUP = join(ROOT, '.tmp', 'pack', 'package.json');

function fail(message) {
  process.stderr.write(`scripts/package.mjs: ${message}\n`);
  process.exit(1);
}

// Dependencies bundled into Banter's JavaScript, because every bot loads them at start-up: the DI container and
// zod (config.ts is validated with it). As separate ES modules they are ~330 files, which an installed Banter
// loaded one by one at every start. Every other dependency stays a package of its own: the chat SDKs and store
// clients load only when used.
const BUNDLED = new Set(['inversify', 'reflect-metadata', 'zod']);
// The zod entries hand plugins the zod package itself (all of it, locales included), so they are built apart:
// bundled with the core, their every export would be kept, and the core's chunks would load them at start-up.
const ZOD_ENTRIES = new Set(['./src/zod/index.ts', './src/zod/mini.ts']);

async function build() {
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--emitDeclarationOnly'], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) fail('the build failed (tsc -p tsconfig.build.json); nothing was packed');
  await bundleJavaScript();
}

/**
 * dist/src/index.js and the other entries (one per export, and the CLI), with the modules they share in
 * dist/chunks/ and what they load on demand (backends, stores, the web server, yargs) in chunks of their own, so an
 * installed Banter starts by loading a few files, not hundreds. esbuild comes with tsx.
 */
async function bundleJavaScript() {
  const { build: esbuild } = await import('esbuild');
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  const entries = Object.values(manifest.exports).filter((t) => typeof t === 'string' && t.endsWith('.ts'));
  const common = {
    outbase: ROOT,
    outdir: join(ROOT, 'dist'),
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
  };
  const core = [...entries.filter((e) => !ZOD_ENTRIES.has(e)), './src/cli/main.ts'];
  const external = Object.keys(manifest.dependencies ?? {})
    .filter((name) => !BUNDLED.has(name))
    .flatMap((name) => [name, `${name}/*`]);
  try {
    await esbuild({ ...common, entryPoints: core.map((e) => join(ROOT, e)), external });
    await esbuild({ ...common, entryPoints: entries.filter((e) => ZOD_ENTRIES.has(e)).map((e) => join(ROOT, e)), packages: 'external' });
  } catch (err) {
    fail(`the build failed (esbuild): ${err instanceof Error ? err.message : String(err)}; nothing was packed`);
  }
}

/** `./src/index.ts` → `{ types: './dist/src/index.d.ts', default: './dist/src/index.js' }`; other targets unchanged. */
function publishedExports(exports) {
  const published = {};
  for (const [subpath, target] of Object.entries(exports)) {
    const source = typeof target === 'string' && /^\.\/.*\.ts$/.exec(target);
    published[subpath] = source
      ? { types: target.replace(/^\.\//, './dist/').replace(/\.ts$/, '.d.ts'), default: target.replace(/^\.\//, './dist/').replace(/\.ts$/, '.js') }
      : target;
  }
  return published;
}

async function prepack() {
  if (existsSync(BACKUP)) {
    fail(`${BACKUP} exists: an earlier pack was interrupted. Run \`node scripts/package.mjs postpack\` to restore package.json first.`);
  }
  await build();
  const text = readFileSync(MANIFEST, 'utf8');
  const manifest = JSON.parse(text);
  const exports = publishedExports(manifest.exports);
  for (const target of Object.values(exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)))) {
    if (!existsSync(join(ROOT, target))) fail(`the build did not produce ${target}, which exports would point at`);
  }
  // Scripts refer to files that are not published (tests, the bench, this script); a user never runs them.
  const { scripts: _scripts, ...rest } = manifest;
  mkdirSync(dirname(BACKUP), { recursive: true });
  writeFileSync(BACKUP, text);
  writeFileSync(MANIFEST, `${JSON.stringify({ ...rest, exports }, null, 2)}\n`);
}

function postpack() {
  if (!existsSync(BACKUP)) fail(`no ${BACKUP} to restore; package.json was not changed by prepack`);
  renameSync(BACKUP, MANIFEST);
}

const command = process.argv[2];
if (command === 'build') await build();
else if (command === 'prepack') await prepack();
else if (command === 'postpack') postpack();
else fail('usage: node scripts/package.mjs build | prepack | postpack');
