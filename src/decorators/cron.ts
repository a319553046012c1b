import { declareCron } from '../scheduling/cron-metadata.ts';
import { cronPattern } from '../scheduling/scheduler.ts';
import { assertLegacyDecorator } from './decorator-target.ts';

/** Options of {@link cron}. */
export interface CronOptions {
  /** IANA time zone the pattern is read in (`Europe/Berlin`); the bot process's zone when not given. */
  readonly timezone?: string;
  /** Shown in logs; the method name when not given. */
  readonly name?: string;
}

/**
 * Run a plugin method on a cron schedule while the plugin is active (croner syntax: five fields, or six with
 * seconds first; `@daily`-style nicknames). The method receives the time the run was due. An error or rejection
 * is logged and the schedule continues; a run still going when the next is due makes that next run skip.
 * A bad pattern or time zone throws BanterError `E_CRON_PATTERN` when the class is defined.
 *
 * @example
 * ```ts
 * import { Plugin, cron } from 'banter';
 * export class Standup extends Plugin {
 *   static override metadata = { name: 'standup' };
 *   @cron('0 9 * * 1-5', { timezone: 'Europe/Berlin' })
 *   async remind() {
 *     await this.send(this.queryRoom('#team'), 'Stand-up in 5 minutes');
 *   }
 * }
 * ```
 */
export function cron(pattern: string, options: CronOptions = {}) {
  cronPattern(pattern, options.timezone);
  return <Handler extends (at: Date) => unknown>(target: object, key: string, _descriptor: TypedPropertyDescriptor<Handler>): void => {
    assertLegacyDecorator('cron', key);
    declareCron(target.constructor, { method: key, pattern, name: options.name ?? key, timezone: options.timezone });
  };
}
