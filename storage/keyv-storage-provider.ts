import type { Keyv } from 'keyv';
import { StorageUnavailableError, type KeyValueStore, type StorageProvider } from 'banter';
import { KeyvNamespaceStore } from './keyv-namespace-store.ts';

/** How a keyv-backed store is opened and closed. */
export interface KeyvStoreFactory {
  /** Where the data lives, password hidden. */
  readonly description: string;
  /** A new keyv instance for `namespace`, with its own store instance (sharing one breaks isolation). */
  open(namespace: string): Keyv;
  /** Make a newly opened keyv ready for use (connect its client), before its first operation. */
  connect?(keyv: Keyv): Promise<void>;
  /** Close the stores; the default disconnects each. */
  close?(stores: readonly KeyvNamespaceStore[]): Promise<void>;
}

// The namespace where the provider remembers which namespaces exist, for export.
const REGISTRY_NAMESPACE = '__banter';
const REGISTRY_KEY = 'namespaces';

/**
 * A {@link StorageProvider} over keyv: one keyv instance per namespace, writes acknowledged by the store
 * before they resolve, and errors surfaced as rejections (never swallowed into `undefined`).
 */
export class KeyvStorageProvider implements StorageProvider {
  readonly description: string;
  readonly #factory: KeyvStoreFactory;
  readonly #stores = new Map<string, KeyvNamespaceStore>();
  readonly #registered = new Set<string>();
  readonly #connecting = new Map<string, Promise<KeyvNamespaceStore>>();
  /** Registry updates run one after another: each reads the list and writes it back with one name more. */
  #registering: Promise<unknown> = Promise.resolve();
  /** The last error a store reported on its own (the real cause behind a generic "not connected"). */
  #lastError: unknown;

  constructor(factory: KeyvStoreFactory) {
    this.description = factory.description;
    this.#factory = factory;
  }

  async ready(): Promise<void> {
    try {
      await (await this.connected(REGISTRY_NAMESPACE)).get(REGISTRY_KEY);
    } catch (err) {
      const cause = this.#lastError ?? err;
      throw new StorageUnavailableError(this.description, describe(cause), { cause });
    }
  }

  async open(namespace: string): Promise<KeyValueStore> {
    const store = await this.connected(namespace);
    if (!this.#registered.has(namespace) && namespace !== REGISTRY_NAMESPACE) await this.register(namespace);
    return store;
  }

  /**
   * Add `namespace` to the list export reads. Two updates at once would each write the list they read and one
   * name would be lost, so they are queued; the list is read again each time, as another process may add to it.
   */
  private register(namespace: string): Promise<void> {
    const registered = this.#registering.then(async () => {
      if (this.#registered.has(namespace)) return;
      const registry = await this.connected(REGISTRY_NAMESPACE);
      const known = ((await registry.get(REGISTRY_KEY)) as string[] | undefined) ?? [];
      if (!known.includes(namespace)) await registry.set(REGISTRY_KEY, [...known, namespace].sort());
      this.#registered.add(namespace);
    });
    this.#registering = registered.catch(() => undefined); // one failed write does not block the next
    return registered;
  }

  async namespaces(): Promise<string[]> {
    return ((await (await this.connected(REGISTRY_NAMESPACE)).get(REGISTRY_KEY)) as string[] | undefined) ?? [];
  }

  async close(): Promise<void> {
    const stores = [...this.#stores.values()];
    this.#stores.clear();
    this.#connecting.clear();
    this.#registered.clear();
    if (this.#factory.close) await this.#factory.close(stores);
    else await Promise.all(stores.map((s) => s.disconnect()));
  }

  /** The store of `namespace`, created and connected on first use (concurrent callers share one connect). */
  private connected(namespace: string): Promise<KeyvNamespaceStore> {
    let pending = this.#connecting.get(namespace);
    if (!pending) {
      const keyv = this.#factory.open(namespace);
      keyv.throwOnErrors = true;
      // keyv re-emits store errors; the rejection reaches the caller, so the event only needs a listener.
      keyv.on('error', (err: unknown) => (this.#lastError = err));
      const store = new KeyvNamespaceStore(keyv);
      this.#stores.set(namespace, store);
      pending = (this.#factory.connect?.(keyv) ?? Promise.resolve()).then(() => store);
      // A failed connect is retried by the next caller rather than remembered.
      pending.catch(() => this.#connecting.delete(namespace));
      this.#connecting.set(namespace, pending);
    }
    return pending;
  }
}

function describe(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) return describe(err.errors[0]);
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
  const text = (code && !message.includes(code) ? `${code} ${message}` : message).replace(/\.+$/, '');
  return text || 'unknown error';
}
