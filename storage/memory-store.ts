import { Keyv } from 'keyv';
import type { KeyvStoreFactory } from './keyv-storage-provider.ts';

/** In-process memory, for tests: nothing survives the process. */
export function memoryStore(): KeyvStoreFactory {
  return { description: 'memory', open: (namespace) => new Keyv({ namespace }) };
}
