import { createRequire } from 'node:module';

/** The version of Banter that is running (from its package.json). */
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
