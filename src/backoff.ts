/** Settings for {@link Backoff}. */
export interface BackoffOptions {
  /** First delay. Default 1000 ms. */
  readonly initialMs?: number;
  /** Multiplier per failed attempt. Default 1.75 (Errbot's). */
  readonly factor?: number;
  /** Longest delay. Default 10 minutes. */
  readonly maxMs?: number;
  /** Random extra delay, uniform in [0, jitterMs). Default 3000 ms. */
  readonly jitterMs?: number;
  /** Source of randomness in [0, 1), for tests. */
  readonly random?: () => number;
}

/**
 * Exponential backoff with jitter for reconnect loops, shared by every backend so each does not invent its own.
 *
 * @example
 * ```ts
 * import { Backoff } from 'banter';
 * const backoff = new Backoff({ initialMs: 500, maxMs: 30_000 });
 * const wait = backoff.next(); // 500 ms plus up to 3 s jitter; the next call waits longer
 * backoff.reset();             // after a successful connect
 * console.log(wait > 0);
 * ```
 */
export class Backoff {
  readonly #initialMs: number;
  readonly #factor: number;
  readonly #maxMs: number;
  readonly #jitterMs: number;
  readonly #random: () => number;
  #attempt = 0;

  constructor(options: BackoffOptions = {}) {
    this.#initialMs = options.initialMs ?? 1000;
    this.#factor = options.factor ?? 1.75;
    this.#maxMs = options.maxMs ?? 600_000;
    this.#jitterMs = options.jitterMs ?? 3000;
    this.#random = options.random ?? Math.random;
  }

  /** Failed attempts since the last reset. */
  get attempts(): number {
    return this.#attempt;
  }

  /** The delay before the next attempt, in ms; each call counts one failed attempt. */
  next(): number {
    const base = Math.min(this.#maxMs, this.#initialMs * this.#factor ** this.#attempt);
    this.#attempt += 1;
    return Math.round(base + this.#random() * this.#jitterMs);
  }

  /** Start again from the initial delay. */
  reset(): void {
    this.#attempt = 0;
  }
}
