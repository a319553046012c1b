import { createKeyv } from '@keyv/redis';
import type { KeyvStoreFactory } from './keyv-storage-provider.ts';
import { redactUrl } from './redact-url.ts';

/**
 * Redis (`redis://` or `rediss://`). Writes are acknowledged by the server; whether they survive a server
 * crash depends on its persistence settings (docs/storage.md: `appendonly yes`, `appendfsync always`).
 * While the server is away, operations fail at once (no offline queue) and the client keeps reconnecting.
 */
export function redisStore(url: string): KeyvStoreFactory {
  return {
    description: redactUrl(url),
    open: (namespace) =>
      createKeyv(
        {
          url,
          disableOfflineQueue: true,
          socket: { connectTimeout: 5000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
        },
        { namespace, throwOnConnectError: true, throwOnErrors: true, connectionTimeout: 5000 },
      ),
  };
}
