import KeyvRedis, { createClient, createKeyv } from '@keyv/redis';
import type { KeyvStoreFactory } from './keyv-storage-provider.ts';
import { redactUrl } from './redact-url.ts';

/** Attempts before a store that never answered is reported unreachable (about 3 s in all). */
const FIRST_CONNECT_ATTEMPTS = 5;

/**
 * Redis (`redis://` or `rediss://`). Writes are acknowledged by the server; whether they survive a server
 * crash depends on its persistence settings (docs/storage.md: `appendonly yes`). While the server is away,
 * operations fail at once (no offline queue) and the client keeps reconnecting; a server that never answered
 * is given up on after a few attempts, so a wrong URL fails the start quickly.
 */
export function redisStore(url: string): KeyvStoreFactory {
  return {
    description: redactUrl(url),
    open: (namespace) => {
      let everReady = false;
      const client = createClient({
        url,
        disableOfflineQueue: true,
        socket: {
          connectTimeout: 5000,
          reconnectStrategy: (retries: number, cause: Error) =>
            !everReady && retries >= FIRST_CONNECT_ATTEMPTS ? cause : Math.min(100 * 2 ** retries, 2000),
        },
      });
      client.on('ready', () => (everReady = true));
      // Connection errors reach callers as rejected operations; an unheard 'error' event would end the process.
      client.on('error', () => undefined);
      return createKeyv(client, { namespace, throwOnConnectError: true, throwOnErrors: true });
    },
    // Each namespace has its own client: connect it before the first operation, or concurrent first calls
    // find it still offline.
    connect: async (keyv) => {
      await (keyv.store as KeyvRedis<unknown>).getClient();
    },
  };
}
