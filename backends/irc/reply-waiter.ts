import { BanterError } from 'banter';
import type { Client, IrcMessage } from 'irc-framework';

/** What one request waits for among the lines the server sends. */
export interface Expectation<T> {
  /** Says what is awaited, for the timeout error: `the JOIN of #ops`. */
  readonly what: string;
  /** A value when `message` completes the request; undefined to keep waiting. */
  done(message: IrcMessage): T | undefined;
  /** The server's reason when `message` refuses the request. */
  fail?(message: IrcMessage): string | undefined;
  readonly timeoutMs?: number;
}

interface Waiter {
  see(message: IrcMessage): void;
  abort(error: Error): void;
}

/**
 * IRC answers requests asynchronously, with numerics, among everything else the server sends. A request
 * registers an expectation here before writing its line; every incoming line is offered to the waiters (raw
 * middleware, ahead of irc-framework's own handling) until one completes, fails or times out. A disconnect
 * aborts them all, so nothing waits for an answer that cannot come.
 */
export class ReplyWaiter {
  readonly #waiters = new Set<Waiter>();
  readonly #taps: Array<(message: IrcMessage) => void> = [];

  constructor(client: Client) {
    client.use((_client, rawEvents) => {
      rawEvents.use((_command, message, _line, _c, next) => {
        for (const tap of this.#taps) tap(message);
        for (const waiter of [...this.#waiters]) waiter.see(message);
        next();
      });
    });
  }

  /** Call `listener` with every line the server sends, for as long as the client lives. */
  tap(listener: (message: IrcMessage) => void): void {
    this.#taps.push(listener);
  }

  /** Wait for the answer `expectation` describes; call before sending the request. */
  expect<T>(expectation: Expectation<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        settle();
      };
      const waiter: Waiter = {
        see: (message) => {
          const reason = expectation.fail?.(message);
          if (reason !== undefined) {
            finish(() => reject(new BanterError('E_IRC_REFUSED', `The IRC server refused ${expectation.what}: ${reason}`)));
            return;
          }
          const value = expectation.done(message);
          if (value !== undefined) finish(() => resolve(value));
        },
        abort: (error) => finish(() => reject(error)),
      };
      const timeoutMs = expectation.timeoutMs ?? 15_000;
      const timer = setTimeout(
        () => waiter.abort(new BanterError('E_IRC_TIMEOUT', `No answer from the IRC server to ${expectation.what} within ${timeoutMs} ms.`)),
        timeoutMs,
      );
      this.#waiters.add(waiter);
    });
  }

  /** Fail every pending request (the connection is gone). */
  abortAll(error: Error): void {
    for (const waiter of [...this.#waiters]) waiter.abort(error);
  }
}
