import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../errors/config-error.ts';
import type { BanterConfig } from './config-schema.ts';
import { validateConfig } from './validate-config.ts';

/** A configuration loaded from a file, with the file's location (relative paths in it start there). */
export interface LoadedConfig {
  readonly config: BanterConfig;
  readonly path: string;
}

/**
 * Import a config.ts (or .js) and validate its default export. A missing file, an import error and a bad
 * field each throw ConfigError with a message that says what to do.
 */
export async function loadConfig(path = 'config.ts', fresh = false): Promise<LoadedConfig> {
  const absolute = resolve(path);
  try {
    await access(absolute);
  } catch {
    throw new ConfigError(
      [{ path: '', message: `no configuration file at ${absolute}. Create one (see docs/configuration.md) or pass --config <file>.` }],
      path,
    );
  }
  let module: { default?: unknown };
  try {
    // A query string makes the module loader read the file again (for a restart after config.ts changed).
    const url = pathToFileURL(absolute).href + (fresh ? `?reload=${Date.now()}` : '');
    module = (await import(url)) as { default?: unknown };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new ConfigError([{ path: '', message: `${path} could not be loaded: ${reason}. Fix the error in the file and try again.` }], path);
  }
  if (module.default === undefined) {
    throw new ConfigError([{ path: '', message: `${path} has no default export; end it with \`export default defineConfig({ ... })\`.` }], path);
  }
  return { config: validateConfig(module.default, path), path: absolute };
}
