import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Keyv } from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import { ConfigError, type StorageProvider } from 'banter';
import { KeyvStorageProvider } from './keyv-storage-provider.ts';

export { KeyvStorageProvider } from './keyv-storage-provider.ts';
export { KeyvNamespaceStore } from './keyv-namespace-store.ts';

/** The URL schemes {@link createStorageProvider} understands. */
export const STORAGE_SCHEMES: readonly string[] = ['sqlite', 'memory'];

/** Options of {@link createStorageProvider}. */
export interface StorageOptions {
  /** Relative SQLite paths start here (the folder of config.ts). */
  readonly baseDir?: string;
}

/**
 * Open the store a URL names: `sqlite://./data/banter.sqlite` (the default; the file and its folder are
 * created on first use) or `memory://` (tests; nothing survives the process).
 */
export function createStorageProvider(url: string, options: StorageOptions = {}): StorageProvider {
  const scheme = url.slice(0, url.indexOf(':'));
  if (scheme === 'memory') return new KeyvStorageProvider('memory', (namespace) => new Keyv({ namespace }));
  if (scheme === 'sqlite') {
    const path = url.replace(/^sqlite:(\/\/)?/, '');
    if (!path) throw new ConfigError([{ path: 'storage.url', message: 'names no file; write e.g. "sqlite://./data/banter.sqlite"' }]);
    const file = isAbsolute(path) ? path : resolve(options.baseDir ?? process.cwd(), path);
    mkdirSync(dirname(file), { recursive: true });
    return new KeyvStorageProvider(`sqlite:${path}`, (namespace) => {
      const keyv = new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000 }), namespace });
      return keyv;
    });
  }
  throw new ConfigError([
    {
      path: 'storage.url',
      message: `unknown storage "${scheme}:"; use "sqlite://./data/banter.sqlite" or "memory://"`,
    },
  ]);
}
