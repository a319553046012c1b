// bundle-weight.mjs — what the bench bundle parses before the bot is ready, by package.
//
// Run:   node bench/bundle-weight.mjs          a table by package
//        node bench/bundle-weight.mjs --json   { totalBytes, packages: { name: bytes }, builtins: [...] } (test/startup-weight.test.ts)
// Builds bench/dispatch.ts with build.mjs's options (split, lazily loaded chunks apart) into a temporary folder with
// an esbuild metafile, follows the chunks the entry imports statically, and sums each package's bytes in them.
// Modules loaded with import() or on first use (loadOnFirstUse) are not counted: a bot that never needs them
// never parses them.

import { build } from 'esbuild'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { dispatchBundleOptions } from './build.mjs'

const outdir = mkdtempSync(path.join(tmpdir(), 'banter-bundle-weight-'))
try {
  const { metafile } = await build({ ...dispatchBundleOptions(outdir), metafile: true, logLevel: 'error' })
  const outputs = metafile.outputs
  const entry = Object.keys(outputs).find((o) => o.endsWith('dispatch.mjs'))
  const loaded = new Set()
  const builtins = new Set()
  for (const pending = [entry]; pending.length > 0;) {
    const output = pending.pop()
    if (loaded.has(output)) continue
    loaded.add(output)
    for (const i of outputs[output].imports) {
      if (i.kind !== 'import-statement') continue
      if (outputs[i.path]) pending.push(i.path)
      else builtins.add(i.path)
    }
  }
  const bytes = new Map()
  for (const output of loaded) {
    for (const [file, { bytesInOutput }] of Object.entries(outputs[output].inputs)) {
      const pkg = /node_modules\/(@[^/]+\/[^/]+|[^/]+)/.exec(file)?.[1] ?? `banter (${file.split('/')[0]})`
      bytes.set(pkg, (bytes.get(pkg) ?? 0) + bytesInOutput)
    }
  }
  const totalBytes = [...bytes.values()].reduce((a, b) => a + b, 0)
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ totalBytes, packages: Object.fromEntries(bytes), builtins: [...builtins].sort() }))
  } else {
    const kib = (n) => (n / 1024).toFixed(0).padStart(6)
    console.log(`${kib(totalBytes)} KiB parsed at start-up, by package:`)
    for (const [pkg, n] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${kib(n)}  ${pkg}`)
    console.log(`  Node built-ins: ${[...builtins].sort().join(', ')}`)
  }
} finally {
  rmSync(outdir, { recursive: true, force: true })
}
