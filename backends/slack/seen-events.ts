import { systemClock, type Clock } from 'banter';

/**
 * Remembers which deliveries were handled, so an event Slack sends again (a retry after a missed ack, a
 * redelivery after a reconnect, or the `app_mention` twin of a `message`) runs its command once. Keys are kept
 * for `ttlMs` (Slack retries within minutes) and at most `max` of them, oldest forgotten first.
 */
export class SeenEvents {
  readonly #seen = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #clock: Clock;

  constructor(options: { ttlMs?: number; max?: number; clock?: Clock } = {}) {
    this.#ttlMs = options.ttlMs ?? 15 * 60_000;
    this.#max = options.max ?? 10_000;
    this.#clock = options.clock ?? systemClock;
  }

  /** True the first time `key` is offered (within the window), false for repeats. */
  firstTime(key: string): boolean {
    const now = this.#clock.now();
    // Map keeps insertion order, so expired keys are at the front.
    for (const [old, at] of this.#seen) {
      if (now - at < this.#ttlMs && this.#seen.size < this.#max) break;
      this.#seen.delete(old);
    }
    if (this.#seen.has(key)) return false;
    this.#seen.set(key, now);
    return true;
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.#seen.size;
  }
}
