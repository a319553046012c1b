import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyValueStore, StorageProvider } from 'banter';
import { storageContractSuite } from 'banter/testing';
import { createStorageProvider } from './index.ts';

/**
 * A store written the way a third party would, against the public interfaces only: a Map per namespace with
 * JSON copies (so callers cannot mutate stored values) and TTLs.
 */
class MapStorage implements StorageProvider {
  readonly description = 'map (third-party example)';
  readonly #data = new Map<string, Map<string, { json: string; expires?: number }>>();

  async open(namespace: string): Promise<KeyValueStore> {
    const entries = this.#data.get(namespace) ?? new Map<string, { json: string; expires?: number }>();
    this.#data.set(namespace, entries);
    const live = (key: string) => {
      const entry = entries.get(key);
      if (entry?.expires !== undefined && entry.expires <= Date.now()) entries.delete(key);
      return entries.get(key);
    };
    return {
      get: async (key) => {
        const entry = live(key);
        return entry ? JSON.parse(entry.json) : undefined;
      },
      set: async (key, value, ttlMs) => {
        entries.set(key, { json: JSON.stringify(value), expires: ttlMs ? Date.now() + ttlMs : undefined });
      },
      delete: async (key) => entries.delete(key),
      has: async (key) => live(key) !== undefined,
      keys: async () => [...entries.keys()].filter((k) => live(k) !== undefined),
      clear: async () => entries.clear(),
    };
  }

  async close(): Promise<void> {}
}

storageContractSuite({ name: 'memory', open: () => createStorageProvider('memory://'), persistent: false });

storageContractSuite({ name: 'third-party (a Map store)', open: () => new MapStorage(), persistent: false });

describe('sqlite store', function () {
  let dir: string;
  before(async function () {
    dir = await mkdtemp(join(tmpdir(), 'banter-contract-'));
  });
  after(async function () {
    await rm(dir, { recursive: true, force: true });
  });
  storageContractSuite({
    name: 'sqlite',
    open: () => createStorageProvider('sqlite://./contract.sqlite', { baseDir: dir }),
    persistent: true,
  });
});
