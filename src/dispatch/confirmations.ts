import { isRoom } from '../identifiers.ts';
import type { Message } from '../message.ts';

/** A command waiting for its sender's yes or no. */
interface Pending {
  readonly expires: number;
  readonly run: (answer: Message) => Promise<void>;
  readonly cancel: (answer: Message) => Promise<void>;
}

const YES = /^\s*(y|yes|ok|confirm)\s*[.!]?\s*$/i;
const NO = /^\s*(n|no|cancel|stop)\s*[.!]?\s*$/i;

/**
 * Commands declared `confirm: true` wait here for a yes or no from the same person in the same place (room or
 * direct message). Expiry is checked when an answer arrives, so nothing keeps a timer running. Pending
 * confirmations live in the process: a restart cancels them.
 */
export class Confirmations {
  readonly #pending = new Map<string, Pending>();
  readonly #timeoutMs: number;

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  /** How long an answer is waited for. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** Whether anything waits for an answer (checked on every message, so it must be cheap). */
  get waiting(): boolean {
    return this.#pending.size > 0;
  }

  /** Wait for `message`'s sender to answer; a new question from them in the same place replaces the old one. */
  ask(message: Message, run: (answer: Message) => Promise<void>, cancel: (answer: Message) => Promise<void>): void {
    this.#pending.set(keyOf(message), { expires: Date.now() + this.#timeoutMs, run, cancel });
  }

  /**
   * If `message` answers a pending confirmation, run or cancel it and return the promise of that; otherwise
   * undefined (the message is handled normally). An expired confirmation is dropped and the message handled
   * normally.
   */
  answer(message: Message): Promise<void> | undefined {
    const key = keyOf(message);
    const pending = this.#pending.get(key);
    if (!pending) return undefined;
    if (pending.expires < Date.now()) {
      this.#pending.delete(key);
      return undefined;
    }
    if (YES.test(message.body)) {
      this.#pending.delete(key);
      return pending.run(message);
    }
    if (NO.test(message.body)) {
      this.#pending.delete(key);
      return pending.cancel(message);
    }
    return undefined;
  }
}

function keyOf(message: Message): string {
  return `${message.frm.aclattr}\u0000${isRoom(message.to) ? message.to.name : 'direct'}`;
}
