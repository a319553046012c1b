import { ConfigError, type StorageProvider } from 'banter';
import { KeyvStorageProvider, type KeyvStoreFactory } from './keyv-storage-provider.ts';

export { KeyvStorageProvider, type KeyvStoreFactory } from './keyv-storage-provider.ts';
export { KeyvNamespaceStore } from './keyv-namespace-store.ts';
export { redactUrl } from './redact-url.ts';

/** Options of {@link createStorageProvider}. */
export interface StorageOptions {
  /** Relative SQLite paths start here (the folder of config.ts). */
  readonly baseDir?: string;
}

// Each store's client library is loaded only when its scheme is used: a console bot on SQLite never pays
// for the Redis and PostgreSQL clients at start-up.
const STORES: Readonly<Record<string, (url: string, options: StorageOptions) => Promise<KeyvStoreFactory>>> = {
  memory: async () => (await import('./memory-store.ts')).memoryStore(),
  sqlite: async (url, options) => (await import('./sqlite-store.ts')).sqliteStore(url, options.baseDir ?? process.cwd()),
  redis: async (url) => (await import('./redis-store.ts')).redisStore(url),
  rediss: async (url) => (await import('./redis-store.ts')).redisStore(url),
  postgres: async (url) => (await import('./postgres-store.ts')).postgresStore(url),
  postgresql: async (url) => (await import('./postgres-store.ts')).postgresStore(url),
};

/** The URL schemes {@link createStorageProvider} understands. */
export const STORAGE_SCHEMES: readonly string[] = Object.keys(STORES);

/**
 * Open the store a URL names: `sqlite://./data/banter.sqlite` (the default), `redis://host:6379`,
 * `postgres://user:password@host:5432/db`, or `memory://` (tests; nothing survives the process).
 */
export async function createStorageProvider(url: string, options: StorageOptions = {}): Promise<StorageProvider> {
  const scheme = url.slice(0, url.indexOf(':'));
  const store = STORES[scheme];
  if (!store) {
    throw new ConfigError([
      {
        path: 'storage.url',
        message: `unknown storage "${scheme}:"; use "sqlite://./data/banter.sqlite", "redis://host:6379", "postgres://user@host/db" or "memory://"`,
      },
    ]);
  }
  return new KeyvStorageProvider(await store(url, options));
}
