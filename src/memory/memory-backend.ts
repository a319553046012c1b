import { Backend, type ReplyOptions } from '../backend.ts';
import type { Capabilities } from '../capabilities.ts';
import type { PresenceStatus } from '../events.ts';
import { isOccupant, isRoom, type Identifier, type JoinOptions, type Person, type Room } from '../identifiers.ts';
import { Message } from '../message.ts';
import { IdentifierError } from '../errors/identifier-error.ts';
import { BanterError } from '../errors/banter-error.ts';
import { MemoryChat } from './memory-chat.ts';
import { MemoryOccupant, MemoryPerson, MemoryRoom } from './memory-identifiers.ts';

/** Settings shared by in-memory backends. */
export interface MemoryBackendOptions {
  /** The bot's id in the chat; default `banter`. */
  readonly botName?: string;
  readonly capabilities?: Partial<Capabilities>;
  readonly maxMessageSize?: number;
}

const MENTION = /(?:^|\s)@([\w.-]+)/g;

/**
 * A backend whose chat service lives in memory: people `@id`, rooms `#name`, occupants `#room/id`. The
 * console and test backends build on it; they differ only in how people type and how replies are shown.
 * Third-party authors can use it to prototype a backend before the real service is wired in.
 */
export abstract class MemoryBackend extends Backend {
  readonly chat = new MemoryChat();
  readonly capabilities: Capabilities;
  readonly maxMessageSize: number;
  /** The bot's presence as last set. */
  presence: { status: PresenceStatus; message?: string } = { status: 'online' };
  readonly #bot: MemoryPerson;
  readonly #people = new Map<string, MemoryPerson>();
  #nextId = 0;

  constructor(options: MemoryBackendOptions, defaults: Capabilities) {
    super();
    this.#bot = new MemoryPerson(options.botName ?? 'banter');
    this.#people.set(this.#bot.id, this.#bot);
    this.capabilities = { ...defaults, ...options.capabilities };
    this.maxMessageSize = options.maxMessageSize ?? 10_000;
  }

  get botIdentifier(): MemoryPerson {
    return this.#bot;
  }

  /** The person with this id (created on first mention). */
  person(id: string, nick?: string): MemoryPerson {
    let person = this.#people.get(id);
    if (!person || (nick !== undefined && person.nick !== nick)) {
      person = new MemoryPerson(id, nick ?? person?.nick);
      this.#people.set(id, person);
    }
    return person;
  }

  buildIdentifier(text: string): Identifier {
    const value = text.trim();
    const slash = value.indexOf('/');
    if (value.startsWith('#') && slash > 1) {
      const member = value.slice(slash + 1).replace(/^@/, '');
      if (member) return new MemoryOccupant(this.person(member), this.queryRoom(value.slice(0, slash)));
    } else if (value.startsWith('#') && value.length > 1) {
      return this.queryRoom(value);
    } else if (value.startsWith('@') && value.length > 1 && !/\s/.test(value)) {
      return this.person(value.slice(1));
    }
    throw new IdentifierError(text, '@person, #room or #room/person');
  }

  buildReply(message: Message, text: string, options?: ReplyOptions): Message {
    const person = isOccupant(message.frm) ? (message.frm as MemoryOccupant).person : message.frm;
    const to: Person | Room = options?.private || !isRoom(message.to) ? person : message.to;
    const threaded = this.capabilities.threads && (options?.thread || message.threadId !== undefined) && isRoom(to);
    return new Message({
      body: text,
      frm: this.#bot,
      to,
      threadId: threaded ? (message.threadId ?? message.id) : undefined,
      inReplyTo: message,
    });
  }

  async joinRoom(name: string, options?: JoinOptions): Promise<Room> {
    const room = this.queryRoom(name);
    await room.join(options);
    return room;
  }

  queryRoom(name: string): MemoryRoom {
    const normalized = name.startsWith('#') ? name : `#${name}`;
    if (normalized.length < 2 || /[\s/]/.test(normalized)) throw new IdentifierError(name, 'a room name like #ops');
    return new MemoryRoom(normalized, this);
  }

  async rooms(): Promise<Room[]> {
    return this.chat.roomsOf(this.#bot.id).map((name) => new MemoryRoom(name, this));
  }

  async changePresence(status: PresenceStatus, message?: string): Promise<void> {
    this.presence = { status, message };
  }

  /** The bot joins `room` (used by {@link MemoryRoom.join}). */
  async joinRoomAs(room: MemoryRoom, options?: JoinOptions): Promise<void> {
    if (this.chat.has(room.name, this.#bot.id)) return;
    this.chat.add(room.name, this.#bot.id, options?.password);
    await this.receiveRoomJoined({ room });
  }

  /** The bot leaves `room` (used by {@link MemoryRoom.leave}). */
  async leaveRoom(room: MemoryRoom, _reason?: string): Promise<void> {
    if (!this.chat.has(room.name, this.#bot.id)) return;
    this.chat.remove(room.name, this.#bot.id);
    await this.receiveRoomLeft({ room });
  }

  /** The bot sets `room`'s topic (used by {@link MemoryRoom.setTopic}). */
  async changeTopic(room: MemoryRoom, topic: string): Promise<void> {
    if (!this.chat.has(room.name, this.#bot.id)) {
      throw new BanterError('E_ROOM_NOT_JOINED', `Join ${room.name} before changing its topic.`);
    }
    this.chat.setTopic(room.name, topic);
    await this.receiveRoomTopic({ room, topic, who: this.#bot });
  }

  /** A fresh message id. */
  protected nextId(): string {
    return `m${++this.#nextId}`;
  }

  /**
   * Build the Message a person typing `body` produces: a DM to the bot, or in `room` (whom it puts in the
   * room first). `@name` words become mentions.
   */
  protected incoming(body: string, from: MemoryPerson, room: MemoryRoom | undefined, threadId?: string): Message {
    if (room) this.chat.add(room.name, from.id);
    return new Message({
      body,
      id: this.nextId(),
      frm: room ? new MemoryOccupant(from, room) : from,
      to: room ?? this.#bot,
      threadId,
      mentions: body.includes('@') ? this.mentionsIn(body) : undefined,
    });
  }

  private mentionsIn(body: string): Person[] {
    const people: Person[] = [];
    for (const match of body.matchAll(MENTION)) people.push(this.person(match[1]!));
    return people;
  }
}
