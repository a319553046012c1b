/**
 * One namespace of a key-value store. Values are JSON-serialisable data; keys are strings. Storage adapters
 * (storage/) implement this over keyv; plugins use it through {@link PluginStorage}.
 */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  /** Store a value; resolves once the store has acknowledged the write. */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /** Remove a key; resolves to whether it existed. */
  delete(key: string): Promise<boolean>;
  has(key: string): Promise<boolean>;
  /** Every key in this namespace. */
  keys(): Promise<string[]>;
  /** Remove every key in this namespace (and only this one). */
  clear(): Promise<void>;
}

/** A store chosen in config.ts (`storage.url`); hands out one {@link KeyValueStore} per namespace. */
export interface StorageProvider {
  /** Where the data lives, with any password hidden: `sqlite:./data/banter.sqlite`. */
  readonly description: string;
  /**
   * Check that the store can be reached; rejects with StorageUnavailableError saying what to check. The bot
   * calls it before activating plugins, so a wrong URL stops the start with a clear message.
   */
  ready?(): Promise<void>;
  open(namespace: string): Promise<KeyValueStore>;
  /** Every namespace that has been opened on this store (for export); optional for third-party stores. */
  namespaces?(): Promise<string[]>;
  /** Close every namespace opened from this provider. */
  close(): Promise<void>;
}
