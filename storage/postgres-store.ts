import pg from 'pg';
import { Keyv } from 'keyv';
import KeyvPostgres from '@keyv/postgres';
import type { KeyvStoreFactory } from './keyv-storage-provider.ts';
import { redactUrl } from './redact-url.ts';

/**
 * The keyv PostgreSQL adapter, on a pool this provider owns. The stock adapter keeps one pool per process
 * with no 'error' listener, so a server restart while the bot is idle would end the process, and every
 * namespace's disconnect ends the same shared pool.
 */
class PooledKeyvPostgres extends KeyvPostgres {
  // Called by the base constructor; `this.opts` already holds the options passed in, pool included.
  override async connect() {
    const pool = (this.opts as unknown as { pool: pg.Pool }).pool;
    return async (sql: string, values?: unknown[]) => (await pool.query(sql, values)).rows;
  }

  // The provider ends the pool once, after every namespace is done with it.
  override async disconnect(): Promise<void> {}
}

/**
 * PostgreSQL (`postgres://` or `postgresql://`). Each write is a committed statement, durable with the
 * server's default `synchronous_commit = on`. The pool reconnects by itself when the server comes back.
 */
export function postgresStore(url: string): KeyvStoreFactory {
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 5000 });
  // Idle clients see the server go away as an 'error' on the pool; the next query reports it to its caller.
  pool.on('error', () => undefined);
  return {
    description: redactUrl(url),
    open: (namespace) => new Keyv({ store: new PooledKeyvPostgres({ uri: url, pool } as never), namespace }),
    close: async () => {
      await pool.end();
    },
  };
}
