import * as z from './zod/mini.ts';
import type { BackoffOptions } from './backoff.ts';

type BackoffDefaults = Partial<Omit<BackoffOptions, 'random'>>;

const ms = (example: string, ...checks: z.core.$ZodCheck<number>[]) =>
  z.number({ error: `must be a number of milliseconds, e.g. ${example}` }).check(z.int(), ...checks);

/** A field of the schema: Backoff's own default applies when `fallback` is undefined. */
function field(schema: z.ZodMiniNumber<number>, fallback: number | undefined) {
  return fallback === undefined ? z.optional(schema) : z._default(schema, fallback);
}

/**
 * The `reconnect` option of a backend, validated for {@link Backoff}: `{ initialMs, factor, maxMs, jitterMs }`.
 * A field without a default here is left out, so Backoff's own default applies. A zod/mini schema: it fits in
 * `banter/zod` and `banter/zod/mini` objects alike.
 *
 * @example
 * ```ts
 * import { backoffOptionsSchema } from 'banter';
 * import { z } from 'banter/zod';
 * const options = z.object({ reconnect: backoffOptionsSchema({ maxMs: 60_000 }) });
 * options.parse({}); // { reconnect: { maxMs: 60000 } }
 * ```
 */
export function backoffOptionsSchema(defaults: BackoffDefaults = {}) {
  return z.prefault(
    z.strictObject(
      {
        initialMs: field(ms('1000', z.positive({ error: 'must be more than 0 ms' })), defaults.initialMs),
        factor: field(z.number({ error: 'must be a number, e.g. 1.75' }).check(z.gte(1, { error: 'must be at least 1' })), defaults.factor),
        maxMs: field(ms('300000', z.positive({ error: 'must be more than 0 ms' })), defaults.maxMs),
        jitterMs: field(ms('3000', z.gte(0, { error: 'must be 0 or more' })), defaults.jitterMs),
      },
      { error: 'must be { initialMs, factor, maxMs, jitterMs } (milliseconds, and a factor of at least 1)' },
    ),
    {},
  );
}
