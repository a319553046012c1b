// baseline_dispatch.mjs — "physical limit" floor for the "dispatch" workload: no framework.
//
// Run:   node bench/baseline_dispatch.mjs --k 100 --m 20000 --mode serial   (from the repo root)
//        (--mode burst for the burst variant; workload, metrics and the fixed-seed message
//         sequence are in lib/harness.mjs, shared with every harness; no npm deps needed)
// Prints ONE JSON line: framework, version, K, M, mode, msgs_per_sec, p50_ms, p99_ms,
// peak_rss_mb, startup_ms (+ seed, warmup, elapsed_ms, cpu_ms, runtime).
//
// What one message costs here (the least any framework must do):
//   1. test the one "hear" regex (HEAR_RE) against the text — it never matches;
//   2. check the "!" prefix, split name / argument at the first space (indexOf + slice);
//   3. Map lookup name -> handler, direct call handler(arg) -> reply string;
//   4. `await` a resolved promise (one async hop, as any async reply path has);
//   5. hand the reply to the harness (deliver).
// Per-message framework overhead = framework time - this floor. The version field is
// the Node version, since the baseline has no package of its own.

import { runBenchmark, HEAR_RE } from './lib/harness.mjs'

await runBenchmark({
  framework: 'baseline',
  version: process.versions.node,
  async setup ({ K, deliver }) {
    const handlers = new Map()
    for (let n = 0; n < K; n++) handlers.set('cmd' + n, (arg) => arg)
    const hear = [{ re: HEAR_RE, fn: () => 'Nothing happens.' }]

    async function receive (text, id) {
      for (const h of hear) if (h.re.test(text)) deliver(id, h.fn(text))
      if (text.charCodeAt(0) !== 33 /* '!' */) return
      const sp = text.indexOf(' ')
      const name = sp < 0 ? text.slice(1) : text.slice(1, sp)
      const handler = handlers.get(name)
      if (handler === undefined) return
      const reply = await Promise.resolve(handler(sp < 0 ? '' : text.slice(sp + 1)))
      deliver(id, reply)
    }

    return { send: receive }
  }
})
