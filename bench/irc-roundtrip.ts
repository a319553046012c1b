// irc-roundtrip.ts — command round trip over a real ngircd on loopback, flood protection on:
// Banter against a bare irc-framework client-to-client round trip on the same server.
//
// Run:   node bin/run-ts.js bench/irc-roundtrip.ts [--n 200] [--warmup 20] [--gap 250] [--timeout 5000] [--json]
//        npm run bench:irc -- --n 200
//
// One ngircd (test/support/servers/ngircd.ts: 127.0.0.1, a free port, its default flood protection: a client may
// burst about 18 lines, then is held to about 3 lines a second). Two channels, set up the same way: the sender
// joins first, then the responder.
//   (a) Banter, #banter: a bot on the IRC backend (built from config, `backend: 'irc'`, as `banter run` builds
//       it) with one plugin whose `echo` command replies with its argument. The "human" (IrcHuman, an
//       irc-framework client) says `!echo <seq>` in the channel; round trip = its send → the bot's `<seq>`
//       received by the human (irc-framework's privmsg event).
//   (b) Floor, #floor: client A (IrcHuman) says `<seq>`; client B, a bare irc-framework client, answers the same
//       text at once from its privmsg handler (a bot with no framework); round trip = A's send → B's answer
//       received by A.
// Both clients with TCP_NODELAY, as the IRC backend sets it.
//
// Pacing, so that what is measured is latency and not a flood queue: one message in flight at a time; rounds
// alternate (Banter, floor, floor, Banter, …: the order flips every cycle) with a fixed pause of --gap ms
// after every round. So each of the four clients sends at most one line per 2 × gap (+ the round trips):
// 2 lines/s at the default 250 ms, under ngircd's 3 lines/s. The bot runs with `rate: 2, burst: 5` (its token
// bucket refills one token per cycle, so it never waits); with the backend's default `rate: 1` the bucket would
// run dry at this pace and the figures would show its queue. --warmup cycles (default 20) come first and are not
// counted. Every wait has a timeout (--timeout ms): a missing or wrong reply fails the run (exit 1). ngircd,
// the bot and the clients are stopped and the server's folder removed at the end, also on failure.
//
// Prints a text report, or with --json one JSON line. `others_cores` is the CPU the rest of the machine used
// during the measured cycles (busy ticks in /proc/stat minus this process and ngircd), in cores.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { command, createBot, createSilentLogger, Plugin, VERSION, type Bot, type Message } from 'banter';
import { Client } from 'irc-framework';
import { IrcHuman, same } from '../backends/irc/testing/irc-human.ts';
import { NGIRCD, startNgircd, type NgircdServer } from '../test/support/servers/ngircd.ts';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    gap: { type: 'string', default: '250' },
    timeout: { type: 'string', default: '5000' },
    json: { type: 'boolean', default: false },
  },
  strict: true,
});

function positiveInt(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be a whole number ≥ ${min} (got ${text})`);
    process.exit(2);
  }
  return value;
}

const N = positiveInt('n', args.n, 1);
const WARMUP = positiveInt('warmup', args.warmup, 0);
const GAP_MS = positiveInt('gap', args.gap, 0);
const TIMEOUT_MS = positiveInt('timeout', args.timeout, 1);
const BOT_RATE = 2;
const BOT_BURST = 5;
/** After the JOINs (1 s of ngircd penalty each), before the first round. */
const SETTLE_MS = 2_000;

const BANTER_CHANNEL = '#banter';
const FLOOR_CHANNEL = '#floor';
const BOT_NICK = 'banter';
const HUMAN_NICK = 'human';
const A_NICK = 'alice';
const B_NICK = 'bob';

const log = (text: string) => {
  if (!args.json) console.error(text);
};

class Echo extends Plugin {
  static override metadata = { name: 'bench-echo', description: 'The IRC round-trip benchmark: echo' };

  @command({ help: 'Replies with its argument', syntax: '<text>' })
  echo(_message: Message, text: string): string {
    return text;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting for ${what} after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The floor's responder: a bare irc-framework client that answers A's every line in `channel` with the same text. */
async function startResponder(port: number): Promise<Client> {
  const client = new Client({ auto_reconnect: false, version: null });
  client.on('raw socket connected', (socket: { setNoDelay?(on: boolean): void }) => socket.setNoDelay?.(true));
  const registered = new Promise<void>((resolve, reject) => {
    client.once('registered', () => resolve());
    client.once('close', () => reject(new Error(`${B_NICK} could not connect to 127.0.0.1:${port}`)));
  });
  client.connect({ host: '127.0.0.1', port, nick: B_NICK, username: B_NICK, gecos: B_NICK, account: {} });
  await withTimeout(registered, TIMEOUT_MS, `${B_NICK} to register`);
  const joined = new Promise<void>((resolve) => {
    const onJoin = (e: { nick: string; channel: string }) => {
      if (!same(e.nick, B_NICK) || !same(e.channel, FLOOR_CHANNEL)) return;
      client.off('join', onJoin);
      resolve();
    };
    client.on('join', onJoin);
  });
  client.join(FLOOR_CHANNEL);
  await withTimeout(joined, TIMEOUT_MS, `${B_NICK} to join ${FLOOR_CHANNEL}`);
  client.on('privmsg', (e: { nick: string; target: string; message: string }) => {
    if (e.nick === A_NICK && e.target === FLOOR_CHANNEL) client.say(FLOOR_CHANNEL, e.message);
  });
  return client;
}

async function quitBare(client: Client): Promise<void> {
  if (!client.connected) {
    client.connection.end();
    return;
  }
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  client.quit('bye');
  await withTimeout(closed, 3_000, `${B_NICK} to disconnect`).catch(() => client.connection.end(undefined, true));
}

/** One round: `sender` says `text` in `channel`, and we wait for `responder`'s `expected` there. Returns ms. */
async function roundTrip(sender: IrcHuman, channel: string, responder: string, text: string, expected: string): Promise<number> {
  const from = sender.mark();
  const sentAt = performance.now();
  sender.say(channel, text);
  const reply = await sender.waitFor((s) => s.type === 'privmsg' && same(s.nick, responder) && same(s.target, channel), {
    from,
    timeoutMs: TIMEOUT_MS,
    what: `${responder}'s answer to "${text}" in ${channel}`,
  });
  if (reply.text !== expected) throw new Error(`${responder} answered "${reply.text}" to "${text}" in ${channel}; expected "${expected}"`);
  return reply.at - sentAt;
}

interface Summary {
  n: number;
  p50_ms: number;
  p99_ms: number;
  mean_ms: number;
  max_ms: number;
  min_ms: number;
}

function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!; // nearest rank
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: sorted.length,
    p50_ms: round(pct(0.5)),
    p99_ms: round(pct(0.99)),
    mean_ms: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    max_ms: round(sorted.at(-1)!),
    min_ms: round(sorted[0]!),
  };
}

// ---- CPU accounting: what the rest of the machine used while we measured ----------------------------------
const HZ = 100; // USER_HZ on Linux
function machineBusyTicks(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
  return total - (f[3]! + (f[4] ?? 0));
}
function processTicks(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return 0;
  }
}

function ngircdVersion(): string {
  try {
    return execFileSync(NGIRCD, ['--version'], { encoding: 'utf8', timeout: 5_000 }).split('\n')[0]!.split('-')[0]!.trim();
  } catch {
    return 'unknown';
  }
}

// ---- the run ----------------------------------------------------------------------------------------------
const started = performance.now();
let server: NgircdServer | undefined;
let bot: Bot | undefined;
let human: IrcHuman | undefined;
let alice: IrcHuman | undefined;
let bob: Client | undefined;
let exitCode = 0;

try {
  server = await startNgircd(); // flood protection on (ngircd's default penalties)
  const port = server.port;
  log(`ngircd on 127.0.0.1:${port}, flood protection on`);

  // Same setup for both channels: the sender joins first, then the responder.
  human = await IrcHuman.connect({ port, nick: HUMAN_NICK, channels: [BANTER_CHANNEL], timeoutMs: TIMEOUT_MS });
  alice = await IrcHuman.connect({ port, nick: A_NICK, channels: [FLOOR_CHANNEL], timeoutMs: TIMEOUT_MS });

  const botJoined = human.mark();
  bot = await createBot({
    config: {
      name: 'banter',
      backend: 'irc',
      backends: { irc: { server: '127.0.0.1', port, tls: false, nick: BOT_NICK, channels: [BANTER_CHANNEL], rate: BOT_RATE, burst: BOT_BURST } },
      storage: { url: 'memory://' },
      plugins: { builtins: false },
      log: { level: 'silent' },
    },
    logger: createSilentLogger(),
    plugins: [Echo],
  });
  await withTimeout(bot.start(), 15_000, 'the bot to start');
  await human.waitFor((s) => s.type === 'join' && same(s.nick, BOT_NICK) && same(s.target, BANTER_CHANNEL), {
    from: botJoined,
    timeoutMs: TIMEOUT_MS,
    what: `${BOT_NICK} to join ${BANTER_CHANNEL}`,
  });

  const bobJoined = alice.mark();
  bob = await startResponder(port);
  await alice.waitFor((s) => s.type === 'join' && same(s.nick, B_NICK) && same(s.target, FLOOR_CHANNEL), {
    from: bobJoined,
    timeoutMs: TIMEOUT_MS,
    what: `${B_NICK} to join ${FLOOR_CHANNEL}`,
  });
  await sleep(SETTLE_MS);

  const banterRound = (seq: number) => roundTrip(human!, BANTER_CHANNEL, BOT_NICK, `!echo ${seq}`, String(seq));
  const floorRound = (seq: number) => roundTrip(alice!, FLOOR_CHANNEL, B_NICK, String(seq), String(seq));
  const banter: number[] = [];
  const floor: number[] = [];

  log(`${WARMUP} warm-up cycles, then ${N}; one message in flight, ${GAP_MS} ms after every round, order flips every cycle`);
  let busy0 = 0;
  let own0 = 0;
  let measureStart = 0;
  for (let cycle = 0; cycle < WARMUP + N; cycle++) {
    const measured = cycle >= WARMUP;
    if (cycle === WARMUP) {
      busy0 = machineBusyTicks();
      own0 = processTicks(process.pid) + processTicks(server.pid);
      measureStart = performance.now();
    }
    const order = cycle % 2 === 0 ? (['banter', 'floor'] as const) : (['floor', 'banter'] as const);
    for (const kind of order) {
      const ms = kind === 'banter' ? await banterRound(cycle) : await floorRound(cycle);
      if (measured) (kind === 'banter' ? banter : floor).push(ms);
      await sleep(GAP_MS);
    }
    if (!args.json && (cycle + 1) % 50 === 0) log(`  ${cycle + 1}/${WARMUP + N} cycles`);
  }
  const wallS = (performance.now() - measureStart) / 1000;
  const othersCores = Math.max(0, (machineBusyTicks() - busy0 - (processTicks(process.pid) + processTicks(server.pid) - own0)) / HZ / wallS);

  const b = summarize(banter);
  const f = summarize(floor);
  const ratio = (x: number, y: number) => Math.round((x / y) * 100) / 100;
  const result = {
    bench: 'irc-roundtrip',
    banter_version: VERSION,
    node: process.version,
    ngircd: ngircdVersion(),
    cores: availableParallelism(),
    flood_protection: true,
    pacing: { in_flight: 1, gap_ms: GAP_MS, order: 'alternating, flipped every cycle', warmup_cycles: WARMUP },
    bot_send_queue: { rate: BOT_RATE, burst: BOT_BURST },
    banter: b,
    floor: f,
    ratio: { p50: ratio(b.p50_ms, f.p50_ms), p99: ratio(b.p99_ms, f.p99_ms) },
    others_cores: Math.round(othersCores * 100) / 100,
    elapsed_s: Math.round((performance.now() - started) / 100) / 10,
  };

  if (args.json) console.log(JSON.stringify(result));
  else {
    const row = (name: string, s: Summary) =>
      `| ${name} | ${s.n} | ${s.p50_ms.toFixed(3)} | ${s.p99_ms.toFixed(3)} | ${s.mean_ms.toFixed(3)} | ${s.max_ms.toFixed(3)} |`;
    console.log(
      [
        '',
        `IRC round trip over ngircd ${result.ngircd} on 127.0.0.1, flood protection on; Banter ${VERSION}, Node ${process.version}, ${result.cores} cores`,
        `pacing: one message in flight, ${GAP_MS} ms pause after every round, Banter and floor rounds alternating; ${WARMUP} warm-up cycles not counted; bot send queue rate ${BOT_RATE}/s burst ${BOT_BURST}`,
        '',
        '| round trip | n | p50 ms | p99 ms | mean ms | max ms |',
        '|---|---:|---:|---:|---:|---:|',
        row('Banter (`!echo <seq>` → bot reply)', b),
        row('floor (bare irc-framework client → client)', f),
        '',
        `Banter ÷ floor: p50 ${result.ratio.p50}×, p99 ${result.ratio.p99}×`,
        `others' cores during the measured cycles: ${result.others_cores}; run took ${result.elapsed_s} s`,
      ].join('\n'),
    );
  }
} catch (error) {
  console.error(`irc-roundtrip failed: ${(error as Error).stack ?? error}`);
  exitCode = 1;
} finally {
  const stops: Array<[string, () => Promise<void>]> = [
    ['the bot', async () => void (await bot?.stop())],
    [HUMAN_NICK, async () => void (await human?.quit())],
    [A_NICK, async () => void (await alice?.quit())],
    [B_NICK, async () => void (bob && (await quitBare(bob)))],
    ['ngircd', async () => void (await server?.remove())],
  ];
  for (const [what, stop] of stops) {
    await withTimeout(stop(), 15_000, `${what} to stop`).catch((error: unknown) => {
      console.error(`irc-roundtrip: stopping ${what}: ${(error as Error).message}`);
      exitCode = 1;
    });
  }
}
process.exit(exitCode);
