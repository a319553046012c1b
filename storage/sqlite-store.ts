import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Keyv } from 'keyv';
import KeyvSqlite from '@keyv/sqlite';
import { ConfigError } from 'banter';
import type { KeyvStoreFactory } from './keyv-storage-provider.ts';

/**
 * The embedded default: one SQLite file (created with its folder on first use). Each write is its own
 * autocommitted statement with SQLite's default `synchronous=FULL`, so an acknowledged write survives the
 * process being killed.
 */
export function sqliteStore(url: string, baseDir: string): KeyvStoreFactory {
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  if (!path) throw new ConfigError([{ path: 'storage.url', message: 'names no file; write e.g. "sqlite://./data/banter.sqlite"' }]);
  const file = isAbsolute(path) ? path : resolve(baseDir, path);
  return {
    description: `sqlite:${path}`,
    open: (namespace) => {
      mkdirSync(dirname(file), { recursive: true });
      return new Keyv({ store: new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000 }), namespace });
    },
  };
}
