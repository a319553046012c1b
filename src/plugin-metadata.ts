import type { ZodSchema } from './config/zod-schema.ts';

/**
 * What a plugin says about itself, as `static metadata` on its class. Checked when the plugin is loaded.
 *
 * @example
 * ```ts
 * import { Plugin } from 'banter';
 * import { z } from 'banter/zod';
 * export class Deploys extends Plugin<{ defaultEnv: string }> {
 *   static override metadata = {
 *     name: 'deploys',
 *     description: 'Deploy services',
 *     version: '1.0.0',
 *     dependsOn: [],
 *     config: z.object({ defaultEnv: z.string().default('staging') }),
 *   };
 * }
 * ```
 */
export interface PluginMetadata {
  /** Unique name: lower-case letters, digits and `-`; also the storage namespace and the config key. */
  readonly name: string;
  /** One line for `help` and `plugins` listings. */
  readonly description?: string;
  readonly version?: string;
  /** Plugins that must be active before this one; only these are reachable through `getPlugin`. */
  readonly dependsOn?: readonly string[];
  /** Schema of the plugin's configuration (`plugins.config.<name>` in config.ts); defaults apply. */
  readonly config?: ZodSchema;
}

/** Plugin names: what `help`, config keys and storage namespaces use. */
export const PLUGIN_NAME = /^[a-z][a-z0-9-]*$/;
