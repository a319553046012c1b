import type { Logger } from '../logger.ts';
import { PluginStateError } from '../errors/plugin-state-error.ts';
import type { CronScheduleOptions, JobFunction, ScheduledJob, Scheduler } from './scheduler.ts';

/**
 * One activation's share of the {@link Scheduler}: the jobs one plugin instance started. The plugin manager
 * makes one per activation and closes it after the plugin's deactivate hook (or when activation fails), which
 * stops every job it holds; starting a job on a closed schedule throws PluginStateError.
 */
export class PluginSchedule {
  readonly #scheduler: Scheduler;
  readonly #plugin: string;
  readonly #log: Logger;
  /** Each job with the function it was started with (what `stopPoller(fn)` looks for). */
  readonly #jobs = new Map<ScheduledJob, unknown>();
  #closed = false;

  constructor(scheduler: Scheduler, plugin: string, log: Logger) {
    this.#scheduler = scheduler;
    this.#plugin = plugin;
    this.#log = log;
  }

  /** Run `fn` every `intervalMs`; `key` is what {@link stop} matches (the plugin's function). */
  every(intervalMs: number, fn: JobFunction, key: unknown, name?: string): ScheduledJob {
    this.#assertOpen();
    return this.#track(this.#scheduler.every(intervalMs, fn, this.#options(name)), key);
  }

  /** Run `fn` on a cron pattern. */
  cron(pattern: string, fn: JobFunction, options: Pick<CronScheduleOptions, 'name' | 'timezone'> = {}): ScheduledJob {
    this.#assertOpen();
    return this.#track(this.#scheduler.cron(pattern, fn, { ...this.#options(options.name), timezone: options.timezone }), fn);
  }

  /** Stop `target` (a job, or every job started with that function); returns how many were stopped. */
  stop(target: unknown): number {
    let stopped = 0;
    for (const [job, key] of [...this.#jobs]) {
      if (job === target || key === target) {
        if (job.active) stopped++;
        job.stop();
        this.#jobs.delete(job);
      }
    }
    return stopped;
  }

  /** The jobs still running, oldest first. */
  jobs(): ScheduledJob[] {
    return [...this.#jobs.keys()].filter((job) => job.active);
  }

  /** Stop every job and refuse new ones. */
  close(): void {
    this.#closed = true;
    for (const job of this.#jobs.keys()) job.stop();
    this.#jobs.clear();
  }

  get closed(): boolean {
    return this.#closed;
  }

  #options(name: string | undefined): { name?: string; owner: string; log: Logger } {
    return name === undefined ? { owner: this.#plugin, log: this.#log } : { name, owner: this.#plugin, log: this.#log };
  }

  #track(job: ScheduledJob, key: unknown): ScheduledJob {
    // Forget stopped jobs as new ones start, so a plugin that starts and stops pollers does not grow the map.
    for (const old of this.#jobs.keys()) if (!old.active) this.#jobs.delete(old);
    this.#jobs.set(job, key);
    return job;
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new PluginStateError(this.#plugin, `Plugin "${this.#plugin}" is not active; it cannot start a poller or schedule.`);
    }
  }
}
