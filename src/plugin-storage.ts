import type { KeyValueStore } from './storage.ts';
import { assertSerializable } from './assert-serializable.ts';
import { StorageUnavailableError } from './errors/storage-error.ts';
import { UserError } from './errors/user-error.ts';

/**
 * A plugin's own slice of the bot's store: it sees only its own keys. Every method resolves once the store has
 * acknowledged the operation. Values must be plain data; anything else is refused before it is written. When
 * the store is unreachable, methods reject with StorageUnavailableError, which commands answer in chat.
 * Given a function instead of a store, it opens the store on the first operation, so a plugin that never
 * stores anything costs the bot no connection and no start-up time.
 *
 * @example
 * ```ts
 * import { Plugin, command, type Message } from 'banter';
 * export class Karma extends Plugin {
 *   static override metadata = { name: 'karma' };
 *   @command({ help: 'Give karma' })
 *   async plus(_msg: Message, who: string) {
 *     const score = await this.storage.update<number>(`karma:${who}`, (n = 0) => n + 1);
 *     return `${who} now has ${score}`;
 *   }
 * }
 * ```
 */
export class PluginStorage {
  #store: KeyValueStore | undefined;
  readonly #open: (() => Promise<KeyValueStore>) | undefined;
  #opening: Promise<KeyValueStore> | undefined;
  readonly #description: string;
  readonly #locks = new Map<string, Promise<unknown>>();

  /**
   * `store` is the plugin's namespace, or a function that opens it (called on the first operation; again on the
   * next one if it failed). `description` names the store in error messages (password hidden).
   */
  constructor(store: KeyValueStore | (() => Promise<KeyValueStore>), description = 'storage') {
    if (typeof store === 'function') this.#open = store;
    else this.#store = store;
    this.#description = description;
  }

  /** The value stored under `key`, or `undefined`. */
  async get<T>(key: string): Promise<T | undefined>;
  /** The value stored under `key`, or `fallback`. */
  async get<T>(key: string, fallback: T): Promise<T>;
  async get<T>(key: string, fallback?: T): Promise<T | undefined> {
    const value = (await this.guard((store) => store.get(key))) as T | undefined;
    return value === undefined ? fallback : value;
  }

  /** Store `value` under `key`, optionally expiring after `ttlMs`. */
  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    assertSerializable(key, value);
    await this.guard((store) => store.set(key, value, ttlMs));
  }

  /** Remove `key`; resolves to whether it existed. */
  delete(key: string): Promise<boolean> {
    return this.guard((store) => store.delete(key));
  }

  /** Whether `key` is stored. */
  has(key: string): Promise<boolean> {
    return this.guard((store) => store.has(key));
  }

  /** Every key this plugin has stored. */
  keys(): Promise<string[]> {
    return this.guard((store) => store.keys());
  }

  /**
   * Read, change and write back one key as a unit. `change` receives the current value (or `undefined`) and
   * returns the new one; what it returns is what is stored, so a nested change cannot be silently dropped.
   * Concurrent updates of the same key from this bot run one after the other. If `change` throws, nothing is
   * written.
   */
  update<T>(key: string, change: (current: T | undefined) => T | Promise<T>): Promise<T> {
    const previous = this.#locks.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      const updated = await change(await this.get<T>(key));
      await this.set(key, updated);
      return updated;
    });
    const settled = next.catch(() => undefined);
    this.#locks.set(key, settled);
    void settled.then(() => {
      if (this.#locks.get(key) === settled) this.#locks.delete(key);
    });
    return next;
  }

  private async guard<T>(operation: (store: KeyValueStore) => Promise<T>): Promise<T> {
    try {
      return await operation(this.#store ?? (await this.opened()));
    } catch (err) {
      if (err instanceof UserError) throw err;
      const detail = err instanceof Error ? err.message.split('\n')[0]! : String(err);
      throw new StorageUnavailableError(this.#description, detail, { cause: err });
    }
  }

  /** The store, opened once; concurrent first operations share one open, and a failed open is tried again. */
  private opened(): Promise<KeyValueStore> {
    this.#opening ??= this.#open!().then(
      (store) => (this.#store = store),
      (err: unknown) => {
        this.#opening = undefined;
        throw err;
      },
    );
    return this.#opening;
  }
}
