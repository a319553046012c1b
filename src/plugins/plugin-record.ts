import type { Plugin, PluginClass } from '../plugin.ts';
import type { PluginMetadata } from '../plugin-metadata.ts';
import type { PluginState } from '../plugin-services.ts';

/** What the plugin manager keeps about one plugin. */
export interface PluginRecord {
  readonly name: string;
  /** Missing when the plugin failed before its class was known (an import error). */
  readonly pluginClass: PluginClass | undefined;
  readonly metadata: PluginMetadata;
  /** Where it came from: `builtin`, a folder, a package name, or `class`. */
  readonly source: string;
  state: PluginState;
  error: string | undefined;
  instance: Plugin<unknown> | undefined;
}
