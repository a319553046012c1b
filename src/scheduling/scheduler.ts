import type * as Croner from 'croner';
import { loadOnFirstUse } from '../load-on-first-use.ts';
import type { Logger } from '../logger.ts';
import { BanterError } from '../errors/banter-error.ts';
import { systemClock, type Clock, type ClockTimer } from './clock.ts';

/** Longest delay Node's setTimeout accepts; longer waits are made of several timers. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** A running poller or cron schedule. */
export interface ScheduledJob {
  /** Unique within the scheduler. */
  readonly id: number;
  readonly kind: 'poller' | 'cron';
  /** The function's or method's name, or the `name` option. */
  readonly name: string;
  /** The plugin that started it, if any. */
  readonly owner: string | undefined;
  /** When it is next due; undefined once stopped or when the schedule has no further run. */
  readonly nextRunAt: Date | undefined;
  /** Whether a run is in progress. */
  readonly running: boolean;
  /** False once stopped. */
  readonly active: boolean;
  /** Stop it: no further runs start (a run in progress finishes). Safe to call more than once. */
  stop(): void;
}

/** What a job runs; it receives the time it was due. Errors and rejections are logged, not thrown. */
export type JobFunction = (at: Date) => unknown;

/** Options common to pollers and cron schedules. */
export interface JobOptions {
  readonly name?: string;
  /** The plugin it belongs to (shown in logs and `jobs()`). */
  readonly owner?: string;
  /** Where its errors go; the scheduler's logger otherwise. */
  readonly log?: Logger;
}

/** Options of a cron schedule. */
export interface CronScheduleOptions extends JobOptions {
  /** IANA time zone the pattern is read in (`Europe/Berlin`); the process's zone when not given. */
  readonly timezone?: string;
}

// croner is loaded when the first schedule is declared: most bots have none, and start without parsing it.
const loadCroner = loadOnFirstUse<typeof Croner>('croner');

/**
 * A croner pattern evaluator (no timer of its own: croner only starts timers when given a function). Throws
 * BanterError E_CRON_PATTERN for a bad pattern or time zone.
 */
export function cronPattern(pattern: string, timezone?: string): Croner.Cron {
  try {
    const cron = new (loadCroner().Cron)(pattern, timezone === undefined ? {} : { timezone });
    cron.nextRun(); // an unknown time zone only shows when a date is converted
    return cron;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new BanterError('E_CRON_PATTERN', `invalid cron schedule "${pattern}"${timezone ? ` (time zone ${timezone})` : ''}: ${reason}`, {
      cause: err,
    });
  }
}

/**
 * Runs pollers and cron schedules on a {@link Clock}. One per bot (a core service); plugins use it through
 * `this.startPoller()` and `@cron`, and the plugin manager stops a plugin's jobs when it is deactivated.
 *
 * Every job works the same way: one clock timer for its next due time; when it fires, the following due time is
 * armed first, then the function runs unless its previous run is still going (that run is skipped and logged
 * at debug). Errors and rejections are logged and the schedule continues.
 */
export class Scheduler {
  readonly clock: Clock;
  readonly #log: Logger | undefined;
  readonly #jobs = new Set<Job>();
  #nextId = 1;

  constructor(clock: Clock = systemClock, log?: Logger) {
    this.clock = clock;
    this.#log = log;
  }

  /** Run `fn` every `intervalMs`, the first time `intervalMs` from now. */
  every(intervalMs: number, fn: JobFunction, options: JobOptions = {}): ScheduledJob {
    if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
      throw new BanterError('E_POLLER_INTERVAL', `a poller's interval must be a positive number of milliseconds, not ${intervalMs}`);
    }
    return this.#start('poller', (after) => after + intervalMs, fn, options);
  }

  /** Run `fn` at the times `pattern` (croner syntax, e.g. `0 9 * * 1-5`) describes. */
  cron(pattern: string, fn: JobFunction, options: CronScheduleOptions = {}): ScheduledJob {
    const cron = cronPattern(pattern, options.timezone);
    return this.#start('cron', (after) => cron.nextRun(new Date(after))?.getTime(), fn, { ...options, name: options.name ?? pattern });
  }

  /** The jobs that are not stopped, oldest first. */
  jobs(): ScheduledJob[] {
    return [...this.#jobs];
  }

  /** Stop every job. */
  stopAll(): void {
    for (const job of [...this.#jobs]) job.stop();
  }

  #start(kind: ScheduledJob['kind'], next: (after: number) => number | undefined, fn: JobFunction, options: JobOptions): ScheduledJob {
    const log = options.log ?? this.#log;
    const job = new Job(this.#nextId++, kind, options.name || fn.name || 'anonymous', options.owner, this.clock, next, fn, log, (j) =>
      this.#jobs.delete(j),
    );
    this.#jobs.add(job);
    job.arm(this.clock.now());
    return job;
  }
}

class Job implements ScheduledJob {
  readonly id: number;
  readonly kind: ScheduledJob['kind'];
  readonly name: string;
  readonly owner: string | undefined;
  readonly #clock: Clock;
  readonly #next: (after: number) => number | undefined;
  readonly #fn: JobFunction;
  readonly #log: Logger | undefined;
  readonly #onStop: (job: Job) => void;
  #timer: ClockTimer | undefined;
  #due: number | undefined;
  #running = false;
  #active = true;

  constructor(
    id: number,
    kind: ScheduledJob['kind'],
    name: string,
    owner: string | undefined,
    clock: Clock,
    next: (after: number) => number | undefined,
    fn: JobFunction,
    log: Logger | undefined,
    onStop: (job: Job) => void,
  ) {
    this.id = id;
    this.kind = kind;
    this.name = name;
    this.owner = owner;
    this.#clock = clock;
    this.#next = next;
    this.#fn = fn;
    this.#log = log;
    this.#onStop = onStop;
  }

  get nextRunAt(): Date | undefined {
    return this.#active && this.#due !== undefined ? new Date(this.#due) : undefined;
  }

  get running(): boolean {
    return this.#running;
  }

  get active(): boolean {
    return this.#active;
  }

  stop(): void {
    if (!this.#active) return;
    this.#active = false;
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#due = undefined;
    this.#onStop(this);
  }

  /** Set the timer for the first due time after `after`; stop when there is none. */
  arm(after: number): void {
    const due = this.#next(after);
    if (due === undefined) {
      this.stop();
      return;
    }
    this.#due = due;
    this.#wait();
  }

  #wait(): void {
    const delay = Math.min(Math.max(this.#due! - this.#clock.now(), 0), MAX_DELAY_MS);
    this.#timer = this.#clock.setTimeout(() => this.#fire(), delay);
  }

  #fire(): void {
    this.#timer = undefined;
    if (!this.#active || this.#due === undefined) return;
    const now = this.#clock.now();
    const due = this.#due;
    if (now < due) {
      // A long wait made of several timers, or a timer that fired a little early.
      this.#wait();
      return;
    }
    this.arm(Math.max(now, due));
    if (this.#running) {
      this.#log?.debug({ job: this.name, kind: this.kind, due: new Date(due) }, `${this.kind} "${this.name}" is still running; skipped this run`);
      return;
    }
    this.#run(new Date(due));
  }

  #run(at: Date): void {
    this.#running = true;
    let result: unknown;
    try {
      result = this.#fn(at);
    } catch (err) {
      this.#failed(err);
      this.#running = false;
      return;
    }
    if (typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function') {
      this.#running = false;
      return;
    }
    Promise.resolve(result as PromiseLike<unknown>).then(
      () => {
        this.#running = false;
      },
      (err: unknown) => {
        this.#failed(err);
        this.#running = false;
      },
    );
  }

  #failed(err: unknown): void {
    this.#log?.error({ err, job: this.name, kind: this.kind }, `${this.kind} "${this.name}" failed; it keeps its schedule`);
  }
}
