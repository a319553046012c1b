#!/usr/bin/env node
// Build and pack Banter as an npm package.
//
//   node scripts/package.mjs build      compile src/, backends/, plugins/, storage/ to dist/ (JavaScript + .d.ts)
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

function build() {
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) fail('the build failed (tsc -p tsconfig.build.json); nothing was packed');
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

function prepack() {
  if (existsSync(BACKUP)) {
    fail(`${BACKUP} exists: an earlier pack was interrupted. Run \`node scripts/package.mjs postpack\` to restore package.json first.`);
  }
  build();
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
if (command === 'build') build();
else if (command === 'prepack') prepack();
else if (command === 'postpack') postpack();
else fail('usage: node scripts/package.mjs build | prepack | postpack');
