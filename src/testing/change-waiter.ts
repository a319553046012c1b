/**
 * Waits for something a test double records as events arrive (a fake server's log, a recording plugin, a
 * simulated person): {@link until} checks a probe at once and again after every {@link changed}, and settles on
 * its first defined answer, or fails after a bounded time with an error that says what was missing.
 *
 * @example
 * ```ts
 * import { ChangeWaiter } from 'banter/testing';
 * class Inbox {
 *   readonly lines: string[] = [];
 *   readonly #waiter = new ChangeWaiter();
 *   add(line: string): void {
 *     this.lines.push(line);
 *     this.#waiter.changed();
 *   }
 *   line(match: RegExp): Promise<string> {
 *     return this.#waiter.until(() => this.lines.find((l) => match.test(l)), 5_000, () => new Error(`no line matching ${match}`));
 *   }
 * }
 * ```
 */
export class ChangeWaiter {
  readonly #listeners = new Set<() => void>();

  /** Something was recorded: re-check every waiting probe. */
  changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }

  /** `probe()`'s first defined answer; rejects with `failure()` (built then, so it can show what was seen) after `timeoutMs`. */
  until<T>(probe: () => T | undefined, timeoutMs: number, failure: () => Error): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = probe();
        if (found === undefined) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        reject(failure());
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.#listeners.delete(check);
      };
      this.#listeners.add(check);
      check();
    });
  }
}
