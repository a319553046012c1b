import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where a package was found, or why not. */
export type PackageResolution = { readonly url: string } | { readonly missing: true } | { readonly error: string };

/**
 * Resolve an npm package name the way `import` would from the bot project in `fromDirectory` (ESM
 * conditions, `exports` honoured), so packages that only export an `import` entry are found too.
 */
export async function resolvePackage(name: string, fromDirectory: string): Promise<PackageResolution> {
  // Loaded on demand: only bots that name packages in config.ts need it.
  const { resolve: resolveModule } = await import('import-meta-resolve');
  try {
    return { url: resolveModule(name, pathToFileURL(join(resolve(fromDirectory), 'package.json')).href) };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND') return { missing: true };
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
