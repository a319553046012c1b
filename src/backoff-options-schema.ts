import * as z from 'zod';
import type { BackoffOptions } from './backoff.ts';

type BackoffDefaults = Partial<Omit<BackoffOptions, 'random'>>;

const ms = (example: string) => z.number({ error: `must be a number of milliseconds, e.g. ${example}` }).int();

/**
 * The `reconnect` option of a backend, validated for {@link Backoff}: `{ initialMs, factor, maxMs, jitterMs }`.
 * A field without a default here is left out, so Backoff's own default applies.
 *
 * @example
 * ```ts
 * import { backoffOptionsSchema, z } from 'banter';
 * const options = z.object({ reconnect: backoffOptionsSchema({ maxMs: 60_000 }) });
 * options.parse({}); // { reconnect: { maxMs: 60000 } }
 * ```
 */
export function backoffOptionsSchema(defaults: BackoffDefaults = {}) {
  const field = <T extends z.ZodType>(schema: T, fallback: number | undefined) =>
    fallback === undefined ? schema.optional() : (schema as z.ZodType<number>).default(fallback);
  return z
    .object(
      {
        initialMs: field(ms('1000').positive({ error: 'must be more than 0 ms' }), defaults.initialMs),
        factor: field(z.number({ error: 'must be a number, e.g. 1.75' }).min(1, { error: 'must be at least 1' }), defaults.factor),
        maxMs: field(ms('300000').positive({ error: 'must be more than 0 ms' }), defaults.maxMs),
        jitterMs: field(ms('3000').min(0, { error: 'must be 0 or more' }), defaults.jitterMs),
      },
      { error: 'must be { initialMs, factor, maxMs, jitterMs } (milliseconds, and a factor of at least 1)' },
    )
    .strict()
    .prefault({});
}
