import type { Person, Room } from './identifiers.ts';
import { isRoom } from './identifiers.ts';

/** What a backend knows about an incoming or outgoing message. */
export interface MessageInit {
  /** Message text, markdown. */
  readonly body: string;
  /** Who sent it: a Person in a DM, a RoomOccupant in a room. */
  readonly frm: Person;
  /** Where it went: the bot (or another Person) for a DM, a Room otherwise. */
  readonly to: Person | Room;
  /** Service id of the message, used for replies, reactions, edits. */
  readonly id?: string;
  /** Thread the message belongs to, on services with threads. */
  readonly threadId?: string;
  /** Replayed history or backlog: never runs commands. */
  readonly delayed?: boolean;
  /**
   * Must not be answered automatically (an IRC NOTICE, by RFC 1459): it never runs commands, flows or
   * confirmations, but `onMessage` and `onMention` hooks see it, and should not reply to it either.
   */
  readonly quiet?: boolean;
  /** People mentioned in the message, as the backend understood them. */
  readonly mentions?: readonly Person[];
  /** Backend-specific data (raw event, flags). */
  readonly extras?: Readonly<Record<string, unknown>>;
  /** For an outgoing reply: the message it answers. */
  readonly inReplyTo?: Message;
}

/**
 * A chat message, incoming or outgoing. Backends build them from service events; plugins receive them in
 * command handlers and callbacks.
 */
export class Message {
  readonly body: string;
  readonly frm: Person;
  readonly to: Person | Room;
  readonly id: string | undefined;
  readonly threadId: string | undefined;
  readonly delayed: boolean;
  readonly quiet: boolean;
  readonly mentions: readonly Person[];
  readonly extras: Readonly<Record<string, unknown>>;
  readonly inReplyTo: Message | undefined;

  constructor(init: MessageInit) {
    this.body = init.body;
    this.frm = init.frm;
    this.to = init.to;
    this.id = init.id;
    this.threadId = init.threadId;
    this.delayed = init.delayed ?? false;
    this.quiet = init.quiet ?? false;
    this.mentions = init.mentions ?? NO_MENTIONS;
    this.extras = init.extras ?? NO_EXTRAS;
    this.inReplyTo = init.inReplyTo;
  }

  /** A one-to-one conversation with the bot. */
  get isDirect(): boolean {
    return !isRoom(this.to);
  }

  /** Said in a room. */
  get isGroup(): boolean {
    return isRoom(this.to);
  }

  /** Part of a thread. */
  get isThreaded(): boolean {
    return this.threadId !== undefined;
  }

  /** The room the message was said in, if any. */
  get room(): Room | undefined {
    return isRoom(this.to) ? this.to : undefined;
  }

  /** A copy with some fields replaced. */
  with(changes: Partial<MessageInit>): Message {
    return new Message({ ...this.toInit(), ...changes });
  }

  private toInit(): MessageInit {
    return {
      body: this.body,
      frm: this.frm,
      to: this.to,
      id: this.id,
      threadId: this.threadId,
      delayed: this.delayed,
      quiet: this.quiet,
      mentions: this.mentions,
      extras: this.extras,
      inReplyTo: this.inReplyTo,
    };
  }
}

const NO_MENTIONS: readonly Person[] = Object.freeze([]);
const NO_EXTRAS: Readonly<Record<string, unknown>> = Object.freeze({});
