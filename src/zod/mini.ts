/**
 * `banter/zod/mini`: zod 4's tree-shakable functional API (`z.optional(z.string())` rather than
 * `z.string().optional()`), which Banter's own schemas and the in-tree backends use so that start-up loads only
 * the zod code they call. Its schemas work everywhere `banter/zod`'s do. Unlike a bare `zod/mini`, it switches on
 * zod's English messages ("Too small: expected string to have >=1 characters") for issues a schema gives no
 * message of its own.
 *
 * Import it as a namespace, so that bundlers keep only the functions a schema calls:
 *
 * @example
 * ```ts
 * import * as z from 'banter/zod/mini';
 * const options = z.strictObject({ greeting: z._default(z.string(), 'hi') });
 * ```
 */
import './english-messages.ts';

export * from 'zod/mini';
export { z } from 'zod/mini';
