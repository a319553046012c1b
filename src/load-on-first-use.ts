import { createRequire } from 'node:module';

const requireFromBanter = createRequire(import.meta.url);

/**
 * A function that loads a CommonJS module (or a Node built-in) the first time it is called and returns it
 * from then on. For dependencies only some bots use (pino when no logger is given, croner for schedules,
 * node:crypto for signed webhooks), so that the others start without parsing them:
 * `const nodeCrypto = loadOnFirstUse<typeof import('node:crypto')>('node:crypto')`, then `nodeCrypto().getHashes()`.
 */
export function loadOnFirstUse<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireFromBanter(specifier) as T);
}
