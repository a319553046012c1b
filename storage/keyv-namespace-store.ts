import type { Keyv } from 'keyv';
import type { KeyValueStore } from 'banter';

/** One keyv instance (one namespace, its own store connection) as a Banter {@link KeyValueStore}. */
export class KeyvNamespaceStore implements KeyValueStore {
  readonly #keyv: Keyv;

  constructor(keyv: Keyv) {
    this.#keyv = keyv;
  }

  get(key: string): Promise<unknown> {
    return this.#keyv.get(key);
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    const ok = await this.#keyv.set(key, value, ttlMs);
    if (!ok) throw new Error(`the store refused to write "${key}"`);
  }

  delete(key: string): Promise<boolean> {
    return this.#keyv.delete(key);
  }

  has(key: string): Promise<boolean> {
    return this.#keyv.has(key);
  }

  async keys(): Promise<string[]> {
    const iterate = this.#keyv.iterator;
    if (!iterate) throw new Error('this store cannot list its keys');
    const keys: string[] = [];
    for await (const [key] of iterate(this.#keyv.namespace) as AsyncGenerator<[string, unknown]>) keys.push(key);
    return keys;
  }

  clear(): Promise<void> {
    return this.#keyv.clear();
  }

  disconnect(): Promise<void> {
    return this.#keyv.disconnect();
  }
}
