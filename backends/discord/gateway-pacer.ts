import type { Backoff } from 'banter';
import {
  SimpleShardingStrategy,
  type GatewaySendPayload,
  type IShardingStrategy,
  type SessionInfo,
  type WebSocketOptions,
  type WebSocketShardDestroyOptions,
} from 'discord.js';

/** The @discordjs/ws manager a sharding strategy serves (discord.js's `ws.buildStrategy` argument). */
type GatewayManager = Parameters<NonNullable<WebSocketOptions['buildStrategy']>>[0];

/** Waits `ms`, or rejects when `signal` aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });

/**
 * When the gateway may be dialled again. @discordjs/ws reconnects on its own, half a second after every
 * failure, forever: right for one dropped connection (the session is resumed at once), a hammering loop
 * when the gateway cannot be reached. The pacer lets the first attempt after a working connection through
 * at once and spaces every further one with Banter's {@link Backoff} (exponential, with jitter), until a
 * connection works again. Once closed, no attempt is let through: a shard that was about to reconnect when
 * the client was destroyed never opens a socket.
 */
export class ReconnectPacer {
  readonly #backoff: Backoff;
  readonly #sleep: Sleep;
  readonly #onWait: (ms: number, attempt: number) => void;
  #attempts = 0;
  #generation = 0;
  #closed = new AbortController();

  constructor(backoff: Backoff, options: { sleep?: Sleep; onWait?: (ms: number, attempt: number) => void } = {}) {
    this.#backoff = backoff;
    this.#sleep = options.sleep ?? sleep;
    this.#onWait = options.onWait ?? (() => undefined);
  }

  /** Attempts since the last working connection (the one under way included). */
  get attempts(): number {
    return this.#attempts;
  }

  /** Start a new generation of shards; attempts of earlier ones are never let through again. */
  open(): number {
    this.#closed.abort();
    this.#closed = new AbortController();
    this.#attempts = 0;
    return ++this.#generation;
  }

  /** Stop letting attempts through, and end the waits under way. */
  close(): void {
    this.#generation++;
    this.#closed.abort();
  }

  /** A connection works (READY or RESUMED): the next drop is retried at once. */
  connected(): void {
    this.#attempts = 0;
    this.#backoff.reset();
  }

  /**
   * Resolves when a shard of `generation` may open a connection. For a closed or outdated generation it
   * never resolves (and holds no timer), so the shard stays idle and the process can exit.
   */
  async beforeConnect(generation: number): Promise<void> {
    if (generation !== this.#generation) return NEVER;
    this.#attempts++;
    if (this.#attempts === 1) return;
    const ms = this.#backoff.next();
    this.#onWait(ms, this.#attempts);
    const signal = this.#closed.signal;
    try {
      await this.#sleep(ms, signal);
    } catch {
      return NEVER;
    }
    if (generation !== this.#generation) return NEVER;
  }
}

const NEVER: Promise<never> = new Promise<never>(() => undefined);

/**
 * @discordjs/ws's simple in-process sharding, with every shard's reconnects paced by a {@link ReconnectPacer}.
 * Given to discord.js as `ws.buildStrategy` (a documented option), so the library's own heartbeat, resume and
 * re-identify logic runs unchanged. The pacing hooks in where a shard that has closed asks for its session
 * before it dials again: the manager's `retrieveSessionInfo`.
 */
export class PacedShardingStrategy implements IShardingStrategy {
  readonly #inner: SimpleShardingStrategy;
  readonly #pacer: ReconnectPacer;
  #generation = 0;

  constructor(manager: GatewayManager, pacer: ReconnectPacer) {
    this.#inner = new SimpleShardingStrategy(manager);
    this.#pacer = pacer;
    // Shards that closed and will dial again: their next session lookup is the reconnect's.
    const dialing = new Set<number>();
    const on = manager.on.bind(manager) as (event: string, listener: (payload: { shardId: number }) => void) => unknown;
    on('closed', ({ shardId }) => dialing.add(shardId));
    on('ready', () => pacer.connected());
    on('resumed', () => pacer.connected());
    const retrieve = manager.options.retrieveSessionInfo.bind(manager.options);
    manager.options.retrieveSessionInfo = async (shardId: number): Promise<SessionInfo | null> => {
      if (dialing.delete(shardId)) await pacer.beforeConnect(this.#generation);
      return retrieve(shardId);
    };
  }

  async spawn(shardIds: number[]): Promise<void> {
    this.#generation = this.#pacer.open();
    await this.#inner.spawn(shardIds);
  }

  connect(): Promise<void> {
    return this.#inner.connect();
  }

  async destroy(options?: Omit<WebSocketShardDestroyOptions, 'recover'>): Promise<void> {
    this.#pacer.close();
    await this.#inner.destroy(options);
  }

  send(shardId: number, payload: GatewaySendPayload): Promise<void> {
    return this.#inner.send(shardId, payload);
  }

  fetchStatus(): ReturnType<IShardingStrategy['fetchStatus']> {
    // Two copies of @discordjs/collection sit in the dependency tree; the value is the same class either way.
    return this.#inner.fetchStatus() as unknown as ReturnType<IShardingStrategy['fetchStatus']>;
  }
}
