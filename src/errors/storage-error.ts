import { UserError } from './user-error.ts';

/**
 * The bot's store could not be reached or refused an operation. Its message is safe to show in chat (the URL's
 * password is never in it), so a command that hits it gets a clear answer instead of an error id.
 */
export class StorageUnavailableError extends UserError {
  /** Where the store is, password hidden. */
  readonly store: string;

  constructor(store: string, detail: string, options?: { cause?: unknown }) {
    super(
      `The bot's storage (${store}) is not available: ${detail}. Check that it is running and reachable; ` +
        'the bot retries on the next command.',
      { ...options, code: 'E_STORAGE_UNAVAILABLE' },
    );
    this.store = store;
  }
}

/** A value that cannot be stored as it is (a function, a Map, a cycle…); nothing was written. */
export class UnserializableValueError extends UserError {
  /** Where in the value the problem is, e.g. `value.owner.callback`. */
  readonly path: string;

  constructor(key: string, path: string, reason: string) {
    super(
      `Cannot store "${key}": ${path} is ${reason}. Store plain data (objects, arrays, strings, finite numbers, ` +
        'booleans, null); convert dates and maps first. Nothing was written.',
      { code: 'E_UNSERIALIZABLE' },
    );
    this.path = path;
  }
}
