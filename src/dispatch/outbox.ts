import type { Backend, ReplyOptions, SentMessage } from '../backend.ts';
import { isCard, renderCardAsText, type Card } from '../card.ts';
import type { FileUpload } from '../events.ts';
import type { Identifier } from '../identifiers.ts';
import { Message } from '../message.ts';
import type { SendOptions } from '../plugin-services.ts';
import type { CommandReply } from '../commands/command-spec.ts';
import type { CallbackSet } from '../plugins/callback-set.ts';
import { splitMessage } from './split-message.ts';

/** What was sent, as metrics count it: a text message (each part of a split one), a native card, a file. */
export type SentKind = 'text' | 'card' | 'file';

/**
 * Everything the bot sends goes through here: replies and plugin-initiated messages are split at the
 * backend's size limit, cards fall back to text where the backend has none, threads fall back to the room,
 * and `onBotMessage` hooks see each message sent.
 */
export class Outbox {
  readonly #backend: Backend;
  readonly #callbacks: CallbackSet;
  /** Messages sent, for status and metrics. */
  sent = 0;
  /** Told of each message sent, for metrics; unset (one check per send) unless the web server's metrics are on. */
  #onSent: ((kind: SentKind) => void) | undefined = undefined;

  constructor(backend: Backend, callbacks: CallbackSet) {
    this.#backend = backend;
    this.#callbacks = callbacks;
  }

  /** Answer `message` with one reply. */
  reply(message: Message, reply: CommandReply, options?: ReplyOptions): Promise<unknown> {
    if (typeof reply !== 'string') {
      const addressed = this.#backend.buildReply(message, '', options);
      return this.card(addressed.to, reply, addressed);
    }
    const out = this.#backend.buildReply(message, reply, options);
    // One message that fits and nobody listening for bot messages: hand it straight to the backend.
    if (reply.length <= this.#backend.maxMessageSize && !this.#callbacks.has('onBotMessage')) {
      this.sent++;
      this.#onSent?.('text');
      return this.#backend.send(out);
    }
    return this.deliver(out);
  }

  /** Send text to a person or room (a RoomOccupant gets a direct message). */
  send(to: Identifier, text: string, options?: SendOptions): Promise<SentMessage[]> {
    return this.deliver(this.compose(to, text, options?.inReplyTo));
  }

  /** Send a card, natively where the backend can. */
  sendCard(to: Identifier, card: Card, options?: SendOptions): Promise<SentMessage> {
    return this.card(to, card, this.compose(to, '', options?.inReplyTo));
  }

  /** Upload a file (throws NotSupportedError where the backend has no files). */
  uploadFile(to: Identifier, file: FileUpload, options?: SendOptions): Promise<SentMessage> {
    const upload = this.#backend.uploadFile(to, file, options?.inReplyTo);
    return this.#onSent ? upload.then((sent) => (this.#onSent?.('file'), sent)) : upload;
  }

  /** Be told of every message sent (`undefined` stops it); one listener at a time. */
  observe(listener: ((kind: SentKind) => void) | undefined): void {
    this.#onSent = listener;
  }

  /** Whether a command result item is something to send. */
  static isReply(value: unknown): value is CommandReply {
    return typeof value === 'string' ? value.length > 0 : isCard(value);
  }

  private async card(to: Identifier, card: Card, addressed: Message): Promise<SentMessage> {
    if (!this.#backend.supports('cards')) {
      const [first] = await this.deliver(addressed.with({ body: renderCardAsText(card) }));
      return first!;
    }
    const sent = await this.#backend.sendCard(to, card, addressed.inReplyTo, addressed.threadId);
    this.sent++;
    this.#onSent?.('card');
    if (this.#callbacks.has('onBotMessage')) {
      await this.#callbacks.emit('onBotMessage', addressed.with({ body: renderCardAsText(card), extras: { card } }));
    }
    return sent;
  }

  private compose(to: Identifier, body: string, inReplyTo: Message | undefined): Message {
    const threaded = inReplyTo && this.#backend.supports('threads');
    return new Message({
      body,
      frm: this.#backend.botIdentifier,
      to: to,
      threadId: threaded ? (inReplyTo.threadId ?? inReplyTo.id) : undefined,
      inReplyTo,
    });
  }

  private async deliver(message: Message): Promise<SentMessage[]> {
    const limit = this.#backend.maxMessageSize;
    const parts = message.body.length <= limit ? [message] : splitMessage(message.body, limit).map((body) => message.with({ body }));
    const sent: SentMessage[] = [];
    for (const part of parts) {
      sent.push(await this.#backend.send(part));
      this.sent++;
      this.#onSent?.('text');
      if (this.#callbacks.has('onBotMessage')) await this.#callbacks.emit('onBotMessage', part);
    }
    return sent;
  }
}

