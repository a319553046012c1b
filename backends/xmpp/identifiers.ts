import { DelegatingRoom, type Person, type RoomOccupant, type RoomOperations as CoreRoomOperations } from 'banter';
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
export type RoomOperations = CoreRoomOperations<string>;

/** A multi-user chat room (XEP-0045), named by its bare JID: `ops@conference.example.org`. */
export class XmppRoom extends DelegatingRoom<string> {
  readonly name: string;
  readonly aclattr: string;

  constructor(name: string, ops: RoomOperations) {
    super(ops);
    this.name = name;
    this.aclattr = name;
  }

  /** The MUC service keeps rooms by their bare JID. */
  protected override get key(): string {
    return this.name;
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
