import { dirname } from 'node:path';
import { collectPlugins } from '../create-bot.ts';
import { commandsOf } from '../commands/command-registry-metadata.ts';
import { EXIT } from './exit-codes.ts';
import { loadWithOverrides, type ConfigArgs } from './run-command.ts';

/** `banter plugins`: list the plugins config.ts loads, their commands, and any that fail to load. */
export async function listPlugins(args: ConfigArgs): Promise<number> {
  const { config, path } = await loadWithOverrides(args);
  const plugins = await collectPlugins(config, dirname(path), []);
  let failed = 0;
  for (const plugin of plugins) {
    if (!plugin.ok) {
      failed++;
      process.stdout.write(`${plugin.name}  FAILED  ${plugin.reason}\n`);
      continue;
    }
    const metadata = plugin.pluginClass.metadata!;
    const commands = commandsOf(plugin.pluginClass).map((c) => (c.kind === 'regex' ? c.syntax : config.prefix + c.name));
    process.stdout.write(`${metadata.name}  (${plugin.source})  ${metadata.description ?? ''}\n`);
    if (commands.length) process.stdout.write(`    ${commands.join(', ')}\n`);
  }
  return failed ? EXIT.failure : EXIT.ok;
}
