import type { Keyv } from 'keyv';
import type { KeyValueStore, StorageProvider } from 'banter';
import { KeyvNamespaceStore } from './keyv-namespace-store.ts';

/**
 * A {@link StorageProvider} over keyv that opens one keyv instance, with its own store, per namespace
 * (sharing one store between namespaces breaks their isolation in some adapters).
 */
export class KeyvStorageProvider implements StorageProvider {
  readonly description: string;
  readonly #open: (namespace: string) => Keyv;
  readonly #stores = new Map<string, KeyvNamespaceStore>();

  constructor(description: string, open: (namespace: string) => Keyv) {
    this.description = description;
    this.#open = open;
  }

  async open(namespace: string): Promise<KeyValueStore> {
    let store = this.#stores.get(namespace);
    if (!store) {
      store = new KeyvNamespaceStore(this.#open(namespace));
      this.#stores.set(namespace, store);
    }
    return store;
  }

  async close(): Promise<void> {
    const stores = [...this.#stores.values()];
    this.#stores.clear();
    await Promise.all(stores.map((s) => s.disconnect()));
  }
}
