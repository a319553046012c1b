import { DelegatingRoom, type Person, type RoomOccupant, type RoomOperations as CoreRoomOperations } from 'banter';

/** What the backend knows about a Discord user when it builds an identifier. */
export interface DiscordUserInfo {
  /** The user's snowflake. */
  readonly id: string;
  /** The unique handle (`alice`); the id when the user is not in the cache. */
  readonly username: string;
  /** The display name chosen by the user, if any. */
  readonly globalName?: string | null;
  /** The nickname in the guild, for someone seen in a guild channel. */
  readonly nickname?: string | null;
  readonly bot?: boolean;
}

/**
 * Someone on Discord, by user id. `aclattr` and `id` are the snowflake: usernames and display names can be
 * changed by their owner (and nicknames by any moderator), the id never. `nick` is the username (what `@name`
 * mentions), `fullname` the name Discord shows: guild nickname, else display name, else username.
 * `String()` is Discord's own mention syntax, `<@id>`.
 */
export class DiscordPerson implements Person {
  readonly kind = 'person' as const;
  readonly id: string;
  readonly nick: string;
  readonly fullname: string;
  readonly email: string | undefined = undefined;
  readonly client: string | undefined = undefined;
  readonly aclattr: string;
  readonly username: string;
  readonly globalName: string | undefined;
  /** Whether the account is a bot (the Banter bot itself, or another one). */
  readonly bot: boolean;

  constructor(user: DiscordUserInfo) {
    this.id = user.id;
    this.aclattr = user.id;
    this.username = user.username;
    this.globalName = user.globalName ?? undefined;
    this.nick = user.username;
    this.fullname = user.nickname ?? user.globalName ?? user.username;
    this.bot = user.bot ?? false;
  }

  toString(): string {
    return `<@${this.id}>`;
  }
}

/** What the backend knows about a guild channel or thread when it builds a room. */
export interface DiscordChannelInfo {
  readonly id: string;
  /** The channel's name without `#`; for a thread, the thread's name. */
  readonly name: string;
  readonly guildId: string | undefined;
  readonly guildName: string | undefined;
  /** For a thread: the channel it belongs to. */
  readonly parent?: { readonly id: string; readonly name: string } | undefined;
}

/**
 * The operations behind {@link DiscordRoom}; the backend's room service implements them against Discord, so a
 * room handle stays a plain value.
 */
export type RoomOperations = CoreRoomOperations<DiscordRoom>;

/**
 * A guild text channel (`#ops`) or a thread in one (`#ops/deploy 42`). `aclattr` is the channel id, which
 * renaming does not change; `name` is what people see and type. `String()` is Discord's channel mention
 * `<#id>`, exact even when two guilds have a `#general`. A handle to a channel that does not exist yet (from
 * `queryRoom`, to `create()` it) has an empty id.
 */
export class DiscordRoom extends DelegatingRoom<DiscordRoom> {
  /** The channel (or thread) id. */
  readonly id: string;
  /** `#channel`, or `#channel/thread name` for a thread. */
  readonly name: string;
  readonly aclattr: string;
  readonly channelName: string;
  readonly guildId: string | undefined;
  readonly guildName: string | undefined;
  /** For a thread: its channel. */
  readonly parent: { readonly id: string; readonly name: string } | undefined;

  constructor(channel: DiscordChannelInfo, ops: RoomOperations) {
    super(ops);
    this.id = channel.id;
    this.aclattr = channel.id;
    this.channelName = channel.name;
    this.guildId = channel.guildId;
    this.guildName = channel.guildName;
    this.parent = channel.parent;
    this.name = channel.parent ? `#${channel.parent.name}/${channel.name}` : `#${channel.name}`;
  }

  /** Whether this room is a thread. */
  get isThread(): boolean {
    return this.parent !== undefined;
  }

  /** `<#id>`; for a channel that does not exist yet (see {@link create}), `Guild/#name`. */
  toString(): string {
    if (this.id) return `<#${this.id}>`;
    return this.guildName ? `${this.guildName}/${this.name}` : this.name;
  }
}

/**
 * Someone in a guild channel. `aclattr` is the user id, as in a direct message: Discord tells who wrote every
 * message, there is no anonymous speaker. `fullname` is the guild nickname when there is one.
 * `String()` is `<#channel>/<@user>`.
 */
export class DiscordRoomOccupant implements RoomOccupant {
  readonly kind = 'occupant' as const;
  readonly room: DiscordRoom;
  readonly id: string;
  readonly nick: string;
  readonly fullname: string;
  readonly email: string | undefined = undefined;
  readonly client: string | undefined = undefined;
  readonly aclattr: string;
  readonly person: DiscordPerson;

  constructor(room: DiscordRoom, person: DiscordPerson) {
    this.room = room;
    this.person = person;
    this.id = person.id;
    this.aclattr = person.aclattr;
    this.nick = person.nick;
    this.fullname = person.fullname;
  }

  /** Whether the account is a bot. */
  get bot(): boolean {
    return this.person.bot;
  }

  toString(): string {
    return `${this.room}/${this.person}`;
  }
}
