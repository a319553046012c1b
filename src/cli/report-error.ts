import { BanterError } from '../errors/banter-error.ts';
import { ConfigError } from '../errors/config-error.ts';
import { UnknownBackendError } from '../errors/unknown-backend-error.ts';
import { EXIT } from './exit-codes.ts';

/** Print an error for a person at a shell and return the exit code it deserves. */
export function reportError(err: unknown): number {
  if (err instanceof ConfigError || err instanceof UnknownBackendError) {
    process.stderr.write(`banter: ${err.message}\n`);
    return EXIT.usage;
  }
  if (err instanceof BanterError) {
    process.stderr.write(`banter: ${err.message}\n`);
    return EXIT.failure;
  }
  process.stderr.write(`banter: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return EXIT.failure;
}
