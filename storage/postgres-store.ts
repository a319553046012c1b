import { Keyv } from 'keyv';
import KeyvPostgres from '@keyv/postgres';
import type { KeyvStoreFactory } from './keyv-storage-provider.ts';
import { redactUrl } from './redact-url.ts';

/**
 * PostgreSQL (`postgres://` or `postgresql://`). Each write is a committed statement, durable with the server's
 * default `synchronous_commit = on`.
 */
export function postgresStore(url: string): KeyvStoreFactory {
  return {
    description: redactUrl(url),
    open: (namespace) => new Keyv({ store: new KeyvPostgres({ uri: url, connectionTimeoutMillis: 5000 } as never), namespace }),
    // @keyv/postgres keeps one connection pool per URL for the whole process, shared by every namespace:
    // it must be ended exactly once.
    close: async (stores) => {
      await stores[0]?.disconnect();
    },
  };
}
