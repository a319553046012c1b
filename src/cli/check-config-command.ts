import { collectPlugins } from '../create-bot.ts';
import { findBackend } from '../resolve-backend.ts';
import { storageSchemes } from '../builtins.ts';
import { formatZodIssues } from '../config/format-zod-issues.ts';
import { validateWithSchema } from '../config/zod-schema.ts';
import { dirname } from 'node:path';
import { EXIT } from './exit-codes.ts';
import { loadWithOverrides, type ConfigArgs } from './run-command.ts';

/**
 * `banter check-config`: validate config.ts, the backend's options, and every plugin's configuration without
 * connecting anywhere. Prints each problem with its fix.
 */
export async function checkConfig(args: ConfigArgs): Promise<number> {
  const { config, path } = await loadWithOverrides(args);
  const baseDir = dirname(path);
  const backend = await findBackend(config.backend, baseDir);
  const problems: string[] = [];
  if (backend.options) {
    const parsed = validateWithSchema(backend.options, config.backends[config.backend] ?? {});
    if (!parsed.success) {
      for (const issue of formatZodIssues(parsed.issues, `backends.${config.backend}`)) problems.push(`  - ${issue.path}: ${issue.message}`);
    }
  }
  const scheme = config.storage.url.slice(0, config.storage.url.indexOf(':'));
  if (!(await storageSchemes()).includes(scheme)) {
    problems.push(`  - storage.url: unknown storage "${scheme}:"; use one of ${(await storageSchemes()).map((s) => `"${s}://…"`).join(', ')}`);
  }
  for (const plugin of await collectPlugins(config, baseDir, [])) {
    if (!plugin.ok) {
      problems.push(`  - plugin ${plugin.name}: ${plugin.reason}`);
      continue;
    }
    const metadata = plugin.pluginClass.metadata!;
    const parsed = metadata.config && validateWithSchema(metadata.config, config.plugins.config[metadata.name] ?? {});
    if (parsed && !parsed.success) {
      for (const issue of formatZodIssues(parsed.issues, `plugins.config.${metadata.name}`)) problems.push(`  - ${issue.path}: ${issue.message}`);
    }
  }
  if (problems.length) {
    process.stderr.write(`banter: ${args.config} has problems:\n${problems.join('\n')}\n`);
    return EXIT.usage;
  }
  process.stdout.write(`${args.config} is valid: backend ${config.backend}, storage ${config.storage.url}.\n`);
  return EXIT.ok;
}
