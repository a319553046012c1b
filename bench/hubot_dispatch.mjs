// hubot_dispatch.mjs — "dispatch" workload on Hubot (npm `hubot`, pinned 14.1.0 in peers-deps/package.json).
//
// Run:   (cd bench/peers-deps && npm ci) && node bench/hubot_dispatch.mjs --k 100 --m 20000 --mode serial
//        Hubot lives in bench/peers-deps/node_modules, not in banter's own dependencies, so it is
//        resolved from there explicitly (a bare `import('hubot')` would search bench/ and the repo root).
//        (--mode burst for the burst variant; see lib/harness.mjs for the workload,
//         the metrics and the fixed-seed message sequence, shared with every harness)
// Prints ONE JSON line: framework, version, K, M, mode, msgs_per_sec, p50_ms, p99_ms,
// peak_rss_mb, startup_ms (+ seed, warmup, elapsed_ms, cpu_ms, runtime).
//
// How Hubot is driven (idiomatic, nothing patched):
//   * Robot constructed with httpd disabled (no network), name "Hubot", alias "!",
//     so "!cmd42 hello 7" is addressed to the bot the way `hubot --alias '!'` does it.
//   * BenchAdapter subclasses hubot's Adapter: send()/reply() capture the strings and
//     hand them to the harness keyed by envelope.message.id; inject() builds a
//     hubot TextMessage and calls robot.receive() (what every real adapter does).
//   * K listeners via robot.respond(/cmdN(?:\s+(.*))?$/i, res => res.send(res.match[1]))
//     and one robot.hear(HEAR_RE) that never matches. The hear listener is registered
//     first (like a script loaded before the command scripts).
//   * robot.run() is called, so Hubot 14's built-in CommandBus receive-middleware is in
//     the path (it only takes messages of the form "Hubot <cmd>" / "! <cmd>"; ours pass
//     through it to the listeners). Handlers do not call res.finish(), as typical Hubot
//     scripts don't, so Hubot tests every listener's regex on every message: O(K) per message.
//   * HUBOT_LOG_LEVEL defaults to "error" here so pino's startup info lines do not mix
//     into the JSON output; log calls in the hot path are evaluated either way.

import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { runBenchmark, HEAR_RE } from './lib/harness.mjs'

process.env.HUBOT_LOG_LEVEL ??= 'error'
const peers = createRequire(new URL('./peers-deps/package.json', import.meta.url))
const { Robot, Adapter, TextMessage, User } = await import(pathToFileURL(peers.resolve('hubot')).href)
const hubotVersion = peers('hubot/package.json').version

class BenchAdapter extends Adapter {
  constructor (robot, deliver) {
    super(robot)
    this.name = 'BenchAdapter'
    this.deliver = deliver
    this.user = new User('1', { name: 'bench', room: 'bench' })
  }

  async send (envelope, ...strings) {
    for (const s of strings) this.deliver(envelope.message.id, s)
  }

  async reply (envelope, ...strings) {
    for (const s of strings) this.deliver(envelope.message.id, s)
  }

  async run () {
    this.emit('connected')
  }

  inject (text, id) {
    return this.robot.receive(new TextMessage(this.user, text, id))
  }
}

await runBenchmark({
  framework: 'hubot',
  version: hubotVersion,
  async setup ({ K, deliver }) {
    const adapterFactory = { name: 'BenchAdapter', use: (robot) => new BenchAdapter(robot, deliver) }
    const robot = new Robot(adapterFactory, false, 'Hubot', '!')
    await robot.loadAdapter()

    // the "script": one non-matching hear listener + K respond commands
    robot.hear(HEAR_RE, (res) => res.send('Nothing happens.'))
    for (let n = 0; n < K; n++) {
      robot.respond(new RegExp(`cmd${n}(?:\\s+(.*))?$`, 'i'), (res) => res.send(res.match[1] ?? ''))
    }

    await robot.run()
    const adapter = robot.adapter
    return {
      send: (text, id) => adapter.inject(text, id),
      close: () => robot.shutdown()
    }
  }
})
