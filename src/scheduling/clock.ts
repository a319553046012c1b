/** An opaque timer handle, returned by {@link Clock.setTimeout} and accepted by {@link Clock.clearTimeout}. */
export type ClockTimer = unknown;

/**
 * Where the scheduler gets the time and its timers. The bot uses {@link systemClock} (`Date.now` and Node's
 * timers); tests pass a `ManualClock` from `banter/testing` to move time forward without waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Call `fn` once, `ms` milliseconds from now. */
  setTimeout(fn: () => void, ms: number): ClockTimer;
  /** Cancel a timer that has not fired; unknown or fired timers are ignored. */
  clearTimeout(timer: ClockTimer): void;
}

/** Real time: `Date.now()`, `setTimeout`, `clearTimeout`. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number): ClockTimer => setTimeout(fn, ms),
  clearTimeout: (timer: ClockTimer): void => clearTimeout(timer as ReturnType<typeof setTimeout>),
});
