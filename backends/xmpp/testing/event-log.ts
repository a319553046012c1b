import { ChangeWaiter } from 'banter/testing';

/**
 * What a test plugin saw, in order, with a bounded wait for an entry that has not come yet: tests await the
 * event instead of sleeping and hoping.
 */
export class EventLog<T> {
  readonly entries: T[] = [];
  readonly #waiter = new ChangeWaiter();

  push(entry: T): void {
    this.entries.push(entry);
    this.#waiter.changed();
  }

  /** Where the log ends now; pass it to {@link next} to wait only for what comes after. */
  mark(): number {
    return this.entries.length;
  }

  /** The first entry from index `from` on that matches, waiting up to `timeoutMs` for it. */
  next(match: (entry: T) => boolean, options: { from?: number; timeoutMs?: number; what?: string } = {}): Promise<T> {
    const { from = 0, timeoutMs = 5_000, what = 'an event' } = options;
    return this.#waiter.until(
      () => this.entries.slice(from).find(match),
      timeoutMs,
      () => new Error(`waited ${timeoutMs} ms in vain for ${what}; saw ${JSON.stringify(this.entries.slice(from)).slice(0, 500)}`),
    );
  }
}
