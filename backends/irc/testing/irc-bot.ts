import { createBot, createLogger, createSilentLogger, isRoom, type Bot, type Logger, type Message, type PluginClass } from 'banter';
import { ChangeWaiter, type ChatDriver } from 'banter/testing';
import { IrcBackend, type IrcSentMessage } from '../irc-backend.ts';
import { ircBackendOptions, type IrcBackendOptionsInput } from '../options.ts';
import { same, type IrcHuman } from './irc-human.ts';

/** The IRC backend with a window on what it sends: every {@link IrcSentMessage}, in order, awaitable. */
export class ObservedIrcBackend extends IrcBackend {
  readonly sent: IrcSentMessage[] = [];
  readonly #waiter = new ChangeWaiter();

  override async send(message: Message): Promise<IrcSentMessage> {
    const sent = await super.send(message);
    this.sent.push(sent);
    this.#waiter.changed();
    return sent;
  }

  /** The first `count` messages sent at or after index `from` to `target` (a channel or nick), waiting at most `timeoutMs`. */
  waitForSent(target: string, count: number, from: number, timeoutMs = 5_000): Promise<IrcSentMessage[]> {
    const found = () => this.sent.slice(from).filter((s) => same(isRoom(s.to) ? s.to.name : s.to.nick, target));
    return this.#waiter.until(
      () => (found().length >= count ? found().slice(0, count) : undefined),
      timeoutMs,
      () => new Error(`gave up after ${timeoutMs} ms waiting for ${count} message(s) from the bot to ${target}; it sent ${found().length}`),
    );
  }
}

/** Options of a test bot on the test server; `irc` overrides the backend options. */
export interface IrcBotOptions {
  readonly port: number;
  readonly nick?: string;
  readonly channels?: IrcBackendOptionsInput['channels'];
  readonly plugins?: readonly PluginClass[];
  /** The bot's admins (aclattr globs). */
  readonly admins?: readonly string[];
  readonly irc?: Partial<IrcBackendOptionsInput>;
}

/**
 * A bot on the test server: plain text on 127.0.0.1, quick reconnects (100 ms, jitter 100 ms) and the given
 * flood control. `IRC_TEST_LOG=debug` shows its log on standard error.
 */
export async function startIrcBot(options: IrcBotOptions): Promise<{ bot: Bot; backend: ObservedIrcBackend }> {
  const nick = options.nick ?? 'banter';
  const backend = new ObservedIrcBackend(
    ircBackendOptions.parse({
      server: '127.0.0.1',
      port: options.port,
      tls: false,
      nick,
      channels: options.channels ?? [],
      rate: 50,
      burst: 50,
      reconnect: { initialMs: 100, maxMs: 500, jitterMs: 100 },
      ...options.irc,
    }),
    testLogger(),
  );
  const bot = await createBot({
    config: { name: 'banter', storage: { url: 'memory://' }, plugins: { builtins: false }, log: { level: 'silent' }, admins: [...(options.admins ?? [])] },
    backend,
    logger: testLogger(),
    plugins: options.plugins ?? [],
  });
  await bot.start();
  return { bot, backend };
}

function testLogger(): Logger {
  const level = process.env.IRC_TEST_LOG;
  return level ? createLogger({ level: level as 'debug' }) : createSilentLogger();
}

/**
 * The human's side of the shared end-to-end suite: say a line (in `room`, or privately to the bot) and
 * resolve with the bot's replies as the human received them. It waits for the bot to send `replies`
 * messages to that place, then for the human to receive every line they became, so a multi-line reply
 * (a card, a usage text) comes back as one reply, joined with "\n".
 */
export function ircChatDriver(human: IrcHuman, backend: ObservedIrcBackend, room: string, timeoutMs = 10_000): ChatDriver {
  return {
    room,
    async say(text, options) {
      const target = options?.room ?? backend.botIdentifier.nick;
      const replyTo = options?.room ?? human.nick;
      const replies = options?.replies ?? 1;
      const heard = human.mark();
      const sentFrom = backend.sent.length;
      const sending = backend.waitForSent(replyTo, replies, sentFrom, timeoutMs);
      human.say(target, text);
      const sent = await sending;
      const lineCounts = sent.map((s) => s.lines.length);
      const total = lineCounts.reduce((a, b) => a + b, 0);
      const bot = backend.botIdentifier.nick;
      const lines = await human.waitForAll((s) => s.type === 'privmsg' && same(s.nick, bot) && same(s.target, replyTo), total, {
        from: heard,
        timeoutMs,
        what: `${total} line(s) from ${bot} in ${replyTo}`,
      });
      const answers: string[] = [];
      let at = 0;
      for (const count of lineCounts) {
        answers.push(lines.slice(at, at + count).map((l) => l.text).join('\n'));
        at += count;
      }
      return answers;
    },
  };
}
