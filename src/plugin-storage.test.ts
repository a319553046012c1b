import { expect } from 'chai';
import { PluginStorage } from './plugin-storage.ts';
import type { KeyValueStore } from './storage.ts';
import { StorageUnavailableError } from './errors/storage-error.ts';

/** A namespace kept in a Map. */
function mapStore(): KeyValueStore {
  const data = new Map<string, unknown>();
  return {
    get: async (key) => data.get(key),
    set: async (key, value) => void data.set(key, value),
    delete: async (key) => data.delete(key),
    has: async (key) => data.has(key),
    keys: async () => [...data.keys()],
    clear: async () => data.clear(),
  };
}

describe('PluginStorage opened on first use', function () {
  it('opens nothing until the plugin first reads or writes, then opens once for concurrent first calls', async function () {
    let opens = 0;
    const storage = new PluginStorage(async () => {
      opens++;
      return mapStore();
    });
    expect(opens).to.equal(0);
    await Promise.all([storage.set('a', 1), storage.set('b', 2), storage.get('a')]);
    expect(opens).to.equal(1);
    expect(await storage.keys()).to.deep.equal(['a', 'b']);
    expect(await storage.update<number>('a', (n = 0) => n + 1)).to.equal(2);
    expect(opens).to.equal(1);
  });

  it('answers a failed open with StorageUnavailableError naming the store, and tries again on the next call', async function () {
    let attempts = 0;
    const storage = new PluginStorage(async () => {
      attempts++;
      if (attempts === 1) throw new Error('connection refused');
      return mapStore();
    }, 'redis://db-1:6379');
    const error = await storage.get('a').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).to.be.instanceOf(StorageUnavailableError);
    expect((error as Error).message).to.contain('redis://db-1:6379').and.contain('connection refused');
    await storage.set('a', 'kept');
    expect(await storage.get('a')).to.equal('kept');
    expect(attempts).to.equal(2);
  });
});
