import { Backoff, BanterError, VERSION, type Logger } from 'banter';
import { Client } from 'irc-framework';
import type { IrcBackendOptions } from './options.ts';

/** What the connection tells its owner. */
export interface ConnectionEvents {
  /** Registered on the network (`first`: for the first time). Resolves when the bot may send. */
  registered(first: boolean): Promise<void>;
  /** A registered connection dropped; a reconnect is scheduled. */
  dropped(reason: string): void;
  /** The services account the bot is logged in as (SASL or NickServ), or undefined after a logout. */
  account(account: string | undefined): void;
}

type Phase = 'idle' | 'connecting' | 'up' | 'retrying' | 'stopped';

const QUIT_WAIT_MS = 2_000;

/**
 * One IRC connection for the life of the backend: the first connect, nick-in-use fallback, SASL (by
 * irc-framework) and NickServ identification, and reconnects with Banter's {@link Backoff} (exponential, with
 * jitter) after any drop, for ever, until {@link stop}. irc-framework's own reconnect is off: it gives up after
 * a few tries and only reconnects connections that had been up for more than 5 s.
 *
 * The first connect does not retry: a wrong host, port, password or certificate is reported at once (the
 * promise rejects with the reason) instead of being retried silently at start-up.
 */
export class IrcConnection {
  readonly client: Client;
  readonly #options: IrcBackendOptions;
  readonly #log: Logger;
  readonly #events: ConnectionEvents;
  readonly #backoff: Backoff;
  #phase: Phase = 'idle';
  #everRegistered = false;
  #nickCandidates: string[] = [];
  #lastProblem = '';
  #retryTimer: NodeJS.Timeout | undefined;
  #first: { resolve(): void; reject(error: Error): void } | undefined;
  #closed: (() => void) | undefined;

  constructor(options: IrcBackendOptions, log: Logger, events: ConnectionEvents) {
    this.#options = options;
    this.#log = log;
    this.#events = events;
    this.#backoff = new Backoff({ initialMs: options.reconnect.initialMs, maxMs: options.reconnect.maxMs, jitterMs: options.reconnect.jitterMs });
    this.client = new Client({
      host: options.server,
      port: options.port ?? (options.tls ? 6697 : 6667),
      tls: options.tls,
      rejectUnauthorized: options.tlsVerify,
      nick: options.nick,
      username: options.username ?? options.nick,
      gecos: options.realname,
      password: options.password,
      // Without `account`, irc-framework would also try the server password for SASL; {} turns that off.
      account: options.sasl ? { account: options.sasl.account, password: options.sasl.password } : {},
      sasl_disconnect_on_fail: options.sasl !== undefined,
      auto_reconnect: false,
      version: `Banter ${VERSION}`,
      encoding: 'utf8',
    });
    this.#listen();
  }

  /** Whether the bot is registered on the network now. */
  get up(): boolean {
    return this.#phase === 'up' && this.client.connected;
  }

  /** Connect and register; resolves once `registered(true)` has run, rejects with the reason on failure. */
  start(): Promise<void> {
    if (this.#phase !== 'idle') return Promise.reject(new BanterError('E_IRC_STATE', `The IRC connection cannot start: it is ${this.#phase}.`));
    return new Promise<void>((resolve, reject) => {
      this.#first = { resolve, reject };
      this.#attempt();
    });
  }

  /** QUIT (or abandon a connect in progress) and stop reconnecting; resolves once the socket is closed. */
  async stop(message = 'Banter stopping'): Promise<void> {
    const wasOpen = this.#phase === 'up' || this.#phase === 'connecting';
    this.#phase = 'stopped';
    clearTimeout(this.#retryTimer);
    if (!wasOpen) return;
    const closed = new Promise<void>((resolve) => (this.#closed = resolve));
    if (this.client.connected) this.client.quit(message.replace(/[\0\r\n]/g, ' '));
    else this.client.connection.end();
    // The server did not close within the wait: cut the socket, and stop waiting for a close event.
    const timer = setTimeout(() => {
      this.client.connection.end(undefined, true);
      this.#closed?.();
    }, QUIT_WAIT_MS);
    await closed;
    clearTimeout(timer);
  }

  #attempt(): void {
    this.#phase = 'connecting';
    this.#lastProblem = '';
    this.#nickCandidates = fallbackNicks(this.#options.nick, this.#options.altNicks);
    this.client.options.nick = this.#options.nick; // every attempt tries for the configured nick first
    this.client.connect();
  }

  #listen(): void {
    const client = this.client;
    // irc-framework leaves Nagle on: a burst of lines would leave in ~40 ms steps (servers.md §1).
    client.on('raw socket connected', (socket: { setNoDelay?(on: boolean): void }) => socket.setNoDelay?.(true));
    client.on('socket close', (error?: Error) => {
      if (error) this.#lastProblem ||= error.message;
    });
    client.on('close', () => this.#onClose());
    client.on('registered', () => void this.#onRegistered());
    for (const event of ['nick in use', 'nick invalid']) {
      client.on(event, (e: { nick: string; reason?: string }) => {
        if (this.#phase !== 'connecting') return; // a later NICK change that failed: keep the nick we have
        const next = this.#nickCandidates.shift();
        this.#log.warn({ nick: e.nick, next }, `IRC nick ${e.nick} refused (${e.reason ?? event}); trying another`);
        if (next) client.changeNick(next);
        else {
          this.#lastProblem = `the nick ${this.#options.nick} and every fallback were refused (${e.reason ?? event})`;
          client.quit('no usable nick');
        }
      });
    }
    client.on('irc error', (e: { error: string; reason?: string }) => {
      if (['password_mismatch', 'banned_from_network', 'irc'].includes(e.error)) this.#lastProblem ||= `${e.error}: ${e.reason ?? ''}`.trim();
    });
    client.on('sasl failed', (e: { reason: string; message?: string }) => {
      this.#lastProblem ||= `SASL login failed (${e.reason}${e.message ? `: ${e.message}` : ''})`;
    });
    client.on('loggedin', (e: { account: string }) => this.#events.account(e.account));
    client.on('loggedout', () => this.#events.account(undefined));
  }

  async #onRegistered(): Promise<void> {
    if (this.#phase === 'stopped') return;
    const first = !this.#everRegistered;
    this.#everRegistered = true;
    this.#phase = 'up';
    this.#backoff.reset();
    this.#identifyToNickServ();
    try {
      await this.#events.registered(first);
      if (first) this.#first?.resolve();
    } catch (error) {
      this.#log.error({ err: error }, 'IRC: setting up after registration failed');
      if (first) this.#first?.reject(error as Error);
    }
  }

  #onClose(): void {
    const phase = this.#phase;
    const reason = this.#lastProblem || 'the connection closed';
    if (phase === 'stopped') {
      this.#first?.reject(new BanterError('E_IRC_DISCONNECTED', 'The IRC backend was stopped before it connected.'));
      this.#closed?.();
      return;
    }
    if (!this.#everRegistered) {
      this.#phase = 'idle';
      const { port, tls } = this.client.options;
      this.#first?.reject(new BanterError('E_IRC_CONNECT', `Could not connect to the IRC server ${this.#options.server}:${port}${tls ? ' (TLS)' : ''}: ${reason}.`));
      return;
    }
    if (phase === 'up') this.#events.dropped(reason);
    this.#phase = 'retrying';
    const wait = this.#backoff.next();
    this.#log.warn({ reason, retryInMs: wait, attempt: this.#backoff.attempts }, 'IRC connection lost; reconnecting');
    this.#retryTimer = setTimeout(() => this.#attempt(), wait);
  }

  /** For networks without SASL: identify by private message. The password is never logged. */
  #identifyToNickServ(): void {
    const nickserv = this.#options.nickserv;
    if (!nickserv || this.#options.sasl) return;
    const who = nickserv.account ? `${nickserv.account} ` : '';
    this.client.raw(`PRIVMSG ${nickserv.service} :IDENTIFY ${who}${nickserv.password}`.replace(/[\0\r\n]/g, ''));
  }
}

/** Nicks to try after `nick`: the configured ones, then `nick_`, `nick__`, then a few with digits. */
function fallbackNicks(nick: string, alternatives: readonly string[]): string[] {
  const digits = () => String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const short = nick.slice(0, 6);
  return [...alternatives, `${nick}_`, `${nick}__`, `${short}${digits()}`, `${short}${digits()}`];
}
