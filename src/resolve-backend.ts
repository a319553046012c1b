import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Backend } from './backend.ts';
import { isBackendDefinition, type BackendContext, type BackendDefinition } from './backend-definition.ts';
import { BUILTIN_BACKENDS } from './builtins.ts';
import { ConfigError } from './errors/config-error.ts';
import { UnknownBackendError } from './errors/unknown-backend-error.ts';
import { formatZodIssues } from './config/format-zod-issues.ts';

/** Names of the backends that ship with Banter. */
export function builtinBackendNames(): string[] {
  return Object.keys(BUILTIN_BACKENDS);
}

/**
 * Find the definition of backend `name`: a built-in, or else an npm package of that name installed in the
 * bot project (`baseDir`), whose default export is a backend definition.
 */
export async function findBackend(name: string, baseDir: string): Promise<BackendDefinition<unknown>> {
  const builtin = BUILTIN_BACKENDS[name];
  if (builtin) return builtin();
  let url: string;
  try {
    url = pathToFileURL(createRequire(join(baseDir, 'package.json')).resolve(name)).href;
  } catch {
    throw new UnknownBackendError(name, [...builtinBackendNames(), `or an installed backend package (npm install ${name})`]);
  }
  const module = (await import(url)) as { default?: unknown };
  if (!isBackendDefinition(module.default)) {
    throw new UnknownBackendError(name, builtinBackendNames());
  }
  return module.default;
}

/** Build the configured backend, validating its options (`backends.<name>` in config.ts). */
export async function createBackend(name: string, context: BackendContext): Promise<Backend> {
  const definition = await findBackend(name, context.baseDir);
  const raw = context.config.backends[name] ?? {};
  let options: unknown = raw;
  if (definition.options) {
    const parsed = definition.options.safeParse(raw, { reportInput: true });
    if (!parsed.success) throw new ConfigError(formatZodIssues(parsed.error.issues, `backends.${name}`));
    options = parsed.data;
  }
  return definition.create(options, context);
}
