// lib/harness.mjs — shared driver for the "dispatch" workload (Node harnesses).
//
// Every Node harness (hubot_dispatch.mjs, baseline_dispatch.mjs and Banter's
// dispatch.ts) imports runBenchmark() from here, so the message sequence, timing,
// verification and JSON output are byte-for-byte the same code for every
// framework. A harness only supplies setup(), which builds the bot and returns
// send(text, id). Copied from the shared peer benchmark (shared/bench/peers/lib);
// only these header comments differ, so its results stay comparable.
//
// WORKLOAD "dispatch" (identical for every framework, any language)
//   * K commands cmd0..cmd{K-1}; each replies with its argument text:
//       "!cmd42 hello 7" -> "hello 7"
//   * plus ONE regex "hear" listener, HEAR_RE below, that matches none of the
//     traffic (it is still evaluated on every message by the framework).
//   * M messages. Message i (0-based) is generated from a fixed-seed 32-bit LCG:
//       state = seed                                  (default seed 42)
//       for i in 0..M-1:
//         state = (1664525*state + 1013904223) mod 2^32
//         c     = floor(state * K / 2^32)             (high bits; K <= 2^21)
//         text  = "!cmd" + c + " hello " + i          expected reply "hello " + i
//     (Python: state = (1664525*state + 1013904223) & 0xFFFFFFFF; c = (state*K) >> 32)
//     `--dump N` prints the first N messages, to cross-check other harnesses.
//   * modes
//       serial: for each message: t_send; send; wait for its reply (latency =
//               t_reply - t_send, where t_reply is taken synchronously inside
//               the adapter's send/reply hook) AND for the framework's receive()
//               promise to settle; then the next message. One in flight.
//       burst : all M sends issued back to back in one synchronous loop (each
//               stamped t_send), then wait until all M replies arrived and all
//               receive() promises settled. Latency includes queueing.
//   * msgs_per_sec = M / (wall time from first send to last completion)
//   * p50_ms / p99_ms: nearest-rank percentiles of the M latencies
//   * peak_rss_mb: process.resourceUsage().maxRSS (whole process lifetime) / 1024
//   * startup_ms: process start -> bot ready with K commands loaded (framework
//       imported, bot constructed, K+1 listeners registered, adapter running).
//       "Process start" = env BENCH_T0_EPOCH_MS (epoch ms stamped by the parent
//       just before spawn; run_matrix.mjs sets it, so it includes exec + runtime
//       boot), else Node's performance.timeOrigin (the process's own start).
//   * every reply is checked against its expected text; exactly one reply per
//     message; any mismatch -> message on stderr and exit code 1.
//   * --warmup W (default 0): W extra messages (seed+1 sequence, same mode) are
//     run before measuring and are not counted. Default runs are cold (W=0).
//
// CLI (all harnesses): --k K --m M --mode serial|burst [--seed S] [--warmup W] [--dump N]
// Output: ONE JSON line on stdout:
//   {"framework","version","K","M","mode","msgs_per_sec","p50_ms","p99_ms",
//    "peak_rss_mb","startup_ms", + extras "seed","warmup","elapsed_ms","cpu_ms","runtime"}
//   elapsed_ms = wall time of the measured pass; cpu_ms = process user+sys CPU time over
//   the same pass (all threads, so GC helper threads count). On a shared machine
//   elapsed_ms >> cpu_ms means the run waited for a CPU: treat it as noisy.

import { performance } from 'node:perf_hooks'

export const HEAR_RE = /\b(?:xyzzy|plugh)\b/i

const now = () => performance.now()

export function parseArgs (argv = process.argv.slice(2)) {
  const opts = { k: 100, m: 20000, mode: 'serial', seed: 42, warmup: 0, dump: 0 }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(a)
    if (!m || !(m[1] in opts)) throw new Error(`unknown argument: ${a}`)
    const v = m[2] !== undefined ? m[2] : argv[++i]
    if (v === undefined) throw new Error(`missing value for --${m[1]}`)
    opts[m[1]] = m[1] === 'mode' ? v : Number(v)
  }
  if (!['serial', 'burst'].includes(opts.mode)) throw new Error(`--mode must be serial or burst, got ${opts.mode}`)
  for (const key of ['k', 'm', 'seed', 'warmup', 'dump']) {
    if (!Number.isInteger(opts[key]) || opts[key] < 0) throw new Error(`--${key} must be a non-negative integer`)
  }
  if (opts.k < 1 || opts.k > 2 ** 21) throw new Error('--k must be in 1..2^21')
  if (opts.m < 1) throw new Error('--m must be >= 1')
  return opts
}

// Deterministic message sequence (see header). Returns {texts, expected}.
export function makeMessages (K, M, seed) {
  let state = seed >>> 0
  const texts = new Array(M)
  const expected = new Array(M)
  for (let i = 0; i < M; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const c = Math.floor((state * K) / 4294967296)
    expected[i] = 'hello ' + i
    texts[i] = '!cmd' + c + ' ' + expected[i]
  }
  return { texts, expected }
}

// Records replies by message id. deliver() is what a harness's adapter calls
// from its send/reply hook; the timestamp is taken there, synchronously.
class Collector {
  constructor (M) {
    this.M = M
    this.tReply = new Float64Array(M)
    this.got = new Array(M)
    this.received = 0
    this.errors = []
    this.waitId = -1 // serial: id whose reply we are waiting for
    this.waitResolve = null
    this.allResolve = null // burst: resolved when received === M
    this.deliver = this.deliver.bind(this)
  }

  deliver (id, text) {
    const t = now()
    if (!(id >= 0 && id < this.M)) { this.errors.push(`reply for unknown id ${id}: ${text}`); return }
    if (this.got[id] !== undefined) { this.errors.push(`duplicate reply for id ${id}: ${text}`); return }
    this.tReply[id] = t
    this.got[id] = String(text)
    this.received++
    if (id === this.waitId && this.waitResolve) { const r = this.waitResolve; this.waitResolve = null; r() }
    if (this.received === this.M && this.allResolve) { const r = this.allResolve; this.allResolve = null; r() }
  }

  waitFor (id) {
    if (this.got[id] !== undefined) return Promise.resolve()
    return new Promise((resolve) => { this.waitId = id; this.waitResolve = resolve })
  }

  waitAll () {
    if (this.received >= this.M) return Promise.resolve()
    return new Promise((resolve) => { this.allResolve = resolve })
  }
}

function timeoutAfter (ms, what) {
  let timer
  const p = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms waiting for ${what}`)), ms)
    timer.unref()
  })
  return { p, cancel: () => clearTimeout(timer) }
}

// Runs one pass (warmup or measured) of M messages in the given mode.
async function runPass (bot, collector, texts, mode) {
  const M = texts.length
  const tSend = new Float64Array(M)
  let t0, t1
  if (mode === 'serial') {
    t0 = now()
    for (let i = 0; i < M; i++) {
      tSend[i] = now()
      const replied = collector.waitFor(i) // registered before send: a synchronous reply is caught too
      const done = bot.send(texts[i], i)
      await replied
      await done
    }
    t1 = now()
  } else {
    const dones = new Array(M)
    t0 = now()
    for (let i = 0; i < M; i++) {
      tSend[i] = now()
      dones[i] = bot.send(texts[i], i)
    }
    await collector.waitAll()
    await Promise.all(dones)
    t1 = now()
  }
  return { tSend, elapsed: t1 - t0 }
}

function verify (collector, expected) {
  const errs = collector.errors.slice(0, 5)
  let bad = 0
  for (let i = 0; i < expected.length; i++) {
    if (collector.got[i] !== expected[i]) {
      if (errs.length < 5) errs.push(`id ${i}: expected ${JSON.stringify(expected[i])} got ${JSON.stringify(collector.got[i])}`)
      bad++
    }
  }
  if (bad || collector.errors.length) {
    throw new Error(`reply verification failed (${bad} wrong/missing, ${collector.errors.length} extra):\n  ${errs.join('\n  ')}`)
  }
}

const round = (x, d) => Number(x.toFixed(d))

/**
 * @param {object} h
 * @param {string} h.framework
 * @param {string|function():string} h.version
 * @param {function({K:number, deliver:(id:number,text:string)=>void}):Promise<{send:(text:string,id:number)=>Promise<any>, close?:()=>any}>} h.setup
 *   Build the bot with K commands + the hear listener. deliver(id, text) must be
 *   called once per reply, where id is the message id passed to send().
 *   send(text, id) injects one inbound message and returns a promise that
 *   settles when the framework has finished processing it.
 */
export async function runBenchmark (h) {
  let opts
  try { opts = parseArgs() } catch (e) { console.error(e.message); process.exit(2) }
  const { k: K, m: M, mode, seed, warmup } = opts

  if (opts.dump) {
    for (const t of makeMessages(K, opts.dump, seed).texts) console.log(t)
    return
  }

  // The bot's adapter calls deliver(); route it to the collector of the current pass.
  let collector = null
  const deliver = (id, text) => collector.deliver(id, text)

  const bot = await h.setup({ K, deliver })
  const tReady = performance.timeOrigin + now()
  const t0Epoch = process.env.BENCH_T0_EPOCH_MS ? Number(process.env.BENCH_T0_EPOCH_MS) : performance.timeOrigin
  const startupMs = tReady - t0Epoch

  // A reply that never comes: the timer below (env BENCH_TIMEOUT_MS, default 600 s) fires if the
  // framework keeps the event loop alive; if nothing does, Node exits with code 13 (unsettled
  // top-level await) and this hook says why.
  process.on('exit', (code) => {
    if ((code === 13 || process.exitCode === 13) && collector) console.error(`[${h.framework}] stalled: ${collector.received}/${collector.M} replies received, event loop drained (a reply never came)`)
  })
  const limit = timeoutAfter(Number(process.env.BENCH_TIMEOUT_MS || 600000), 'replies')
  try {
    if (warmup > 0) {
      const w = makeMessages(K, warmup, seed + 1)
      collector = new Collector(warmup)
      await Promise.race([runPass(bot, collector, w.texts, mode), limit.p])
      verify(collector, w.expected)
    }
    const { texts, expected } = makeMessages(K, M, seed)
    collector = new Collector(M)
    const cpu0 = process.cpuUsage()
    const { tSend, elapsed } = await Promise.race([runPass(bot, collector, texts, mode), limit.p])
    const cpu = process.cpuUsage(cpu0)
    limit.cancel()
    verify(collector, expected)

    const lat = new Float64Array(M)
    for (let i = 0; i < M; i++) lat[i] = collector.tReply[i] - tSend[i]
    lat.sort()
    const pct = (p) => lat[Math.max(0, Math.ceil(p * M) - 1)]

    const out = {
      framework: h.framework,
      version: typeof h.version === 'function' ? h.version() : h.version,
      K,
      M,
      mode,
      msgs_per_sec: round(M / (elapsed / 1000), 1),
      p50_ms: round(pct(0.50), 4),
      p99_ms: round(pct(0.99), 4),
      peak_rss_mb: round(process.resourceUsage().maxRSS / 1024, 1),
      startup_ms: round(startupMs, 1),
      seed,
      warmup,
      elapsed_ms: round(elapsed, 1),
      cpu_ms: round((cpu.user + cpu.system) / 1000, 1),
      runtime: `node ${process.version}`
    }
    if (bot.close) await bot.close()
    process.stdout.write(JSON.stringify(out) + '\n', () => process.exit(0))
  } catch (e) {
    console.error(`[${h.framework}] ${e.stack || e}`)
    process.exit(1)
  }
}
