import { resolve } from 'node:path';
import type { Backend } from './backend.ts';
import type { BackendContext, BackendDefinition } from './backend-definition.ts';
import { BUILTIN_BACKENDS } from './builtins.ts';
import { CAPABILITIES } from './capabilities.ts';
import { ConfigError } from './errors/config-error.ts';
import { UnknownBackendError } from './errors/unknown-backend-error.ts';
import { BanterError } from './errors/banter-error.ts';
import { resolvePackage } from './resolve-package.ts';
import { formatZodIssues } from './config/format-zod-issues.ts';
import { validateWithSchema } from './config/zod-schema.ts';

/** Names of the backends that ship with Banter. */
export function builtinBackendNames(): string[] {
  return Object.keys(BUILTIN_BACKENDS);
}

/**
 * Find the definition of backend `name`: a built-in, or else an npm package of that name (scoped or not)
 * installed in the bot project (`baseDir`), whose default export is a backend definition for this Banter.
 * A missing package throws {@link UnknownBackendError} (with the `npm install` to run); a package that is not
 * a backend, or is made for another Banter, throws `E_BACKEND_PACKAGE` / `E_BACKEND_INCOMPATIBLE`.
 */
export async function findBackend(name: string, baseDir: string): Promise<BackendDefinition<unknown>> {
  const builtin = BUILTIN_BACKENDS[name];
  if (builtin) return builtin();
  const found = await resolvePackage(name, baseDir);
  if ('missing' in found) throw new UnknownBackendError(name, builtinBackendNames(), resolve(baseDir));
  if ('error' in found) {
    throw new BanterError('E_BACKEND_PACKAGE', `The backend package "${name}" cannot be imported: ${found.error}. Reinstall it (npm install ${name}).`);
  }
  // Loaded only for a backend package, so a bot on a built-in backend does not load semver at start-up.
  const { loadBackendPackage } = await import('./backend-package.ts');
  return loadBackendPackage(name, found.url);
}

/** Build the configured backend, validating its options (`backends.<name>` in config.ts). */
export async function createBackend(name: string, context: BackendContext): Promise<Backend> {
  const definition = await findBackend(name, context.baseDir);
  const raw = context.config.backends[name] ?? {};
  let options: unknown = raw;
  if (definition.options) {
    const parsed = validateWithSchema(definition.options, raw);
    if (!parsed.success) throw new ConfigError(formatZodIssues(parsed.issues, `backends.${name}`));
    options = parsed.data;
  }
  const backend = await definition.create(options, context);
  if (definition.capabilities) {
    const differ = CAPABILITIES.filter((c) => backend.capabilities[c] !== definition.capabilities![c]);
    if (differ.length > 0) {
      throw new BanterError(
        'E_BACKEND_PACKAGE',
        `The backend "${name}" declares ${differ.map((c) => `${c}: ${definition.capabilities![c]}`).join(', ')} in defineBackend(), ` +
          `but the backend it creates reports ${differ.map((c) => `${c}: ${backend.capabilities[c]}`).join(', ')}. Its authors must make them agree.`,
      );
    }
  }
  return backend;
}
