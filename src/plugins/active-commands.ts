import type { CommandSpec } from '../commands/command-spec.ts';
import type { CommandTable } from '../dispatch/command-table.ts';
import type { CommandInfo } from '../plugin-services.ts';
import type { PluginManager } from './plugin-manager.ts';

/**
 * The commands of the active plugins, plugin by plugin in activation order: what `help` lists and what a backend
 * announces to its service (Discord's slash commands).
 */
export function activeCommands(manager: PluginManager, table: CommandTable): CommandInfo[] {
  const infos: CommandInfo[] = [];
  for (const plugin of manager.info()) {
    if (!manager.instance(plugin.name)) continue;
    for (const name of plugin.commands) {
      const entry = table.get(name);
      if (entry?.plugin === plugin.name) infos.push(toInfo(plugin.name, entry.spec));
    }
    for (const entry of [...table.prefixedRegex, ...table.hearRegex]) {
      if (entry.plugin === plugin.name) infos.push(toInfo(plugin.name, entry.spec));
    }
  }
  return infos;
}

function toInfo(plugin: string, spec: CommandSpec): CommandInfo {
  return {
    name: spec.name,
    plugin,
    kind: spec.kind,
    help: spec.help,
    syntax: spec.syntax,
    hidden: spec.hidden,
    admin: spec.admin,
    aliases: spec.aliases,
    prefixed: spec.kind === 'regex' ? spec.prefixed : true,
  };
}
