import type { Clock, ClockTimer } from './clock.ts';

interface PendingTimer {
  readonly id: number;
  readonly due: number;
  readonly fn: () => void;
}

/** Let every promise chain started so far run to its next real wait. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A {@link Clock} that only moves when told to: `advance(ms)` runs every timer that falls due, in order of due
 * time (then creation), with `now()` set to that timer's time, including timers set by the timers it runs.
 * Pass it to `createTestBot({ clock })` to test pollers and cron schedules without waiting.
 *
 * @example
 * ```ts
 * import { ManualClock } from 'banter/testing';
 * const clock = new ManualClock(new Date('2025-01-06T08:00:00Z'));
 * let fired = 0;
 * clock.setTimeout(() => fired++, 1_000);
 * await clock.advance(1_000);
 * // fired === 1, clock.pending === 0
 * ```
 */
export class ManualClock implements Clock {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, PendingTimer>();

  /** Start at `start` (a Date or epoch milliseconds); 2025-01-01T00:00:00Z when not given. */
  constructor(start: Date | number = Date.UTC(2025, 0, 1)) {
    this.#now = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.#now;
  }

  /** The current time as a Date. */
  get date(): Date {
    return new Date(this.#now);
  }

  setTimeout(fn: () => void, ms: number): ClockTimer {
    const id = this.#nextId++;
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    this.#timers.set(id, { id, due: this.#now + delay, fn });
    return id;
  }

  clearTimeout(timer: ClockTimer): void {
    if (typeof timer === 'number') this.#timers.delete(timer);
  }

  /** How many timers are waiting to fire. */
  get pending(): number {
    return this.#timers.size;
  }

  /** When the earliest waiting timer fires, or undefined when none waits. */
  get nextDue(): Date | undefined {
    const next = this.#earliest(Infinity);
    return next ? new Date(next.due) : undefined;
  }

  /**
   * Move time forward by `ms`, running each timer as its time comes. After each timer, and at the end, it
   * lets pending promise callbacks run, so async work started by a timer gets as far as it can without
   * real I/O or other real timers. Resolves once time is `now + ms`.
   */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`ManualClock.advance(${ms}): time only moves forward`);
    const target = this.#now + ms;
    await settle();
    for (let timer = this.#earliest(target); timer; timer = this.#earliest(target)) {
      this.#timers.delete(timer.id);
      this.#now = Math.max(this.#now, timer.due);
      timer.fn();
      await settle();
    }
    this.#now = target;
    await settle();
  }

  /** Move time forward to `when` (see {@link advance}); a time in the past throws RangeError. */
  advanceTo(when: Date | number): Promise<void> {
    const at = typeof when === 'number' ? when : when.getTime();
    return this.advance(at - this.#now);
  }

  #earliest(limit: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const timer of this.#timers.values()) {
      if (timer.due > limit) continue;
      if (!best || timer.due < best.due || (timer.due === best.due && timer.id < best.id)) best = timer;
    }
    return best;
  }
}
