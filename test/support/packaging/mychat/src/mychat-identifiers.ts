import type { Person, Room, RoomOccupant } from 'banter';
import type { MychatBackend } from './mychat-backend.ts';

/** Someone on mychat, written `@id`. Ids are unique and fixed, so `@id` is also the ACL identity. */
export class MychatPerson implements Person {
  readonly kind = 'person' as const;
  readonly id: string;
  readonly nick: string;
  readonly fullname: string;
  readonly email: string | undefined = undefined;
  readonly client: string | undefined = undefined;

  constructor(id: string, nick = id, fullname = nick) {
    this.id = id;
    this.nick = nick;
    this.fullname = fullname;
  }

  get aclattr(): string {
    return `@${this.id}`;
  }

  toString(): string {
    return `@${this.id}`;
  }
}

/** A person as seen in a room, written `#room/id`. */
export class MychatOccupant implements RoomOccupant {
  readonly kind = 'occupant' as const;
  readonly person: MychatPerson;
  readonly room: MychatRoom;

  constructor(person: MychatPerson, room: MychatRoom) {
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
    return this.person.email;
  }
  get client(): string | undefined {
    return this.person.client;
  }
  get aclattr(): string {
    return this.person.aclattr;
  }

  toString(): string {
    return `${this.room}/${this.person.id}`;
  }
}

/** A room on mychat, written `#name`. Every operation asks the service, through the backend. */
export class MychatRoom implements Room {
  readonly kind = 'room' as const;
  readonly name: string;
  readonly #backend: MychatBackend;

  constructor(name: string, backend: MychatBackend) {
    this.name = name.startsWith('#') ? name : `#${name}`;
    this.#backend = backend;
  }

  get aclattr(): string {
    return this.name;
  }

  async join(): Promise<void> {
    this.#backend.service.join(this.name, this.#backend.botIdentifier.id);
  }
  async leave(): Promise<void> {
    this.#backend.service.leave(this.name, this.#backend.botIdentifier.id);
  }
  async create(): Promise<void> {
    this.#backend.service.createRoom(this.name);
  }
  async destroy(): Promise<void> {
    this.#backend.service.destroyRoom(this.name);
  }
  async exists(): Promise<boolean> {
    return this.#backend.service.roomExists(this.name);
  }
  async joined(): Promise<boolean> {
    return this.#backend.service.members(this.name).includes(this.#backend.botIdentifier.id);
  }
  async topic(): Promise<string | undefined> {
    return this.#backend.service.topic(this.name);
  }
  async setTopic(topic: string): Promise<void> {
    this.#backend.service.setTopic(this.name, topic);
  }
  async occupants(): Promise<RoomOccupant[]> {
    return this.#backend.service.members(this.name).map((id) => new MychatOccupant(new MychatPerson(id), this));
  }
  async invite(...people: Person[]): Promise<void> {
    for (const person of people) this.#backend.service.join(this.name, person.id);
  }

  toString(): string {
    return this.name;
  }
}
