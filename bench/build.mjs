// build.mjs — bundles bench/dispatch.ts (with banter itself) into bench/dist/dispatch.mjs.
//
// Run:   node bench/build.mjs        (npm run bench does it first)
// Why: through tsx every run compiles banter's TypeScript at start-up (seconds), which would swamp the
// start-up figure; the bundle starts like any plain .mjs, as a compiled deployment of banter would.
// esbuild comes with tsx. It reads tsconfig.json, so the legacy decorators compile as under tsc/tsx.

import { build } from 'esbuild'
import { readFileSync, statSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import path from 'node:path'

const bench = path.dirname(fileURLToPath(import.meta.url))
const root = path.dirname(bench)
const outdir = path.join(bench, 'dist')
const outfile = path.join(outdir, 'dispatch.mjs')
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))

// src/version.ts reads '../package.json' relative to its own file, which in the bundle would be
// bench/package.json; give it the same value, read here at build time.
const inlineVersion = {
  name: 'inline-banter-version',
  setup (b) {
    b.onLoad({ filter: /[\\/]src[\\/]version\.ts$/ }, () => ({
      contents: `export const VERSION: string = ${JSON.stringify(version)};\n`,
      loader: 'ts'
    }))
  }
}

/** The esbuild options of the bench bundle, written to `outdir` (bundle-weight.mjs builds the same bundle). */
export function dispatchBundleOptions (outdir) {
  return {
    entryPoints: [path.join(bench, 'dispatch.ts')],
    outdir,
    outExtension: { '.js': '.mjs' },
    // Modules banter imports on demand (the yargs parser, the Redis and PostgreSQL clients) go to their own
    // chunks, loaded only if used, as they would be from an installed package.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    tsconfig: path.join(root, 'tsconfig.json'),
    // Native addon (pulled in by storage/ through @keyv/sqlite): load it from node_modules at run time.
    external: ['sqlite3'],
    // CommonJS dependencies (pino, yargs' helpers) call require(); an ESM bundle has none of its own.
    banner: { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" },
    plugins: [inlineVersion],
    logLevel: 'warning'
  }
}

// Built when run (`node bench/build.mjs`), not when imported.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = performance.now()
  await build(dispatchBundleOptions(outdir))
  const kb = (statSync(outfile).size / 1024).toFixed(0)
  console.error(`built ${path.relative(root, outfile)} (${kb} KiB, banter ${version}) in ${(performance.now() - t0).toFixed(0)} ms`)
}
