// run_matrix.mjs — runs the dispatch harnesses repeatedly, interleaved, and prints median tables
// plus Banter's target table (lib/targets.mjs). Adapted from shared/bench/peers/run_matrix.mjs.
//
// Usage (from the repo root; `npm run bench` builds the bundle and installs the peers first):
//   node bench/run_matrix.mjs                     # suite "targets", 3 reps, M=20000
//   node bench/run_matrix.mjs --quick             # 1 rep, M=10000 (a smoke run; noisier)
//   node bench/run_matrix.mjs --suite main        # K=100, serial + burst, per framework
//   node bench/run_matrix.mjs --suite kscale --ks 10,100,1000 --only banter,baseline,hubot
//   node bench/run_matrix.mjs --warmup 20000      # steady state: 20000 unmeasured messages first
//   node bench/run_matrix.mjs --extra "mybot=node ../mybot/dispatch.mjs"
//   node bench/run_matrix.mjs --startup-reps 25  # more start-up samples (suite targets; 0: judge start-up on the M=20000 runs)
//   flags: --strict (exit 3 when a target FAILs), --nice N, --idle-max F, --idle-wait S, --out PATH,
//          --startup-reps N, --startup-m M, --startup-idle-max F
//
// Harnesses: banter (dist/dispatch.mjs, the esbuild bundle), banter-p20 (the same, 20 command plugins,
// for the start-up target), baseline (the floor), hubot (peers-deps/), errbot (Debian's, /usr/bin/python3).
// A harness whose framework is not installed is skipped with a message. Each run is a fresh process
// spawned with BENCH_T0_EPOCH_MS = epoch time just before spawn, so startup_ms covers exec + runtime boot
// + import + K commands registered. Reps are interleaved (rep 1 of every config, then rep 2, ...) so
// background noise spreads across configs, and tables show the per-field MEDIAN over reps.
//
// The machine may be shared: before each run we sample /proc/stat for 1 s and wait (up to --idle-wait
// s) until it is at most --idle-max busy. Each raw record gets busy_pre and others_cores (CPU cores
// used by other processes during the run). Raw records: results/<stamp>.jsonl; tables: results/<stamp>.md.
//
// Start-up (suite targets): a start-up is ~0.2 s of mostly Node's own boot, and on a shared host one sample swings
// by a third, so five samples from the long runs give a noisy median. After the reps, the start-up pair (banter-p20
// and the floor, K=100, mode "startup" in the tables: a serial run of --startup-m messages) runs --startup-reps more
// times, interleaved, each started once the machine was at most --startup-idle-max busy over the last second (or
// after --idle-wait s). The start-up target is judged on those medians; peak RSS stays on the M=20000 runs.

import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { targetTable } from './lib/targets.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const PYTHON = '/usr/bin/python3' // Debian's interpreter: the one that sees the apt-installed errbot

// label -> command (run in bench/), and why it cannot run here (undefined when it can)
const HARNESSES = {
  banter: 'node dist/dispatch.mjs',
  'banter-p20': 'node dist/dispatch.mjs --plugins 20',
  baseline: 'node baseline_dispatch.mjs',
  hubot: 'node hubot_dispatch.mjs',
  errbot: `${PYTHON} errbot_dispatch.py`
}
const missing = {
  banter: () => fs.existsSync(path.join(here, 'dist/dispatch.mjs')) ? undefined : 'no bundle: run node bench/build.mjs',
  hubot: () => fs.existsSync(path.join(here, 'peers-deps/node_modules/hubot/package.json')) ? undefined : 'not installed: run npm ci in bench/peers-deps',
  errbot: () => spawnSync(PYTHON, ['-c', 'import errbot'], { stdio: 'ignore' }).status === 0 ? undefined : 'not installed: apt-get install -y errbot python3-pytest'
}
missing['banter-p20'] = missing.banter

// ---- args
const opt = { suite: 'targets', reps: 3, m: 20000, k: 100, ks: '10,100,1000,5000', only: '', extra: [], idleWait: 60, idleMax: 0.5, nice: 0, warmup: 0, out: '', quick: false, strict: false, startupReps: 15, startupM: 100, startupIdleMax: 0.1 }
const given = new Set()
const argv = process.argv.slice(2)
for (let i = 0; i < argv.length; i++) {
  const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_m, c) => c.toUpperCase())
  if (typeof opt[key] === 'boolean') { opt[key] = true; continue }
  const val = argv[++i]
  if (!(key in opt) || val === undefined) { console.error(`bad argument ${argv[i - 1]}`); process.exit(2) }
  given.add(key)
  if (key === 'extra') opt.extra.push(val)
  else opt[key] = typeof opt[key] === 'number' ? Number(val) : val
}
if (opt.quick) { // fewer reps and messages unless given explicitly
  if (!given.has('reps')) opt.reps = 1
  if (!given.has('m')) opt.m = 10000
  if (!given.has('startupReps')) opt.startupReps = 5
}
for (const e of opt.extra) {
  const eq = e.indexOf('=')
  if (eq < 1) { console.error(`--extra wants label=command, got ${e}`); process.exit(2) }
  HARNESSES[e.slice(0, eq)] = e.slice(eq + 1)
}
const wanted = opt.only ? opt.only.split(',') : Object.keys(HARNESSES)
for (const n of wanted) if (!HARNESSES[n]) { console.error(`unknown harness ${n}`); process.exit(2) }
const names = wanted.filter((n) => {
  const why = missing[n]?.()
  if (why) console.error(`skipping ${n}: ${why}`)
  return !why
})

// --nice N: renice this runner (children inherit it), e.g. -10 on a shared machine (negative needs root).
if (opt.nice) os.setPriority(0, opt.nice)

// ---- plan (deduplicated)
const configs = []
const seen = new Set()
const add = (fw, K, mode) => {
  const key = `${fw}|${K}|${mode}`
  if (names.includes(fw) && !seen.has(key)) { seen.add(key); configs.push({ fw, K, mode, key }) }
}
for (const fw of names) {
  if (fw === 'banter-p20') continue // only the targets suite needs it
  if (['targets', 'main', 'all'].includes(opt.suite)) { add(fw, opt.k, 'serial'); add(fw, opt.k, 'burst') }
  if (['kscale', 'all'].includes(opt.suite)) for (const K of opt.ks.split(',').map(Number)) add(fw, K, 'serial')
}
if (opt.suite === 'targets') { // cost flat in K (Banter, with the floor for context) and start-up with 20 plugins
  for (const fw of ['banter', 'baseline']) for (const K of [10, 5000]) add(fw, K, 'serial')
  add('banter-p20', opt.k, 'serial')
}
const startupConfigs = opt.suite === 'targets' && opt.startupReps > 0
  ? ['banter-p20', 'baseline'].filter((fw) => names.includes(fw)).map((fw) => ({ fw, K: opt.k, mode: 'startup', key: `${fw}|${opt.k}|startup` }))
  : []
if (!configs.length) { console.error('nothing to run'); process.exit(2) }

// ---- machine load monitoring
const HZ = 100 // USER_HZ on Linux
function cpuTicks () {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
  return { idle: f[3] + (f[4] || 0), total: f.slice(0, 8).reduce((a, b) => a + b, 0) }
}
function childTicks () { // cutime + cstime of waited-for children (fields 16, 17 of /proc/self/stat)
  const s = fs.readFileSync('/proc/self/stat', 'utf8')
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ')
  return Number(f[13]) + Number(f[14])
}
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
function busyOver1s () {
  const a = cpuTicks(); sleep(1000); const b = cpuTicks()
  return 1 - (b.idle - a.idle) / Math.max(1, b.total - a.total)
}
function waitIdle (idleMax = opt.idleMax) {
  const deadline = Date.now() + opt.idleWait * 1000
  let busy = busyOver1s()
  while (busy > idleMax && Date.now() < deadline) busy = busyOver1s()
  return busy
}

// ---- run
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)
const outBase = opt.out || path.join(here, 'results', stamp)
fs.mkdirSync(path.dirname(outBase), { recursive: true })
const rawPath = outBase + '.jsonl'
const raw = []
const failures = {}
const total = configs.length * opt.reps + startupConfigs.length * opt.startupReps
console.error(`${configs.length} configs × ${opt.reps} reps, M=${opt.m}: ${configs.map((c) => c.key).join(', ')}` +
  (startupConfigs.length ? `; then ${startupConfigs.map((c) => c.key).join(', ')} × ${opt.startupReps} reps, M=${opt.startupM}` : ''))
let n = 0
/** One fresh process of config `c`; its record goes to `raw` (and the .jsonl), a failure to `failures`. */
function runOnce (c, rep) {
  n++
  const startup = c.mode === 'startup'
  const busyPre = waitIdle(startup ? opt.startupIdleMax : opt.idleMax)
  const [cmd, ...cmdArgs] = HARNESSES[c.fw].split(/\s+/)
  const args = [...cmdArgs, '--k', String(c.K), '--m', String(startup ? opt.startupM : opt.m), '--mode', startup ? 'serial' : c.mode]
  if (opt.warmup && !startup) args.push('--warmup', String(opt.warmup))
  const m0 = cpuTicks(); const k0 = childTicks()
  const env = { ...process.env, BENCH_T0_EPOCH_MS: String(performance.timeOrigin + performance.now()) }
  const t0 = performance.now()
  const r = spawnSync(cmd, args, { cwd: here, env, encoding: 'utf8', maxBuffer: 64 << 20 })
  const wall = (performance.now() - t0) / 1000
  const m1 = cpuTicks(); const k1 = childTicks()
  const busyTicks = (m1.total - m1.idle) - (m0.total - m0.idle)
  const othersCores = Math.max(0, (busyTicks - (k1 - k0)) / HZ / wall)
  const line = (r.stdout || '').split('\n').filter((l) => l.startsWith('{')).pop()
  if (r.status !== 0 || !line) { // e.g. a wrong reply (the harness exits 1): recorded, the matrix goes on
    failures[c.key] = (failures[c.key] || 0) + 1
    console.error(`[${n}/${total}] FAILED ${c.key} rep ${rep}: status ${r.status}\n${(r.stderr || '').slice(-2000)}`)
    return
  }
  const rec = { ...JSON.parse(line), label: c.fw, key: c.key, rep, busy_pre: +busyPre.toFixed(3), others_cores: +othersCores.toFixed(2), cmd: [cmd, ...args].join(' ') }
  raw.push(rec)
  fs.appendFileSync(rawPath, JSON.stringify(rec) + '\n')
  console.error(`[${n}/${total}] ${c.key} rep ${rep}: ${rec.msgs_per_sec} msg/s p50 ${rec.p50_ms} p99 ${rec.p99_ms} ms, startup ${rec.startup_ms} ms, rss ${rec.peak_rss_mb} MB, others ${rec.others_cores} cores`)
}
for (let rep = 1; rep <= opt.reps; rep++) for (const c of configs) runOnce(c, rep)
for (let rep = 1; rep <= opt.startupReps; rep++) for (const c of startupConfigs) runOnce(c, rep)

// ---- medians + tables
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const h = s.length >> 1; return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2 }
const FIELDS = ['msgs_per_sec', 'p50_ms', 'p99_ms', 'peak_rss_mb', 'startup_ms', 'cpu_ms', 'elapsed_ms', 'others_cores']
const med = {}
for (const c of [...configs, ...startupConfigs]) {
  const src = raw.filter((r) => r.key === c.key)
  if (!src.length) continue
  med[c.key] = { fw: c.fw, K: c.K, mode: c.mode, M: src[0].M, framework: src[0].framework, version: src[0].version, runs: src.length, failed: failures[c.key] || 0 }
  for (const f of FIELDS) med[c.key][f] = median(src.map((r) => r[f]))
}
const fmt = (x, d) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d))
const us = (mps) => 1e6 / mps
const lines = []
lines.push(`Medians of ${opt.reps} runs each, M=${opt.m}, warmup=${opt.warmup}, nice=${opt.nice}, ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} CPUs, raw: ${path.relative(process.cwd(), rawPath)}`)
lines.push('')
const hdr = '| harness | version | K | mode | msgs/s | µs/msg | overhead vs baseline µs/msg | p50 ms | p99 ms | peak RSS MB | startup ms | others\' cores | runs ok/failed |'
const sep = '|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
const row = (m) => {
  const b = med[`baseline|${m.K}|${m.mode}`]
  const ovh = b && m.fw !== 'baseline' ? fmt(us(m.msgs_per_sec) - us(b.msgs_per_sec), 2) : '–'
  return `| ${m.fw} | ${m.version} | ${m.K} | ${m.mode} | ${fmt(m.msgs_per_sec, 0)} | ${fmt(us(m.msgs_per_sec), 2)} | ${ovh} | ${fmt(m.p50_ms, 4)} | ${fmt(m.p99_ms, 4)} | ${fmt(m.peak_rss_mb, 1)} | ${fmt(m.startup_ms, 1)} | ${fmt(m.others_cores, 2)} | ${m.runs}/${m.failed} |`
}
const byName = (a, b) => a.fw.localeCompare(b.fw) || a.mode.localeCompare(b.mode) || a.K - b.K
const mains = Object.values(med).filter((m) => m.K === opt.k && m.mode !== 'startup').sort(byName)
if (mains.length) lines.push(`### K=${opt.k}, serial and burst`, '', hdr, sep, ...mains.map(row), '')
const starts = Object.values(med).filter((m) => m.mode === 'startup').sort(byName)
if (starts.length) {
  lines.push(`### Start-up pair (K=${opt.k}, ${opt.startupReps} interleaved reps of M=${opt.startupM}, each started when the machine was at most ${opt.startupIdleMax} busy)`, '',
    '| harness | version | startup ms (median) | min | max | others\' cores | runs ok/failed |', '|---|---|---:|---:|---:|---:|---:|',
    ...starts.map((m) => {
      const s = raw.filter((r) => r.key === `${m.fw}|${m.K}|startup`).map((r) => r.startup_ms)
      return `| ${m.fw} | ${m.version} | ${fmt(m.startup_ms, 1)} | ${fmt(Math.min(...s), 1)} | ${fmt(Math.max(...s), 1)} | ${fmt(m.others_cores, 2)} | ${m.runs}/${m.failed} |`
    }), '')
}
const others = Object.values(med).filter((m) => m.K !== opt.k).sort(byName)
if (others.length) lines.push('### Other K (serial)', '', hdr, sep, ...others.map(row), '')
for (const [key, count] of Object.entries(failures)) if (!med[key]) lines.push(`${key}: all ${count} runs FAILED (see stderr above)`)
let targetsFailed = false
if (opt.suite === 'targets') {
  const { lines: t, rows } = targetTable(med, opt.k)
  targetsFailed = rows.some((r) => r.result !== 'PASS' && r.result !== 'INFO')
  lines.push('### Banter targets', '', ...t, '')
}
const md = lines.join('\n')
fs.writeFileSync(outBase + '.md', md + '\n')
console.log(md)
process.exitCode = Object.keys(failures).length ? 1 : opt.strict && targetsFailed ? 3 : 0
