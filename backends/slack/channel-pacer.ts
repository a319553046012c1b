import { BanterError, systemClock, type Clock, type ClockTimer } from 'banter';

/** Settings of a {@link ChannelPacer}. */
export interface PacerOptions {
  /** Sustained messages per second in one conversation. */
  readonly messagesPerSecond: number;
  /** Messages that may go at once after a quiet spell. */
  readonly burst: number;
  /** Where the time and timers come from (a ManualClock in tests). */
  readonly clock?: Clock;
}

interface Waiting {
  readonly run: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

interface Lane {
  tokens: number;
  refilledAt: number;
  readonly queue: Waiting[];
  busy: boolean;
  timer: ClockTimer | undefined;
}

/**
 * Paces what the bot posts, per conversation: a token bucket of `burst` messages refilled at `messagesPerSecond`
 * (Slack asks apps for about one message a second per channel). Each conversation has its own lane; tasks in a
 * lane run one at a time in the order given, so a reply that waits out a rate limit holds back the ones after it
 * instead of letting them overtake it. Nothing is dropped: every task runs, or fails with its own error.
 */
export class ChannelPacer {
  readonly #rate: number;
  readonly #burst: number;
  readonly #clock: Clock;
  readonly #lanes = new Map<string, Lane>();
  #closed: Error | undefined;

  constructor(options: PacerOptions) {
    this.#rate = options.messagesPerSecond;
    this.#burst = options.burst;
    this.#clock = options.clock ?? systemClock;
  }

  /** Run `task` in `conversation`'s lane once its turn and a token come; resolves with what it returns. */
  run<T>(conversation: string, task: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(this.#closed);
    return new Promise<T>((resolve, reject) => {
      const lane = this.#lane(conversation);
      lane.queue.push({ run: task, resolve: resolve as (value: unknown) => void, reject });
      this.#pump(conversation, lane);
    });
  }

  /** Tasks waiting, in all lanes. */
  get waiting(): number {
    let count = 0;
    for (const lane of this.#lanes.values()) count += lane.queue.length;
    return count;
  }

  /** Refuse new tasks and fail the waiting ones with `error`; timers are cleared. */
  close(error: Error = new BanterError('E_SLACK_DISCONNECTED', 'The Slack backend was disconnected before this message could be sent.')): void {
    this.#closed = error;
    for (const lane of this.#lanes.values()) {
      if (lane.timer !== undefined) this.#clock.clearTimeout(lane.timer);
      lane.timer = undefined;
      for (const waiting of lane.queue.splice(0)) waiting.reject(error);
    }
    this.#lanes.clear();
  }

  /** Accept tasks again after {@link close} (a new connection). */
  reopen(): void {
    this.#closed = undefined;
  }

  #lane(conversation: string): Lane {
    let lane = this.#lanes.get(conversation);
    if (!lane) {
      lane = { tokens: this.#burst, refilledAt: this.#clock.now(), queue: [], busy: false, timer: undefined };
      this.#lanes.set(conversation, lane);
    }
    return lane;
  }

  #refill(lane: Lane): void {
    const now = this.#clock.now();
    lane.tokens = Math.min(this.#burst, lane.tokens + ((now - lane.refilledAt) / 1000) * this.#rate);
    lane.refilledAt = now;
  }

  #pump(conversation: string, lane: Lane): void {
    if (lane.busy || lane.timer !== undefined || this.#closed) return;
    const next = lane.queue[0];
    if (!next) {
      this.#refill(lane);
      // An idle lane with a full bucket carries no state worth keeping.
      if (lane.tokens >= this.#burst) this.#lanes.delete(conversation);
      return;
    }
    this.#refill(lane);
    if (lane.tokens < 1) {
      const waitMs = Math.ceil(((1 - lane.tokens) / this.#rate) * 1000);
      lane.timer = this.#clock.setTimeout(() => {
        lane.timer = undefined;
        this.#pump(conversation, lane);
      }, waitMs);
      return;
    }
    lane.tokens -= 1;
    lane.queue.shift();
    lane.busy = true;
    let settled: Promise<unknown>;
    try {
      settled = next.run().then(next.resolve, next.reject);
    } catch (error) {
      next.reject(error);
      settled = Promise.resolve();
    }
    void settled.then(() => {
      lane.busy = false;
      this.#pump(conversation, lane);
    });
  }
}
