/**
 * The vocabulary every backend speaks: a {@link Person}, a {@link Room}, and a {@link RoomOccupant} (a person
 * as seen in one room). Each backend ships its own classes implementing these interfaces, and its
 * `buildIdentifier(text)` parses what `String(identifier)` prints, so identifiers round-trip through text
 * (config files, storage, chat commands).
 */

/** Someone the bot can talk to directly. */
export interface Person {
  readonly kind: 'person' | 'occupant';
  /** Backend-unique id, enough to send a direct message (Slack `U123`, XMPP `alice@example.org`, IRC nick). */
  readonly id: string;
  /** Short display name. */
  readonly nick: string;
  /** Long display name; may equal `nick` when the service has none. */
  readonly fullname: string;
  /** E-mail address when the service exposes one. */
  readonly email: string | undefined;
  /** The device, resource or connection the person speaks from, when the service has the notion. */
  readonly client: string | undefined;
  /**
   * The secure identity ACLs match against: a Slack or Discord user id, an XMPP bare JID, an IRC services
   * account or full mask. Never a display name or bare nick, which anyone can take.
   */
  readonly aclattr: string;
  /** Text that the same backend's `buildIdentifier` turns back into an equal identifier. */
  toString(): string;
}

/** A person inside a room: who said something in a channel or MUC. */
export interface RoomOccupant extends Person {
  readonly kind: 'occupant';
  readonly room: Room;
}

/** Options for {@link Room.join}. */
export interface JoinOptions {
  /** Room password or channel key. */
  readonly password?: string;
  /** Nickname to use in the room, where the service allows one per room. */
  readonly nick?: string;
}

/** A channel, MUC or group conversation. Every operation is async because it talks to the service. */
export interface Room {
  readonly kind: 'room';
  /** The room's name as users type it (`#ops`, `ops@conference.example.org`). */
  readonly name: string;
  /** Text ACL room rules match against. */
  readonly aclattr: string;
  /** Join the room, creating it if the service does that on join. */
  join(options?: JoinOptions): Promise<void>;
  /** Leave the room. */
  leave(reason?: string): Promise<void>;
  /** Create the room; does nothing if it exists. */
  create(): Promise<void>;
  /** Destroy the room; does nothing if it does not exist. */
  destroy(): Promise<void>;
  /** Whether the room exists on the service. */
  exists(): Promise<boolean>;
  /** Whether the bot is in the room. */
  joined(): Promise<boolean>;
  /** The room's topic, or undefined when it has none. */
  topic(): Promise<string | undefined>;
  /** Change the room's topic. */
  setTopic(topic: string): Promise<void>;
  /** Who is in the room now. */
  occupants(): Promise<RoomOccupant[]>;
  /** Invite people to the room. */
  invite(...people: Person[]): Promise<void>;
  /** Text that `buildIdentifier` turns back into this room. */
  toString(): string;
}

/** Anything `buildIdentifier` may return. */
export type Identifier = Person | RoomOccupant | Room;

/** True for a {@link Room}. */
export function isRoom(identifier: Identifier | undefined): identifier is Room {
  return identifier?.kind === 'room';
}

/** True for a {@link Person}, including a {@link RoomOccupant}. */
export function isPerson(identifier: Identifier | undefined): identifier is Person {
  return identifier?.kind === 'person' || identifier?.kind === 'occupant';
}

/** True for a {@link RoomOccupant}. */
export function isOccupant(identifier: Identifier | undefined): identifier is RoomOccupant {
  return identifier?.kind === 'occupant';
}
