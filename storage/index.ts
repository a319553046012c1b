import { BanterError, ConfigError, type StorageProvider } from 'banter';
import { KeyvStorageProvider, type KeyvStoreFactory } from './keyv-storage-provider.ts';
import { memoryStore } from './memory-store.ts';

export { KeyvStorageProvider, type KeyvStoreFactory } from './keyv-storage-provider.ts';
export { KeyvNamespaceStore } from './keyv-namespace-store.ts';
export { redactUrl } from './redact-url.ts';

/** Options of {@link createStorageProvider}. */
export interface StorageOptions {
  /** Relative SQLite paths start here (the folder of config.ts). */
  readonly baseDir?: string;
}

// Each store's client library is loaded only when its scheme is used: a console bot on SQLite never pays
// for the Redis and PostgreSQL clients at start-up. The memory store needs nothing but keyv, which every store
// needs, so it comes with this module.
const STORES: Readonly<Record<string, (url: string, options: StorageOptions) => Promise<KeyvStoreFactory>>> = {
  memory: async () => memoryStore(),
  sqlite: async (url, options) => (await loadStoreDriver('sqlite', () => import('./sqlite-store.ts'))).sqliteStore(url, options.baseDir ?? process.cwd()),
  redis: async (url) => (await loadStoreDriver('redis', () => import('./redis-store.ts'))).redisStore(url),
  rediss: async (url) => (await loadStoreDriver('redis', () => import('./redis-store.ts'))).redisStore(url),
  postgres: async (url) => (await loadStoreDriver('postgres', () => import('./postgres-store.ts'))).postgresStore(url),
  postgresql: async (url) => (await loadStoreDriver('postgres', () => import('./postgres-store.ts'))).postgresStore(url),
};

const DRIVER_FIXES: Readonly<Record<string, string>> = {
  sqlite:
    'sqlite3 is a native module that is built when it is installed: run `npm rebuild sqlite3` in the bot project ' +
    '(it needs make, a C++ compiler and Python), or set storage.url to "memory://" to run without keeping data',
  redis: 'reinstall the bot project\'s dependencies (`npm install`)',
  postgres: 'reinstall the bot project\'s dependencies (`npm install`)',
};

/**
 * Import a store's module. When its driver cannot load — a native module that was never built (an install with
 * `--ignore-scripts`), a package missing — BanterError `E_STORAGE_DRIVER` says which and how to fix it, instead
 * of the driver's own "Could not locate the bindings file".
 */
export async function loadStoreDriver<M>(scheme: string, load: () => Promise<M>): Promise<M> {
  try {
    return await load();
  } catch (cause) {
    const detail = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
    throw new BanterError('E_STORAGE_DRIVER', `The ${scheme} storage driver cannot be loaded (${detail}): ${DRIVER_FIXES[scheme] ?? 'reinstall the bot project\'s dependencies'}.`, { cause });
  }
}

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
