import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { client, xml, type Client, type XmlElement } from '@xmpp/client';
import { BanterError, type Backoff, type Logger } from 'banter';
import { describeConnectError } from './connect-errors.ts';

/** How to reach and log in to the server. */
export interface ConnectionOptions {
  /** `xmpp://host:port` (STARTTLS), `xmpps://host:port` (direct TLS) or a bare domain (DNS SRV lookup). */
  readonly service: string;
  readonly domain: string;
  readonly username: string;
  readonly password: string;
  readonly resource: string | undefined;
  /** Refuse to authenticate on a stream that is not encrypted. */
  readonly requireEncryption: boolean;
  /** Bound on opening a stream and on each reconnect attempt. */
  readonly timeoutMs: number;
  readonly backoff: Backoff;
  readonly log: Logger;
}

/** What the connection reports to the backend. */
export interface ConnectionHandlers {
  stanza(stanza: XmlElement): void;
  /** A new session is up, the first or after a reconnect: send presence, join rooms. */
  online(first: boolean): Promise<void>;
  /** The connection dropped; reported once per outage. */
  lost(reason: unknown): void;
  /** Another login took over this resource: reconnecting would only take it back and forth. */
  ended(reason: string): void;
}

/**
 * One XMPP client session kept alive: xmpp.js does the protocol (TLS, SASL, resource binding), this class the
 * policy. It authenticates only over an encrypted stream unless told otherwise, replaces xmpp.js's fixed 1 s
 * reconnect with Banter's {@link Backoff} (exponential, with jitter, so a restarted server is not hit by every
 * bot at once), bounds each attempt, and listens to `error` so a server shutdown never throws in the process.
 */
export class XmppConnection {
  readonly #client: Client;
  readonly #options: ConnectionOptions;
  readonly #handlers: ConnectionHandlers;
  #established = false;
  #stopping = false;
  #down = false;
  #timer: NodeJS.Timeout | undefined;
  #lastError: unknown;
  #onlineWork: Promise<void> = Promise.resolve();

  constructor(options: ConnectionOptions, handlers: ConnectionHandlers) {
    this.#options = options;
    this.#handlers = handlers;
    const { username, password, requireEncryption } = options;
    this.#client = client({
      service: options.service,
      domain: options.domain,
      resource: options.resource,
      timeout: options.timeoutMs,
      credentials: async (authenticate, mechanisms, _fast, entity) => {
        const secure = entity.isSecure();
        if (!secure && requireEncryption) throw insecure(options.service);
        // Over plain TCP (allowed only for loopback) prefer SCRAM, which never sends the password itself.
        const mechanism = secure ? mechanisms[0] : (mechanisms.find((m) => m !== 'PLAIN') ?? mechanisms[0]);
        if (!mechanism) throw new BanterError('E_XMPP_AUTH', 'The XMPP server offers no SASL mechanism this client supports.');
        await authenticate({ username, password }, mechanism, userAgent(`${username}@${options.domain}/${options.resource ?? ''}`));
      },
    });
    this.#client.reconnect.stop();
    this.#client.on('error', (error: unknown) => this.#onError(error));
    this.#client.on('stanza', (stanza: XmlElement) => handlers.stanza(stanza));
    this.#client.on('online', () => this.#onOnline());
    this.#client.on('disconnect', () => this.#onDisconnect());
  }

  /** The address the server bound, `bot@example.org/resource`, once online. */
  get boundJid(): string | undefined {
    return this.#client.jid?.toString();
  }

  /** Whether a session is up now. */
  get online(): boolean {
    return this.#client.status === 'online';
  }

  /** Whether the stream is encrypted (direct TLS or STARTTLS). */
  get secure(): boolean {
    return this.#client.isSecure();
  }

  /**
   * Connect, authenticate, bind, and run the first `online` handler, all within twice the timeout (xmpp.js bounds
   * opening the stream, not SASL); rejects with a message naming the fix.
   */
  async start(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('login timed out'), { name: 'TimeoutError' })), 2 * this.#options.timeoutMs);
    });
    const login = (async () => {
      await this.#client.start();
      await this.#onlineWork;
    })();
    login.catch(() => undefined); // after the deadline, its late failure is already reported
    try {
      await Promise.race([login, deadline]);
    } catch (error) {
      this.#stopping = true;
      await this.#client.stop().catch(() => undefined);
      throw new BanterError('E_XMPP_CONNECT', describeConnectError(error, this.#options), { cause: error });
    } finally {
      clearTimeout(timer);
    }
    this.#established = true;
  }

  /** Close the session for good; no reconnect follows. */
  async stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#client.status === 'offline') return;
    await this.#client.stop().catch((error: unknown) => this.#options.log.debug({ err: error }, 'closing the XMPP stream failed'));
  }

  /** Write a stanza; throws when no session is up (the caller queues). */
  async write(stanza: XmlElement): Promise<void> {
    if (!this.online) throw new BanterError('E_XMPP_OFFLINE', 'The XMPP connection is down.');
    await this.#client.send(stanza);
  }

  /** Send an IQ and resolve with the server's result; rejects with the stanza error or after the timeout. */
  request(iq: XmlElement): Promise<XmlElement> {
    if (!this.online) return Promise.reject(new BanterError('E_XMPP_OFFLINE', 'The XMPP connection is down.'));
    return this.#client.iqCaller.request(iq, this.#options.timeoutMs);
  }

  #onOnline(): void {
    if (this.#stopping && this.#established) {
      // A reconnect attempt finished after stop(): close what it opened.
      this.#client.stop().catch(() => undefined);
      return;
    }
    const first = !this.#established;
    this.#down = false;
    this.#options.backoff.reset();
    this.#onlineWork = this.#handlers.online(first).catch((error: unknown) => {
      if (first) throw error;
      this.#options.log.error({ err: error }, 'XMPP session set-up after reconnect failed');
    });
  }

  #onDisconnect(): void {
    if (!this.#established || this.#stopping) return;
    if (!this.#down) {
      this.#down = true;
      this.#handlers.lost(this.#lastError);
    }
    this.#schedule();
  }

  #onError(error: unknown): void {
    this.#lastError = error;
    const condition = (error as { condition?: string }).condition;
    if (condition === 'conflict' && this.#established && !this.#stopping) {
      this.#stopping = true;
      clearTimeout(this.#timer);
      this.#handlers.ended('another client logged in with the same JID and resource; set a different "resource" for each bot');
      return;
    }
    // Reported, never thrown: an `error` event without a listener would end the process.
    const level = this.#established ? 'warn' : 'debug';
    this.#options.log[level]({ err: error, condition }, 'XMPP connection error');
  }

  #schedule(): void {
    if (this.#timer || this.#stopping) return;
    const delayMs = this.#options.backoff.next();
    this.#options.log.info({ delayMs, attempt: this.#options.backoff.attempts }, 'XMPP connection lost; reconnecting');
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#attempt();
    }, delayMs);
  }

  /** One reconnect: socket, stream, SASL, bind, bounded by the timeout; on failure the next one is scheduled. */
  async #attempt(): Promise<void> {
    if (this.#stopping) return;
    const c = this.#client;
    try {
      const online = once(c, 'online', { signal: AbortSignal.timeout(this.#options.timeoutMs) });
      online.catch(() => undefined); // awaited below unless reconnect() fails first
      await c.reconnect.reconnect();
      await online;
    } catch (error) {
      this.#lastError = error;
      if (this.#stopping) return;
      if (c.status !== 'disconnect') await c.disconnect().catch(() => undefined);
      this.#schedule();
    }
  }
}

/**
 * The XEP-0388 user agent SASL2 servers ask for (SASL1 ignores it): an id that stays the same for this login
 * across restarts, so the server recognises the bot rather than seeing a new device each time.
 */
function userAgent(login: string): XmlElement {
  const hex = createHash('sha256').update(login).digest('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return xml('user-agent', { id }, xml('software', {}, 'Banter'));
}

function insecure(service: string): BanterError {
  return new BanterError(
    'E_XMPP_INSECURE',
    `The XMPP server at ${service} did not encrypt the connection (no STARTTLS offered), so the password was not sent. ` +
      'Enable TLS on the server, use tls.mode "direct" if it has a TLS port, or, for a server on this machine only, tls.mode "none".',
  );
}
