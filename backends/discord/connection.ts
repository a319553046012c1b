import { Backoff, BanterError, type Logger } from 'banter';
import { Client, Events, Partials, type ClientOptions } from 'discord.js';
import { PacedShardingStrategy, ReconnectPacer } from './gateway-pacer.ts';
import { createRestAgent, type RestAgent } from './rest-agent.ts';
import { PRIVILEGED_INTENTS, intentBits, type DiscordBackendOptions } from './options.ts';

/** What the connection tells the backend. */
export interface ConnectionHandlers {
  /** The gateway connection dropped; discord.js is getting it back (reported once per outage). */
  lost(reason: string): void;
  /** The session was resumed (nothing missed) or a new one started (after an invalid session). */
  back(resumed: boolean): void;
  /** Discord closed the gateway for good (token reset, intents taken away): reconnecting cannot help. */
  ended(reason: string): void;
}

/** Longest the first login may take before start-up gives up with an error. */
const LOGIN_TIMEOUT_MS = 60_000;

/** Discord's gateway close codes that end the session for good, with what to do about each. */
const FATAL_CLOSES: Readonly<Record<number, string>> = {
  4004: 'Discord refused the bot token (gateway close 4004 Authentication failed); reset it in the Developer Portal → Bot → Reset Token and update DISCORD_TOKEN',
  4010: 'Discord refused the shard (close 4010 Invalid shard)',
  4011: 'Discord requires sharding for this bot (close 4011 Sharding required)',
  4012: 'Discord refused the gateway version (close 4012 Invalid API version)',
  4013: 'Discord refused the intents (close 4013 Invalid intent(s)); check backends.discord.intents',
  4014: 'Discord refused a privileged intent (close 4014 Disallowed intent(s))',
};

/**
 * The discord.js client behind the backend: built from the options (intents, REST base URL, paced reconnects),
 * logged in with errors that say what to fix, and watched for drops. discord.js resumes the session after a
 * drop and identifies anew after an invalid session by itself; this class reports both, and a close that
 * ends the session for good.
 */
export class DiscordConnection {
  readonly client: Client;
  readonly #options: DiscordBackendOptions;
  readonly #log: Logger;
  readonly #handlers: ConnectionHandlers;
  #down = false;
  #destroyed = false;
  readonly #agent: RestAgent = createRestAgent();

  constructor(options: DiscordBackendOptions, log: Logger, handlers: ConnectionHandlers) {
    this.#options = options;
    this.#log = log;
    this.#handlers = handlers;
    const pacer = new ReconnectPacer(new Backoff(options.reconnect), {
      onWait: (ms, attempt) => log.warn({ attempt, waitMs: ms }, 'Discord gateway unreachable; waiting before the next attempt'),
    });
    const clientOptions: ClientOptions = {
      intents: intentBits(options.intents),
      // DMs arrive on channels discord.js has not cached; reactions on messages from before the bot started.
      partials: [Partials.Channel, Partials.Message, Partials.Reaction, Partials.User, Partials.GuildMember],
      // Plugin text never pings @everyone, @here or roles; people mentioned by name are notified.
      allowedMentions: { parse: ['users'], repliedUser: true },
      failIfNotExists: false,
      rest: {
        timeout: options.timeoutMs,
        agent: this.#agent as NonNullable<NonNullable<ClientOptions['rest']>['agent']>,
        ...(options.apiUrl ? { api: options.apiUrl.replace(/\/+$/, '') } : {}),
      },
      ws: { buildStrategy: (manager) => new PacedShardingStrategy(manager, pacer) },
    };
    this.client = new Client(clientOptions);
    this.client.on(Events.ShardReconnecting, () => this.#lost('the gateway connection closed'));
    this.client.on(Events.ShardResume, () => this.#back(true));
    this.client.on(Events.ShardReady, () => this.#back(false));
    this.client.on(Events.ShardDisconnect, (event) => this.#fatal(event.code));
    this.client.on(Events.ShardError, (error) => log.warn({ err: error }, 'Discord gateway error'));
    this.client.on(Events.Warn, (message) => log.warn({ discord: message }, 'discord.js warning'));
    this.client.rest.on('rateLimited', (info) =>
      log.info({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global, scope: info.scope }, 'Discord rate limit: waiting'),
    );
  }

  /** Log in and wait until the guilds are known; throws a BanterError that names the fix. */
  async login(): Promise<void> {
    const client = this.client;
    let closeCode: number | undefined;
    const onClose = (event: { code: number }) => (closeCode = event.code);
    client.on(Events.ShardDisconnect, onClose);
    // ClientReady can fire before login() resolves: listen first (toolchain notes, Discord pitfalls).
    let timer: NodeJS.Timeout | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      client.once(Events.ClientReady, () => resolve());
      timer = setTimeout(() => reject(new BanterError('E_DISCORD_CONNECT', `Discord did not get ready within ${LOGIN_TIMEOUT_MS / 1000} s.`)), LOGIN_TIMEOUT_MS);
    });
    try {
      await Promise.race([client.login(this.#options.token).then(() => ready), ready]);
    } catch (error) {
      await this.destroy();
      throw this.#loginError(error, closeCode);
    } finally {
      clearTimeout(timer);
      client.off(Events.ShardDisconnect, onClose);
    }
    this.#log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, intents: this.#options.intents }, 'Discord connected');
  }

  /** Close the gateway and stop every timer; safe to call twice. */
  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    this.#destroyed = true;
    await this.client.destroy();
    await this.#agent.close();
  }

  #lost(reason: string): void {
    if (this.#down || this.#destroyed || !this.client.readyAt) return;
    this.#down = true;
    this.#handlers.lost(reason);
  }

  #back(resumed: boolean): void {
    if (!this.#down || this.#destroyed) return;
    this.#down = false;
    this.#handlers.back(resumed);
  }

  #fatal(code: number): void {
    if (this.#destroyed || !this.client.readyAt) return;
    this.#handlers.ended(this.#closeMessage(code));
  }

  #closeMessage(code: number): string {
    if (code === 4014) {
      const privileged = this.#options.intents.filter((intent) => PRIVILEGED_INTENTS.includes(intent));
      return `${FATAL_CLOSES[4014]}: switch on ${privileged.map((p) => INTENT_SWITCHES[p] ?? p).join(', ')} in the Developer Portal → your application → Bot → Privileged Gateway Intents. Without Message Content Intent every message would reach plugins empty`;
    }
    return FATAL_CLOSES[code] ?? `Discord closed the gateway (code ${code})`;
  }

  #loginError(error: unknown, closeCode: number | undefined): BanterError {
    if (error instanceof BanterError) return error;
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown }).code;
    if (code === 'TokenInvalid' || closeCode === 4004) {
      return new BanterError(
        'E_DISCORD_TOKEN',
        'Discord refused the bot token (401 Unauthorized). Copy it again from the Developer Portal → your application → Bot → Reset Token, and set DISCORD_TOKEN.',
        { cause: error },
      );
    }
    if (closeCode === 4014 || /disallowed intents/i.test(message)) {
      return new BanterError('E_DISCORD_INTENTS', `${this.#closeMessage(4014)}.`, { cause: error });
    }
    if (closeCode === 4013 || /invalid intents/i.test(message)) {
      return new BanterError('E_DISCORD_INTENTS', `${FATAL_CLOSES[4013]}.`, { cause: error });
    }
    return new BanterError('E_DISCORD_CONNECT', `Could not connect to Discord: ${message}`, { cause: error });
  }
}

/** How each privileged intent is called in the Developer Portal. */
const INTENT_SWITCHES: Readonly<Record<string, string>> = {
  MessageContent: 'Message Content Intent',
  GuildMembers: 'Server Members Intent',
  GuildPresences: 'Presence Intent',
};
