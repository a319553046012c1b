import { BanterError } from 'banter';
import { TokenBucket } from './token-bucket.ts';

/** Writes one protocol line; false when the connection is down and the line was not written. */
export type LineWriter = (line: string) => boolean;

export interface SendQueueOptions {
  /** Lines per second once the burst is spent. */
  readonly rate: number;
  /** Lines that may go out at once after a quiet spell. */
  readonly burst: number;
  /** Most lines held (during an outage, say) before `push` refuses more. */
  readonly limit?: number;
  /** Clock in ms, for tests. */
  readonly now?: () => number;
}

interface Pending {
  readonly line: string;
  /** Set on the last line of a batch: settles the batch's promise. */
  readonly settle?: { resolve(): void; reject(error: Error): void };
}

/**
 * The outgoing queue for messages: lines leave at the token bucket's pace while the connection is up, wait
 * while it is down (a reply sent during an outage is delivered after the reconnect), and keep their order. A
 * batch (one message's lines) resolves once its last line was handed to the socket.
 */
export class SendQueue {
  readonly #bucket: TokenBucket;
  readonly #limit: number;
  readonly #queue: Pending[] = [];
  #writer: LineWriter | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed: Error | undefined;
  /** Told when the queue runs empty: the {@link drain} calls waiting. */
  readonly #drained = new Set<() => void>();

  constructor(options: SendQueueOptions) {
    this.#bucket = new TokenBucket(options.rate, options.burst, options.now);
    this.#limit = options.limit ?? 10_000;
  }

  /** Lines waiting. */
  get size(): number {
    return this.#queue.length;
  }

  /** Queue `lines` (in order, after everything queued before); resolves when the last one is written. */
  push(lines: readonly string[]): Promise<void> {
    if (this.#closed) return Promise.reject(this.#closed);
    if (lines.length === 0) return Promise.resolve();
    if (this.#queue.length + lines.length > this.#limit) {
      return Promise.reject(
        new BanterError('E_IRC_QUEUE_FULL', `The IRC send queue holds ${this.#queue.length} lines already (limit ${this.#limit}); the message was not sent.`),
      );
    }
    return new Promise<void>((resolve, reject) => {
      lines.forEach((line, i) => this.#queue.push(i === lines.length - 1 ? { line, settle: { resolve, reject } } : { line }));
      this.#pump();
    });
  }

  /** The connection is up: start writing through `writer`. */
  open(writer: LineWriter): void {
    this.#writer = writer;
    this.#pump();
  }

  /** The connection is down: hold everything until the next {@link open}. */
  pause(): void {
    this.#writer = undefined;
    this.#clearTimer();
  }

  /**
   * Wait until every queued line has been written, for at most `timeoutMs`; resolves with the number of lines
   * still waiting then (0: all sent). While the connection is down nothing can leave, so it does not wait.
   */
  drain(timeoutMs: number): Promise<number> {
    if (this.#queue.length === 0 || !this.#writer || timeoutMs <= 0) return Promise.resolve(this.#queue.length);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#drained.delete(done);
        resolve(this.#queue.length);
      };
      const timer = setTimeout(done, timeoutMs);
      this.#drained.add(done);
    });
  }

  /** Stop for good: every waiting batch rejects with `error`. */
  close(error: Error): void {
    this.pause();
    this.#closed = error;
    for (const pending of this.#queue.splice(0)) pending.settle?.reject(error);
    for (const done of [...this.#drained]) done();
  }

  #pump(): void {
    if (this.#timer) return; // a timed pump is already on its way
    while (this.#writer && this.#queue.length > 0) {
      const wait = this.#bucket.delay();
      if (wait > 0) {
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#pump();
        }, wait);
        return;
      }
      const next = this.#queue[0]!;
      if (!this.#writer(next.line)) {
        this.pause(); // the socket went away under us; the line stays first in line
        return;
      }
      this.#bucket.take();
      this.#queue.shift();
      next.settle?.resolve();
    }
    if (this.#queue.length === 0) for (const done of [...this.#drained]) done();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
