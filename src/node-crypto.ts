import { loadOnFirstUse } from './load-on-first-use.ts';

/**
 * node:crypto, loaded on first use: only webhooks with signatures need it, and loading it with Banter would slow
 * every bot's start-up.
 */
export const nodeCrypto = loadOnFirstUse<typeof import('node:crypto')>('node:crypto');
