import type { Plugin, PluginClass } from '../plugin.ts';

/**
 * What the plugin manager tells about webhooks: a plugin's routes appear when it has been activated and
 * disappear when it is taken out of service, like its commands and cron schedules.
 */
export interface PluginWebhooks {
  /** Serve the `@webhook` methods of `instance`; throws (and serves none) when one cannot be served. */
  add(plugin: string, pluginClass: PluginClass, instance: Plugin<unknown>): void;
  /** Stop serving plugin `plugin`'s webhooks (nothing happens if it has none). */
  remove(plugin: string): void;
}
