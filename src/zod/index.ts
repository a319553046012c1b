/**
 * `banter/zod`: zod 4's classic API, the version Banter itself is built with, for plugins' and backends'
 * configuration schemas (`metadata.config`, `defineBackend({ options })`) and for checking webhook bodies.
 *
 * Banter accepts any zod 4 schema there, classic or mini; importing it from here keeps plugin packages on the
 * same zod as the Banter they run in. Banter's own schemas use `banter/zod/mini`, which loads a fraction of the
 * code, and the main `banter` entry does not load zod's classic API at all: a bot pays for it only when one of
 * its plugins imports it.
 *
 * @example
 * ```ts
 * import { z } from 'banter/zod';
 * const config = z.object({ defaultEnv: z.string().default('staging') });
 * ```
 */
export * from 'zod';
export { z } from 'zod';
