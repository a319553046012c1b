import type { XmlElement } from '@xmpp/client';
import { BanterError } from 'banter';

interface Pending {
  readonly stanza: XmlElement;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * Holds what the bot says while it is not connected, and sends it, in order, once it is back and in its rooms
 * again: a reply computed during an outage is delivered after it instead of being lost. `send()` resolves when
 * the stanza has been written to the server. Bounded: past `limit` waiting stanzas, sends fail at once.
 */
export class OutgoingQueue {
  readonly #write: (stanza: XmlElement) => Promise<void>;
  readonly #limit: number;
  readonly #pending: Pending[] = [];
  #open = false;
  #flushing = false;
  #closedFor: Error | undefined;

  constructor(write: (stanza: XmlElement) => Promise<void>, limit = 1000) {
    this.#write = write;
    this.#limit = limit;
  }

  /** Write `stanza` now when connected, else when the connection is back. */
  async send(stanza: XmlElement): Promise<void> {
    if (this.#closedFor) throw this.#closedFor;
    if (this.#open && this.#pending.length === 0) {
      try {
        await this.#write(stanza);
        return;
      } catch {
        // Writes fail only when the socket died under us, before the disconnect event reached the backend:
        // hold the stanza for the reconnect like any other sent during the outage.
      }
    }
    if (this.#pending.length >= this.#limit) {
      throw new BanterError('E_XMPP_OFFLINE', `The XMPP connection is down and ${this.#limit} messages are already waiting for it; this one was dropped.`);
    }
    return new Promise((resolve, reject) => this.#pending.push({ stanza, resolve, reject }));
  }

  /** Connected and ready (rooms rejoined): send what waited, then send directly. */
  async open(): Promise<void> {
    this.#open = true;
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      while (this.#open && this.#pending.length > 0) {
        const next = this.#pending[0]!;
        try {
          await this.#write(next.stanza);
        } catch {
          return; // the connection dropped again; it stays first in line
        }
        this.#pending.shift();
        next.resolve();
      }
    } finally {
      this.#flushing = false;
    }
  }

  /** The connection dropped: hold sends from now on. */
  hold(): void {
    this.#open = false;
  }

  /** The backend is stopping: fail what waits and every later send. */
  close(error: Error): void {
    this.#open = false;
    this.#closedFor = error;
    for (const pending of this.#pending.splice(0)) pending.reject(error);
  }

  /** How many stanzas wait for the connection. */
  get waiting(): number {
    return this.#pending.length;
  }
}
