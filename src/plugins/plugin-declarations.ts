import type { Plugin, PluginClass } from '../plugin.ts';
import { PLUGIN_NAME, type PluginMetadata } from '../plugin-metadata.ts';
import { commandsOf, filtersOf } from '../commands/command-registry-metadata.ts';
import type { RegisteredFilter } from '../dispatch/command-executor.ts';
import type { CommandEntry } from '../dispatch/command-entry.ts';
import { BanterError } from '../errors/banter-error.ts';
import { PluginLoadError } from '../errors/plugin-load-error.ts';
import { cronsOf } from '../scheduling/cron-metadata.ts';
import type { PluginSchedule } from '../scheduling/plugin-schedule.ts';

// What a plugin class declares (metadata, @command methods, @cron methods), read and checked when the plugin
// manager registers or activates it.

/** The class's `static metadata`, checked: PluginLoadError saying what to write when it is missing or its name is not valid. */
export function validMetadata(pluginClass: PluginClass): PluginMetadata {
  const metadata = pluginClass.metadata;
  const className = pluginClass.name || 'anonymous class';
  if (!metadata || typeof metadata.name !== 'string') {
    throw new PluginLoadError(className, `add \`static override metadata = { name: '...' }\` to ${className}`);
  }
  if (!PLUGIN_NAME.test(metadata.name)) {
    throw new PluginLoadError(
      metadata.name,
      `its name must be lower-case letters, digits and "-", starting with a letter (e.g. "deploy-tools")`,
    );
  }
  return metadata;
}

/** Start the `@cron` schedules of a plugin instance. */
export function startCrons(pluginClass: PluginClass, instance: Plugin<unknown>, schedule: PluginSchedule): void {
  const methods = instance as unknown as Record<string, unknown>;
  for (const spec of cronsOf(pluginClass)) {
    const method = methods[spec.method];
    if (typeof method !== 'function') {
      throw new BanterError('E_PLUGIN_CRON', `${spec.method} is decorated with @cron but is not a method`);
    }
    schedule.cron(spec.pattern, (at) => method.call(instance, at) as unknown, { name: spec.name, timezone: spec.timezone });
  }
}

/** The command table's entries for a plugin instance's decorated commands, each bound to the instance. */
export function commandEntriesOf(plugin: string, pluginClass: PluginClass, instance: Plugin<unknown>): CommandEntry[] {
  const methods = instance as unknown as Record<string, unknown>;
  return commandsOf(pluginClass).map((spec) => {
    const method = methods[spec.method];
    if (typeof method !== 'function') {
      throw new BanterError('E_PLUGIN_COMMAND', `${spec.method} is decorated as a command but is not a method`);
    }
    return { spec, plugin, handler: method.bind(instance) as CommandEntry['handler'] };
  });
}

/** A plugin instance's `@commandFilter` methods, bound to it, for the executor. */
export function filtersOfInstance(plugin: string, pluginClass: PluginClass, instance: Plugin<unknown>): RegisteredFilter[] {
  const methods = instance as unknown as Record<string, RegisteredFilter['filter']>;
  return filtersOf(pluginClass).map((method) => ({ plugin, filter: methods[method]!.bind(instance) }));
}
