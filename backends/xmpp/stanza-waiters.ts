import type { XmlElement } from '@xmpp/client';
import { BanterError } from 'banter';

interface Waiter {
  readonly match: (stanza: XmlElement) => boolean;
  readonly resolve: (stanza: XmlElement) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** A wait in progress; `cancel()` drops it (its promise then never settles) and its timer. */
export interface Waiting {
  readonly promise: Promise<XmlElement>;
  cancel(): void;
}

/**
 * Awaiting the server's answer to something that is not an IQ: the self-presence that confirms a room join,
 * the subject echo that confirms a topic change. Every incoming stanza is offered to the waiters; each wait is
 * bounded, so a server that never answers shows up as an error naming what was awaited.
 */
export class StanzaWaiters {
  readonly #waiters = new Set<Waiter>();

  /**
   * Resolve with the first incoming stanza for which `match` is true, or reject after `timeoutMs`. Register the
   * wait before sending what it answers: the parser hands over every stanza of a packet in one go.
   */
  wait(match: (stanza: XmlElement) => boolean, timeoutMs: number, what: string): Waiting {
    let cancel = () => {};
    const promise = new Promise<XmlElement>((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (stanza) => {
          this.#waiters.delete(waiter);
          clearTimeout(waiter.timer);
          resolve(stanza);
        },
        reject: (error) => {
          this.#waiters.delete(waiter);
          clearTimeout(waiter.timer);
          reject(error);
        },
        timer: setTimeout(() => waiter.reject(new BanterError('E_XMPP_TIMEOUT', `The XMPP server did not answer within ${timeoutMs} ms: ${what}.`)), timeoutMs),
      };
      this.#waiters.add(waiter);
      cancel = () => {
        this.#waiters.delete(waiter);
        clearTimeout(waiter.timer);
      };
    });
    return { promise, cancel };
  }

  /** Hand an incoming stanza to every waiter it matches. */
  offer(stanza: XmlElement): void {
    for (const waiter of [...this.#waiters]) {
      let matched = false;
      try {
        matched = waiter.match(stanza);
      } catch {
        // a predicate that cannot read this stanza does not match it
      }
      if (matched) waiter.resolve(stanza);
    }
  }

  /** Reject every wait (the connection dropped, or the backend is stopping). */
  failAll(error: Error): void {
    for (const waiter of [...this.#waiters]) waiter.reject(error);
  }
}
