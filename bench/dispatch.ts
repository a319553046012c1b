// dispatch.ts — the "dispatch" workload (lib/harness.mjs, shared with the peer harnesses) on Banter.
//
// Run:   node bin/run-ts.js bench/dispatch.ts --k 100 --m 20000 --mode serial     (through tsx)
//        node bench/build.mjs && node bench/dist/dispatch.mjs --k 100 ...         (bundle: fast start-up)
//        extra option, stripped before the harness parses the rest: --plugins P (default 10)
// Prints ONE JSON line (framework "banter", version = banter's VERSION), like every peer harness.
//
// How Banter is driven (nothing patched, only public API):
//   * K commands cmd0..cmd{K-1}, spread round-robin over P generated Plugin subclasses. Each is a
//     method registered through the real @command decorator and replies with its argument text.
//   * One more plugin with a @regexCommand(HEAR_RE, { prefixed: false }) that never matches. Note:
//     Banter, like Errbot, tries "hear" patterns only on messages that are not a command, so on this
//     traffic (all commands) it is never evaluated; Hubot tests it on every message.
//   * createBot() with the BenchBackend below, memory storage, built-in plugins off, silent logger.
//   * send(text, id): a person types `text` in a DM to the bot: a Message from the test backend's default
//     person to the bot, with the harness id as its service id, delivered with Backend.receive(), the
//     path TestBackend.say() uses; its promise settles when the bot has finished with the message.
//     The reply is handed to the harness (and so timestamped) synchronously inside the backend's send().

import { createBot, createSilentLogger, command, regexCommand, Message, Plugin, VERSION, type PlainCommandHandler, type PluginClass, type SentMessage } from 'banter';
import { TestBackend } from 'banter/testing';
import { runBenchmark, HEAR_RE } from './lib/harness.mjs';

/** Takes `--plugins P` (or `--plugins=P`) out of argv, because the shared harness rejects unknown flags. */
function takePluginsOption(argv: string[]): number {
  const at = argv.findIndex((a) => a === '--plugins' || a.startsWith('--plugins='));
  if (at < 0) return 10;
  const inline = argv[at]!.startsWith('--plugins=');
  const value = Number(inline ? argv[at]!.slice('--plugins='.length) : argv[at + 1]);
  argv.splice(at, inline ? 1 : 2);
  if (!Number.isInteger(value) || value < 1) {
    console.error('--plugins must be a positive integer');
    process.exit(2);
  }
  return value;
}

/**
 * The test backend, minus its reply recorder: TestBackend.send() keeps every reply in `sent` (and through
 * inReplyTo every inbound message), which would inflate peak RSS with M messages. Like Hubot's bench adapter
 * (its TextMessage carries the harness id as the message id), the inbound message's service id is the harness
 * id, so a reply names the message it answers without a lookup table.
 */
class BenchBackend extends TestBackend {
  readonly #deliver: (id: number, text: string) => void;

  constructor(deliver: (id: number, text: string) => void) {
    super({ botName: 'banter' });
    this.#deliver = deliver;
  }

  inject(text: string, id: number): Promise<void> {
    return this.receive(new Message({ body: text, id: String(id), frm: this.defaultUser, to: this.botIdentifier }));
  }

  override async send(message: Message): Promise<SentMessage> {
    const origin = message.inReplyTo?.id;
    this.#deliver(origin === undefined ? -1 : Number(origin), message.body);
    return { id: this.nextId(), to: message.to, threadId: message.threadId };
  }
}

/** A plugin class owning `names`, each a real @command method (one closure per command, like K handlers). */
function commandPlugin(index: number, names: readonly string[]): PluginClass {
  class Commands extends Plugin {
    static override metadata = { name: `bench-${index}` };
  }
  for (const name of names) {
    const descriptor: TypedPropertyDescriptor<PlainCommandHandler> = {
      value: (_message: Message, args: string) => args,
      writable: true,
      configurable: true,
    };
    Object.defineProperty(Commands.prototype, name, descriptor);
    command({ name })(Commands.prototype, name, descriptor);
  }
  return Commands;
}

class Hear extends Plugin {
  static override metadata = { name: 'bench-hear' };

  @regexCommand(HEAR_RE, { prefixed: false })
  hear(): string {
    return 'Nothing happens.';
  }
}

const pluginCount = takePluginsOption(process.argv);

await runBenchmark({
  framework: 'banter',
  version: VERSION,
  async setup({ K, deliver }) {
    const names: string[][] = Array.from({ length: pluginCount }, () => []);
    for (let n = 0; n < K; n++) names[n % pluginCount]!.push(`cmd${n}`);
    const backend = new BenchBackend(deliver);
    const bot = await createBot({
      config: { backend: 'test', storage: { url: 'memory://' }, plugins: { builtins: false } },
      backend,
      logger: createSilentLogger(),
      plugins: [...names.map((owned, i) => commandPlugin(i, owned)), Hear],
    });
    await bot.start();
    return { send: (text, id) => backend.inject(text, id), close: () => bot.stop() };
  },
});
