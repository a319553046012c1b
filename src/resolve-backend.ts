import type { Backend } from './backend.ts';
import { isBackendDefinition, type BackendContext, type BackendDefinition } from './backend-definition.ts';
import { BUILTIN_BACKENDS } from './builtins.ts';
import { ConfigError } from './errors/config-error.ts';
import { UnknownBackendError } from './errors/unknown-backend-error.ts';
import { BanterError } from './errors/banter-error.ts';
import { resolvePackage } from './resolve-package.ts';
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
  const found = await resolvePackage(name, baseDir);
  if ('missing' in found) throw new UnknownBackendError(name, builtinBackendNames());
  if ('error' in found) throw new BanterError('E_BACKEND_PACKAGE', `The backend package "${name}" cannot be imported: ${found.error}`);
  const module = (await import(found.url)) as { default?: unknown };
  if (!isBackendDefinition(module.default)) {
    throw new BanterError(
      'E_BACKEND_PACKAGE',
      `The package "${name}" is not a Banter backend: its default export must be defineBackend({ name, create }).`,
    );
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
