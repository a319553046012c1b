import { NotSupportedError, type JoinOptions, type Person, type Room, type RoomOccupant } from 'banter';

/** What the network told us about someone: the parts of `nick!user@host` and the services account. */
export interface IrcUserInfo {
  readonly nick: string;
  /** Username (ident), e.g. `~alice`; undefined until the server has shown it. */
  readonly user?: string;
  readonly host?: string;
  /** Services account, from SASL, account-tag, extended-join, account-notify or WHOX. */
  readonly account?: string;
  readonly realname?: string;
}

/** What a room handle asks of the backend; {@link IrcBackend} implements it. */
export interface IrcChannelOperations {
  join(channel: string, options?: JoinOptions): Promise<unknown>;
  part(channel: string, reason?: string): Promise<void>;
  exists(channel: string): Promise<boolean>;
  isJoined(channel: string): boolean;
  topic(channel: string): Promise<string | undefined>;
  setTopic(channel: string, topic: string): Promise<void>;
  occupants(channel: string): Promise<IrcRoomOccupant[]>;
  invite(channel: string, nick: string): Promise<void>;
}

// ASCII only, as the server's CASEMAPPING=ascii/rfc1459 do for letters; aclattrs are compared case-sensitively.
const lower = (text: string) => text.replace(/[A-Z]+/g, (c) => c.toLowerCase());

/**
 * Someone on IRC. `id` is the nick (enough to send a private message); `aclattr` is the services account
 * (`$a:alice`) when the network vouches for one, else the full mask `nick!user@host`, in ASCII lower case —
 * never the bare nick, which anyone can take while its owner is away. A person known only by nick (written by
 * hand, never seen on the network) has the aclattr `nick!*@*`, which matches no real sender's mask.
 */
export class IrcPerson implements Person {
  readonly kind: 'person' | 'occupant' = 'person';
  readonly nick: string;
  readonly user: string | undefined;
  readonly host: string | undefined;
  readonly account: string | undefined;
  readonly realname: string | undefined;
  readonly email: string | undefined = undefined;

  constructor(info: IrcUserInfo) {
    this.nick = info.nick;
    this.user = info.user || undefined;
    this.host = info.host || undefined;
    this.account = info.account || undefined;
    this.realname = info.realname || undefined;
  }

  get id(): string {
    return this.nick;
  }

  get fullname(): string {
    return this.realname ?? this.nick;
  }

  /** `user@host`: the connection the person speaks from. */
  get client(): string | undefined {
    return this.user && this.host ? `${this.user}@${this.host}` : undefined;
  }

  /** `nick!user@host`, or undefined until the network has shown it. */
  get mask(): string | undefined {
    return this.user && this.host ? `${this.nick}!${this.user}@${this.host}` : undefined;
  }

  get aclattr(): string {
    if (this.account) return `$a:${lower(this.account)}`;
    return lower(this.mask ?? `${this.nick}!*@*`);
  }

  /** The mask when known, else the nick; `buildIdentifier` reads both. */
  toString(): string {
    return this.mask ?? this.nick;
  }
}

/** A person as seen in a channel, written `#chan/nick`. Same `aclattr` as the person. */
export class IrcRoomOccupant extends IrcPerson implements RoomOccupant {
  override readonly kind = 'occupant' as const;
  readonly room: IrcRoom;

  constructor(info: IrcUserInfo, room: IrcRoom) {
    super(info);
    this.room = room;
  }

  /** The person without the channel: where a private reply goes. */
  get person(): IrcPerson {
    return new IrcPerson(this);
  }

  override toString(): string {
    return `${this.room.name}/${this.nick}`;
  }
}

/** A channel (`#ops`, `&local`). Its `aclattr` is the name in ASCII lower case, as channels are case-insensitive. */
export class IrcRoom implements Room {
  readonly kind = 'room' as const;
  readonly name: string;
  readonly #ops: IrcChannelOperations;

  constructor(name: string, ops: IrcChannelOperations) {
    this.name = name;
    this.#ops = ops;
  }

  get aclattr(): string {
    return lower(this.name);
  }

  async join(options?: JoinOptions): Promise<void> {
    await this.#ops.join(this.name, options);
  }

  leave(reason?: string): Promise<void> {
    return this.#ops.part(this.name, reason);
  }

  /** IRC creates a channel when the first person joins it, so creating is joining. */
  create(): Promise<void> {
    return this.join();
  }

  /** IRC has no way to destroy a channel: it disappears when the last member leaves. */
  async destroy(): Promise<void> {
    throw new NotSupportedError('irc', 'Room.destroy', 'a channel disappears when its last member leaves; use leave()');
  }

  exists(): Promise<boolean> {
    return this.#ops.exists(this.name);
  }

  async joined(): Promise<boolean> {
    return this.#ops.isJoined(this.name);
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

  async invite(...people: Person[]): Promise<void> {
    for (const person of people) await this.#ops.invite(this.name, person.nick);
  }

  toString(): string {
    return this.name;
  }
}
