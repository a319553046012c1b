/**
 * What a test plugin saw, in order, with a bounded wait for an entry that has not come yet: tests await the
 * event instead of sleeping and hoping.
 */
export class EventLog<T> {
  readonly entries: T[] = [];
  readonly #listeners = new Set<() => void>();

  push(entry: T): void {
    this.entries.push(entry);
    for (const listener of [...this.#listeners]) listener();
  }

  /** Where the log ends now; pass it to {@link next} to wait only for what comes after. */
  mark(): number {
    return this.entries.length;
  }

  /** The first entry from index `from` on that matches, waiting up to `timeoutMs` for it. */
  next(match: (entry: T) => boolean, options: { from?: number; timeoutMs?: number; what?: string } = {}): Promise<T> {
    const { from = 0, timeoutMs = 5_000, what = 'an event' } = options;
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.entries.slice(from).find(match);
        if (found === undefined) return;
        clearTimeout(timer);
        this.#listeners.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.#listeners.delete(check);
        reject(new Error(`waited ${timeoutMs} ms in vain for ${what}; saw ${JSON.stringify(this.entries.slice(from)).slice(0, 500)}`));
      }, timeoutMs);
      this.#listeners.add(check);
      check();
    });
  }
}
