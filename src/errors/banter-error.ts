/**
 * Base class of every error Banter throws on purpose. `code` is stable (documented in docs/errors.md) so
 * callers and tests can branch on it without parsing the message.
 *
 * @example
 * ```ts
 * import { BanterError } from 'banter';
 * try { await Promise.reject(new BanterError('E_EXAMPLE', 'it broke')); }
 * catch (err) { if (err instanceof BanterError) console.log(err.code); }
 * ```
 */
export class BanterError extends Error {
  /** Stable machine-readable code, e.g. `E_CONFIG`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}
