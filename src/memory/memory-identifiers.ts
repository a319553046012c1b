import type { JoinOptions, Person, Room, RoomOccupant } from '../identifiers.ts';
import type { MemoryBackend } from './memory-backend.ts';

/**
 * A person in an in-memory chat, written `@id`. `aclattr` is `@id`; the nick may differ from the id, which
 * lets tests show that a display name never grants rights.
 */
export class MemoryPerson implements Person {
  readonly kind = 'person' as const;
  readonly id: string;
  readonly nick: string;
  readonly fullname: string;
  readonly email: string | undefined = undefined;
  readonly client: string | undefined = undefined;
  readonly aclattr: string;

  constructor(id: string, nick?: string, fullname?: string) {
    this.id = id;
    this.nick = nick ?? id;
    this.fullname = fullname ?? this.nick;
    this.aclattr = `@${id}`;
  }

  toString(): string {
    return this.aclattr;
  }
}

/** A person as seen in a room, written `#room/id`. */
export class MemoryOccupant implements RoomOccupant {
  readonly kind = 'occupant' as const;
  readonly person: MemoryPerson;
  readonly room: MemoryRoom;

  constructor(person: MemoryPerson, room: MemoryRoom) {
    this.person = person;
    this.room = room;
  }

  get id(): string {
    return this.person.id;
  }
  get nick(): string {
    return this.person.nick;
  }
  get fullname(): string {
    return this.person.fullname;
  }
  get email(): string | undefined {
    return undefined;
  }
  get client(): string | undefined {
    return undefined;
  }
  get aclattr(): string {
    return this.person.aclattr;
  }

  toString(): string {
    return `${this.room}/${this.person.id}`;
  }
}

/** A room in an in-memory chat, written `#name`. Its state lives in the backend's {@link MemoryChat}. */
export class MemoryRoom implements Room {
  readonly kind = 'room' as const;
  readonly name: string;
  readonly #backend: MemoryBackend;

  constructor(name: string, backend: MemoryBackend) {
    this.name = name;
    this.#backend = backend;
  }

  get aclattr(): string {
    return this.name;
  }

  join(options?: JoinOptions): Promise<void> {
    return this.#backend.joinRoomAs(this, options);
  }
  leave(reason?: string): Promise<void> {
    return this.#backend.leaveRoom(this, reason);
  }
  async create(): Promise<void> {
    this.#backend.chat.create(this.name);
  }
  async destroy(): Promise<void> {
    this.#backend.chat.destroy(this.name);
  }
  async exists(): Promise<boolean> {
    return this.#backend.chat.exists(this.name);
  }
  async joined(): Promise<boolean> {
    return this.#backend.chat.has(this.name, this.#backend.botIdentifier.id);
  }
  async topic(): Promise<string | undefined> {
    return this.#backend.chat.topic(this.name);
  }
  setTopic(topic: string): Promise<void> {
    return this.#backend.changeTopic(this, topic);
  }
  async occupants(): Promise<MemoryOccupant[]> {
    return this.#backend.chat.members(this.name).map((id) => new MemoryOccupant(this.#backend.person(id), this));
  }
  async invite(...people: Person[]): Promise<void> {
    for (const person of people) this.#backend.chat.add(this.name, person.id);
  }

  toString(): string {
    return this.name;
  }
}
