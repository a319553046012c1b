import type { JoinOptions, Person, Room, RoomOccupant } from 'banter';
import { bareOf, type Address } from './address.ts';

/**
 * Someone on XMPP, by JID. `aclattr` and `id` are the bare JID (`alice@example.org`): the account, which only
 * its owner can log in as. `client` is the resource (`laptop`) when the person spoke from a known one;
 * `String()` then prints the full JID, so a reply goes back to that device.
 */
export class XmppPerson implements Person {
  readonly kind = 'person' as const;
  /** The bare JID. */
  readonly id: string;
  readonly nick: string;
  readonly fullname: string;
  readonly email: string | undefined = undefined;
  readonly client: string | undefined;
  readonly aclattr: string;

  constructor(address: Address, nick?: string) {
    this.id = bareOf(address);
    this.aclattr = this.id;
    this.client = address.resource || undefined;
    this.nick = nick ?? (address.local || address.domain);
    this.fullname = this.nick;
  }

  /** The full JID when the resource is known, else the bare JID. */
  get jid(): string {
    return this.client ? `${this.id}/${this.client}` : this.id;
  }

  toString(): string {
    return this.jid;
  }
}

/**
 * The operations behind {@link XmppRoom}; the backend's MUC service implements them. Rooms are handles by name,
 * so two handles to one room share its state through here.
 */
export interface RoomOperations {
  join(room: string, options?: JoinOptions): Promise<void>;
  leave(room: string, reason?: string): Promise<void>;
  create(room: string): Promise<void>;
  destroy(room: string): Promise<void>;
  exists(room: string): Promise<boolean>;
  joined(room: string): boolean;
  topic(room: string): Promise<string | undefined>;
  setTopic(room: string, topic: string): Promise<void>;
  occupants(room: string): Promise<RoomOccupant[]>;
  invite(room: string, people: readonly Person[]): Promise<void>;
}

/** A multi-user chat room (XEP-0045), named by its bare JID: `ops@conference.example.org`. */
export class XmppRoom implements Room {
  readonly kind = 'room' as const;
  readonly name: string;
  readonly aclattr: string;
  readonly #ops: RoomOperations;

  constructor(name: string, ops: RoomOperations) {
    this.name = name;
    this.aclattr = name;
    this.#ops = ops;
  }

  join(options?: JoinOptions): Promise<void> {
    return this.#ops.join(this.name, options);
  }
  leave(reason?: string): Promise<void> {
    return this.#ops.leave(this.name, reason);
  }
  create(): Promise<void> {
    return this.#ops.create(this.name);
  }
  destroy(): Promise<void> {
    return this.#ops.destroy(this.name);
  }
  exists(): Promise<boolean> {
    return this.#ops.exists(this.name);
  }
  async joined(): Promise<boolean> {
    return this.#ops.joined(this.name);
  }
  topic(): Promise<string | undefined> {
    return this.#ops.topic(this.name);
  }
  setTopic(topic: string): Promise<void> {
    return this.#ops.setTopic(this.name, topic);
  }
  occupants(): Promise<RoomOccupant[]> {
    return this.#ops.occupants(this.name);
  }
  invite(...people: Person[]): Promise<void> {
    return this.#ops.invite(this.name, people);
  }
  toString(): string {
    return this.name;
  }
}

/**
 * Someone in a room, `ops@conference.example.org/alice`. When the room shows occupants' real JIDs
 * (non-anonymous rooms, or to moderators), `realJid` is set and `aclattr` is that bare JID, the same as the
 * person's in a direct message. In an anonymous room nobody but the server knows who is behind a nickname,
 * and anyone may take any free nickname: `anonymous` is then true and `aclattr` falls back to the occupant
 * JID, for display and room-scoped rules only. It always contains a `/` and never ends in `@domain`, so it
 * cannot match an admin rule written as a bare JID or a `*@example.org` glob.
 */
export class XmppRoomOccupant implements RoomOccupant {
  readonly kind = 'occupant' as const;
  readonly room: XmppRoom;
  readonly nick: string;
  readonly fullname: string;
  readonly email: string | undefined = undefined;
  /** The occupant JID; a direct message to it is a MUC private message, which works in anonymous rooms too. */
  readonly id: string;
  /** The real bare JID, when the room exposes it. */
  readonly realJid: string | undefined;
  /** The resource of the real JID, when the room exposes it. */
  readonly client: string | undefined;
  readonly aclattr: string;
  readonly #real: Address | undefined;

  constructor(room: XmppRoom, nick: string, real?: Address) {
    this.#real = real;
    this.room = room;
    this.nick = nick;
    this.fullname = nick;
    this.id = `${room.name}/${nick}`;
    this.realJid = real ? bareOf(real) : undefined;
    this.client = real?.resource || undefined;
    this.aclattr = this.realJid ?? anonymousAclattr(room.name, nick);
  }

  /** True when the room hides who this is: `aclattr` is then not an account. */
  get anonymous(): boolean {
    return this.realJid === undefined;
  }

  /** The account behind the nickname, when the room shows it. */
  get person(): XmppPerson | undefined {
    return this.#real ? new XmppPerson(this.#real, this.nick) : undefined;
  }

  toString(): string {
    return this.id;
  }
}

/**
 * `room/nick` with any `@` in the nickname written `\40` (XEP-0106's escape), so a nickname such as
 * `x@example.org` cannot make the text end like an account and match an `*@example.org` admin glob.
 */
export function anonymousAclattr(room: string, nick: string): string {
  return `${room}/${nick.replaceAll('@', '\\40')}`;
}
