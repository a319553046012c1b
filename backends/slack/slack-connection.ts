import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, type webApi } from '@slack/bolt';
import { Backoff, BanterError, systemClock, type Clock, type ClockTimer, type Logger } from 'banter';
import { boltLogger } from './bolt-logger.ts';
import type { SlackBackendOptions } from './options.ts';

/** What the connection tells the backend. */
export interface ConnectionEvents {
  /** Connected again after a drop (the first connection is `start()` resolving). */
  reconnected(): void;
  /** The Socket Mode connection went away; a reconnect is scheduled. */
  dropped(reason: string): void;
}

/** The bot as auth.test described it. */
export interface BotIdentity {
  readonly userId: string;
  readonly botId: string | undefined;
}

type State = 'idle' | 'up' | 'waiting' | 'stopped';

// How long a closing Socket Mode connection may take to finish its close handshake before it is cut: past that
// @slack/socket-mode would keep a 30 s timer alive (toolchain.md 2.5).
const CLOSE_GRACE_MS = 1_000;

/**
 * The Bolt app and how Slack reaches it: Socket Mode (the bot opens a WebSocket with the app-level token; no
 * public URL) or the HTTP Events API (Bolt's HTTPReceiver, which checks every request's signature and refuses
 * stale or badly signed ones). In Socket Mode the connection is kept up by Banter, not by the SDK: a dropped
 * socket is reopened with exponential backoff and jitter, a `disconnect` frame (Slack recycling its server) at
 * once; `stop()` waits for the socket to close so no timer is left behind.
 */
export class SlackConnection {
  readonly app: App;
  readonly #options: SlackBackendOptions;
  readonly #events: ConnectionEvents;
  readonly #log: Logger;
  readonly #clock: Clock;
  readonly #socket: SocketModeReceiver | undefined;
  readonly #http: HTTPReceiver | undefined;
  readonly #backoff: Backoff;
  #server: Server | undefined;
  #state: State = 'idle';
  #timer: ClockTimer | undefined;
  #refreshRequested = false;
  #attempt: Promise<void> | undefined;

  constructor(options: SlackBackendOptions, identity: BotIdentity, deps: { log: Logger; clock?: Clock; clientOptions: webApi.WebClientOptions; events: ConnectionEvents }) {
    this.#options = options;
    this.#events = deps.events;
    this.#log = deps.log;
    this.#clock = deps.clock ?? systemClock;
    this.#backoff = new Backoff(options.reconnect);
    const logger = boltLogger(deps.log);
    if (options.transport === 'socket') {
      this.#socket = new SocketModeReceiver({
        appToken: options.appToken!,
        logger,
        clientPingTimeout: options.clientPingTimeoutMs,
        autoReconnectEnabled: false,
        // apps.connections.open is retried by the reconnect loop below, not inside the SDK.
        installerOptions: { clientOptions: { ...deps.clientOptions, retryConfig: { retries: 0 } } },
      });
      this.#watchSocket();
    } else {
      this.#http = new HTTPReceiver({ signingSecret: options.signingSecret!, endpoints: options.http.path, logger, processBeforeResponse: false });
    }
    this.app = new App({
      token: options.botToken,
      botId: identity.botId,
      botUserId: identity.userId,
      receiver: this.#socket ?? this.#http,
      clientOptions: deps.clientOptions,
      logger,
      ignoreSelf: true,
      convoStore: false,
    });
  }

  /** Connect (Socket Mode: until `hello`) or start listening (HTTP). The first connection is not retried. */
  async start(): Promise<void> {
    if (this.#socket) {
      await this.#openSocket();
    } else {
      const { port, host } = this.#options.http;
      this.#server = (await this.app.start(host === undefined ? { port } : { port, host })) as Server;
    }
    this.#state = 'up';
  }

  /** Whether events can arrive now. */
  get up(): boolean {
    return this.#state === 'up';
  }

  /** Where the HTTP receiver listens (transport `http`), e.g. to learn the port when 0 was configured. */
  get address(): AddressInfo | undefined {
    const address = this.#server?.address();
    return typeof address === 'object' && address !== null ? address : undefined;
  }

  /** Close the connection or stop listening; resolves when the socket or server is closed and no timer is left. */
  async stop(): Promise<void> {
    this.#state = 'stopped';
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#socket) {
      const client = this.#socket.client;
      const closed = client.disconnect();
      let grace: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([closed.then(() => false), new Promise<boolean>((resolve) => (grace = setTimeout(() => resolve(true), CLOSE_GRACE_MS)))]);
      clearTimeout(grace);
      if (timedOut) {
        // The peer never finished the close handshake: a second disconnect() on a CLOSING socket cleans it up.
        client.websocket?.disconnect();
        await closed;
      }
      // A reconnect that was under way closes what it opened (see #reconnect); wait for that too.
      await this.#attempt;
      return;
    }
    if (this.#server) {
      const server = this.#server;
      this.#server = undefined;
      const stopping = this.app.stop();
      server.closeIdleConnections();
      await stopping;
    }
  }

  #watchSocket(): void {
    const client = this.#socket!.client;
    client.on('ws_message', (data: unknown) => {
      // Slack recycling its server says so first; then the reconnect need not wait.
      if (typeof data === 'string' && data.includes('"disconnect"') && /"type"\s*:\s*"disconnect"/.test(data)) this.#refreshRequested = true;
    });
    client.on('disconnected', (error?: unknown) => {
      if (this.#state !== 'up') return;
      this.#state = 'waiting';
      const reason = this.#refreshRequested ? 'Slack asked for a reconnect' : error instanceof Error ? error.message : 'the Socket Mode connection closed';
      this.#log.warn({ reason }, 'Slack: Socket Mode connection lost; reconnecting');
      this.#events.dropped(reason);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#state === 'stopped') return;
    const delay = this.#refreshRequested ? 0 : this.#backoff.next();
    this.#refreshRequested = false;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.#attempt = this.#reconnect().finally(() => (this.#attempt = undefined));
    }, delay);
  }

  async #reconnect(): Promise<void> {
    if (this.#state === 'stopped') return;
    try {
      await this.#openSocket();
    } catch (error) {
      if (this.#stopped()) return;
      this.#log.warn({ err: error, attempt: this.#backoff.attempts }, 'Slack: reconnect failed; trying again');
      this.#schedule();
      return;
    }
    // A stop() that came while the connection was opening wins: close what was just opened.
    if (this.#stopped()) {
      await this.#socket!.client.disconnect();
      return;
    }
    this.#backoff.reset();
    this.#state = 'up';
    this.#log.info('Slack: Socket Mode connection back');
    this.#events.reconnected();
  }

  /**
   * Open the Socket Mode connection, which is ready when Slack says `hello`. The SDK would wait for it forever on
   * a socket that opened but stays silent; after helloTimeoutMs the socket is closed and the attempt fails.
   */
  async #openSocket(): Promise<void> {
    const client = this.#socket!.client;
    const timeoutMs = this.#options.helloTimeoutMs;
    let timer: ClockTimer | undefined;
    const silent = new Promise<never>((_resolve, reject) => {
      timer = this.#clock.setTimeout(() => {
        reject(new BanterError('E_SLACK_HELLO_TIMEOUT', `Slack opened the Socket Mode connection but did not say hello within ${timeoutMs} ms; closed it.`));
      }, timeoutMs);
    });
    const started = client.start();
    try {
      await Promise.race([started, silent]);
    } catch (error) {
      started.catch(() => undefined); // disconnect() below ends the start() that was waiting for hello
      if (error instanceof BanterError && error.code === 'E_SLACK_HELLO_TIMEOUT') await client.disconnect();
      throw error;
    } finally {
      if (timer !== undefined) this.#clock.clearTimeout(timer);
    }
  }

  // A method, not a field read, because stop() may change the state while an await is pending.
  #stopped(): boolean {
    return this.#state === 'stopped';
  }
}
