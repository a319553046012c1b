import { createRequire } from 'node:module';

/**
 * The version of Banter that is running (from its package.json). Read through the package's own name, so it
 * is found from the sources in the repository and from the compiled `dist/` of an installed package alike.
 */
export const VERSION: string = (createRequire(import.meta.url)('banter/package.json') as { version: string }).version;
