import type { PluginMetadata } from '../plugin-metadata.ts';
import type { KeyValueStore } from '../storage.ts';
import { formatZodIssues } from '../config/format-zod-issues.ts';
import { validateWithSchema } from '../config/zod-schema.ts';
import { PluginStateError } from '../errors/plugin-state-error.ts';
import { UserError } from '../errors/user-error.ts';

/** Where a plugin's configuration comes from: set in chat, config.ts, or its schema's defaults. */
export type PluginConfigurationSource = 'chat' | 'config.ts' | 'defaults';

/**
 * The plugins' configurations: what config.ts says (`plugins.config`), overridden by what admins set in chat,
 * which is kept in the core's store and so survives restarts; each validated against its plugin's schema.
 */
export class PluginConfigurations {
  readonly #fromFile: Readonly<Record<string, unknown>>;
  #store: KeyValueStore | undefined;

  constructor(fromFile: Readonly<Record<string, unknown>>) {
    this.#fromFile = fromFile;
  }

  /** Where configuration set from chat is kept (the core's own namespace), once storage is open. */
  useStore(store: KeyValueStore): void {
    this.#store = store;
  }

  /** A plugin's configuration as it applies now, not yet validated, and where it comes from. */
  async current(metadata: PluginMetadata): Promise<{ readonly value: unknown; readonly source: PluginConfigurationSource }> {
    // Only a plugin with a schema can be configured from chat (set() refuses the others): no need to ask the store.
    const stored = metadata.config ? await this.#store?.get(metadata.name) : undefined;
    if (stored !== undefined) return { value: stored, source: 'chat' };
    const fromFile = this.#fromFile[metadata.name];
    if (fromFile !== undefined) return { value: fromFile, source: 'config.ts' };
    const defaults = metadata.config && validateWithSchema(metadata.config, {});
    return { value: defaults?.success ? defaults.data : {}, source: 'defaults' };
  }

  /** Validate `raw` and keep it, so that it takes precedence over config.ts; nothing is kept when it is invalid. */
  async set(metadata: PluginMetadata, raw: unknown): Promise<void> {
    if (!metadata.config) throw new UserError(`Plugin "${metadata.name}" has no configuration.`);
    this.validate(metadata, raw);
    if (!this.#store) throw new PluginStateError(metadata.name, 'The bot has not started yet; configuration cannot be stored.');
    await this.#store.set(metadata.name, raw);
  }

  /** The configuration with the schema's defaults applied; UserError listing the problems if it is invalid. */
  validate(metadata: PluginMetadata, raw: unknown): unknown {
    if (!metadata.config) return raw ?? {};
    const parsed = validateWithSchema(metadata.config, raw ?? {});
    if (parsed.success) return parsed.data;
    const issues = formatZodIssues(parsed.issues, `plugins.config.${metadata.name}`);
    throw new UserError(`invalid configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, {
      code: 'E_PLUGIN_CONFIG',
    });
  }
}
