import type { XmlElement } from '@xmpp/client';
import { createBot, createSilentLogger, type Bot, type BanterConfigInput, type Logger, type PluginClass } from 'banter';
import type { ChatDriver } from 'banter/testing';
import { xmppBackendOptions, type XmppBackendOptionsInput } from '../config.ts';
import { XmppBackend } from '../xmpp-backend.ts';
import { bodyOf, type XmppHuman } from './xmpp-human.ts';

/** The test server as the bot and the human see it. */
export interface XmppTestServer {
  readonly port: number;
  readonly domain: string;
  readonly mucDomain: string;
}

/** Password of every account the XMPP tests create. */
export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * Options for a bot on a local test server: plain TCP on loopback (tls.mode "none": the test server offers no
 * STARTTLS), and a reconnect backoff short enough for the outage tests (Banter's default starts at 1 s plus up to
 * 3 s of jitter).
 */
export function testBackendOptions(server: XmppTestServer, overrides: Partial<XmppBackendOptionsInput> = {}) {
  return xmppBackendOptions.parse({
    jid: `bot@${server.domain}`,
    password: TEST_PASSWORD,
    server: '127.0.0.1',
    port: server.port,
    tls: { mode: 'none' },
    reconnect: { initialMs: 100, factor: 1.5, maxMs: 1_000, jitterMs: 200 },
    timeoutMs: 5_000,
    ...overrides,
  });
}

/** A started bot on the XMPP backend with `plugins`, memory storage, no built-in plugins. */
export async function startXmppBot(
  server: XmppTestServer,
  plugins: readonly PluginClass[],
  options: { backend?: Partial<XmppBackendOptionsInput>; config?: BanterConfigInput; logger?: Logger } = {},
): Promise<{ bot: Bot; backend: XmppBackend }> {
  const logger = options.logger ?? createSilentLogger();
  const backend = new XmppBackend(testBackendOptions(server, options.backend), { botName: 'banter', log: logger });
  const bot = await createBot({
    config: { name: 'banter', backend: 'xmpp', storage: { url: 'memory://' }, plugins: { builtins: false }, ...options.config },
    backend,
    logger,
    plugins,
  });
  await bot.start();
  return { bot, backend };
}

/**
 * The human's side of the shared end-to-end suite: say a line to the bot (a direct message) or in `room`, and
 * collect the bot's messages there until `replies` have come, for at most `timeoutMs`.
 */
export function xmppChatDriver(human: XmppHuman, bot: { readonly jid: string; readonly nick: string }, room: string, timeoutMs = 5_000): ChatDriver {
  return {
    room,
    async say(text, options = {}) {
      const from = human.mark();
      const inRoom = options.room;
      if (inRoom) await human.say(inRoom, text, 'groupchat');
      else await human.say(bot.jid, text, 'chat');
      const fromBot = inRoom
        ? (s: XmlElement) => s.attrs.type === 'groupchat' && s.attrs.from === `${inRoom}/${bot.nick}`
        : (s: XmlElement) => s.attrs.type === 'chat' && s.attrs.from?.split('/')[0] === bot.jid;
      const replies = await human.collect((s) => bodyOf(s) !== undefined && fromBot(s), options.replies ?? 1, { from, timeoutMs });
      return replies.map((s) => bodyOf(s)!);
    },
  };
}
