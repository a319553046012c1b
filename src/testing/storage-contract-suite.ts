import assert from 'node:assert/strict';
import type { StorageProvider } from '../storage.ts';
import { PluginStorage } from '../plugin-storage.ts';
import { UnserializableValueError } from '../errors/storage-error.ts';

/** A store under the storage contract suite. */
export interface StorageContractTarget {
  readonly name: string;
  /** A provider on the store under test; called again after `close()` to check persistence. */
  open(): Promise<StorageProvider> | StorageProvider;
  /** Whether data outlives the provider (false for memory). */
  readonly persistent: boolean;
}

/**
 * What every store promises to plugins: plain data round-trips, namespaces are isolated, TTLs expire,
 * concurrent updates lose nothing, unserialisable values are refused before anything is written, and (for
 * persistent stores) data outlives a close and reopen. Call it at the top level of a test file.
 */
export function storageContractSuite(target: StorageContractTarget): void {
  describe(`storage contract: ${target.name}`, function () {
    let provider: StorageProvider;
    let run = 0;
    const ns = (name: string) => `contract-${name}-${process.pid}-${run}`;

    beforeEach(async function () {
      run++;
      provider = await target.open();
      await provider.ready?.();
    });

    afterEach(async function () {
      await provider.close();
    });

    it('round-trips plain data of every JSON type, unicode included', async function () {
      const store = new PluginStorage(await provider.open(ns('types')));
      const value = { text: 'héllo 🌍', n: -1.5, yes: true, none: null, list: [1, 'two', { three: [3] }], empty: {} };
      await store.set('value', value);
      assert.deepEqual(await store.get('value'), value);
      await store.set('zero', 0);
      assert.equal(await store.get('zero'), 0);
      assert.equal(await store.get('missing'), undefined);
      assert.equal(await store.get('missing', 'fallback'), 'fallback');
    });

    it('deletes, reports whether a key existed, and lists only its own keys', async function () {
      const a = new PluginStorage(await provider.open(ns('a')));
      const b = new PluginStorage(await provider.open(ns('b')));
      await a.set('shared', 'a');
      await a.set('only-a', 1);
      await b.set('shared', 'b');
      assert.deepEqual((await a.keys()).sort(), ['only-a', 'shared']);
      assert.equal(await b.get('shared'), 'b');
      assert.equal(await a.has('only-a'), true);
      assert.equal(await a.delete('only-a'), true);
      assert.equal(await a.delete('only-a'), false);
      assert.equal(await a.has('only-a'), false);
      assert.deepEqual(await b.keys(), ['shared']);
    });

    it('clears one namespace and no other', async function () {
      const a = await provider.open(ns('clear-a'));
      const b = await provider.open(ns('clear-b'));
      await a.set('k', 1);
      await b.set('k', 2);
      await a.clear();
      assert.deepEqual(await a.keys(), []);
      assert.equal(await b.get('k'), 2);
    });

    it('forgets a value after its time to live', async function () {
      const store = new PluginStorage(await provider.open(ns('ttl')));
      await store.set('lock', 'held', 50);
      await store.set('kept', 'yes');
      assert.equal(await store.get('lock'), 'held');
      await new Promise((resolve) => setTimeout(resolve, 120));
      assert.equal(await store.get('lock'), undefined);
      assert.equal(await store.get('kept'), 'yes');
    });

    it('applies 25 concurrent updates of one key without losing one', async function () {
      const store = new PluginStorage(await provider.open(ns('update')));
      await Promise.all(Array.from({ length: 25 }, () => store.update<number>('n', (n = 0) => n + 1)));
      assert.equal(await store.get('n'), 25);
    });

    it('refuses a value that cannot be stored, and writes nothing', async function () {
      const store = new PluginStorage(await provider.open(ns('refuse')));
      await store.set('ok', { v: 1 });
      const cyclic: Record<string, unknown> = { v: 2 };
      cyclic['self'] = cyclic;
      for (const bad of [{ v: 2, f: () => 1 }, cyclic, { v: 2, when: new Map() }, { v: 2n }]) {
        await assert.rejects(store.set('ok', bad), UnserializableValueError);
      }
      assert.deepEqual(await store.get('ok'), { v: 1 });
    });

    it('lists every namespace opened, also when they are opened at the same time', async function () {
      if (!provider.namespaces) this.skip();
      const names = Array.from({ length: 8 }, (_, i) => ns(`together-${i}`));
      await Promise.all(names.map((name) => provider.open(name)));
      const listed = await provider.namespaces!();
      assert.deepEqual(names.filter((name) => !listed.includes(name)), []);
    });

    if (target.persistent) {
      it('keeps data across a close and a reopen', async function () {
        const name = ns('persist');
        await (await provider.open(name)).set('k', { kept: true });
        await provider.close();
        provider = await target.open();
        assert.deepEqual(await (await provider.open(name)).get('k'), { kept: true });
        if (provider.namespaces) assert.ok((await provider.namespaces()).includes(name));
      });
    }
  });
}
