import type { ZodSchema } from './config/zod-schema.ts';
import type { Backend } from './backend.ts';
import type { Capabilities } from './capabilities.ts';
import type { BanterConfig } from './config/config-schema.ts';
import type { Logger } from './logger.ts';

/** What a backend factory receives besides its own options. */
export interface BackendContext {
  /** The bot's name from config (nick on IRC, resource on XMPP…). */
  readonly botName: string;
  readonly log: Logger;
  /** The whole validated configuration. */
  readonly config: BanterConfig;
  /** Folder of config.ts; relative paths in options start here. */
  readonly baseDir: string;
}

/**
 * How a backend module presents itself, in-tree or as an npm package: its name, the Banter versions it works
 * with, what it can do, the schema of its options (`backends.<name>` in config.ts) and a factory. A backend
 * package's default export is one of these (see docs/writing-a-backend.md).
 *
 * @example
 * ```ts
 * import { defineBackend } from 'banter';
 * import { z } from 'banter/zod';
 * import { createTestBackend } from 'banter/testing';
 * export default defineBackend({
 *   name: 'example',
 *   banter: '^0.1.0',
 *   capabilities: { threads: true, reactions: true, cards: true, files: true, edits: true, typing: true },
 *   options: z.object({ greeting: z.string().default('hi') }),
 *   create: (_options, context) => createTestBackend({ botName: context.botName }),
 * });
 * ```
 */
export interface BackendDefinition<Options = unknown> {
  /** Short name of the service (`mychat`); the backend's `mode` should be the same. */
  readonly name: string;
  readonly description?: string;
  /**
   * The Banter versions this backend works with, as an npm range (`^0.1.0`). Banter refuses to load a backend
   * package whose range does not include the running Banter, and says which side to upgrade. Without it, the
   * package's `peerDependencies.banter` is checked instead; with neither, nothing is checked.
   */
  readonly banter?: string;
  /**
   * What the backend can do, declared without connecting (listings, `banter check-config`). When given, the
   * backend that `create` returns must report exactly these capabilities, or it is refused at start-up.
   */
  readonly capabilities?: Capabilities;
  /** Validates `backends.<name>`; its messages should say which setting or environment variable to set. */
  readonly options?: ZodSchema<Options>;
  create(options: Options, context: BackendContext): Backend | Promise<Backend>;
}

/** Type-check a {@link BackendDefinition}; returns it unchanged. */
export function defineBackend<Options>(definition: BackendDefinition<Options>): BackendDefinition<Options> {
  return definition;
}

/** Whether `value` looks like a {@link BackendDefinition} (used when loading backend packages). */
export function isBackendDefinition(value: unknown): value is BackendDefinition<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as BackendDefinition).name === 'string' &&
    typeof (value as BackendDefinition).create === 'function'
  );
}
