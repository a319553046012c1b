import { IdentifierError, type Identifier } from 'banter';
import type { Channel, Client, Guild, GuildMember, User } from 'discord.js';
import { IDENTIFIER_FORMS, parseIdentifierText } from './identifier-text.ts';
import { DiscordPerson, DiscordRoom, DiscordRoomOccupant, type DiscordChannelInfo, type RoomOperations } from './identifiers.ts';
import type { MentionDirectory } from './mentions.ts';

/** Channel types that are rooms: guild text and announcement channels, and threads in them. */
const TEXT_CHANNEL_TYPES = new Set([0, 5]);
const THREAD_TYPES = new Set([10, 11, 12]);

/** A channel as far as the directory needs to know it (discord.js channels satisfy this). */
type KnownChannel = Channel;

/**
 * Who and where, by what the bot has seen: turns discord.js users, members and channels into Banter
 * identifiers, parses identifier text (ids need no cache; names do), and serves the mention translation.
 * It only reads discord.js's cache, so it answers synchronously, as `buildIdentifier` must.
 */
export class DiscordDirectory implements MentionDirectory {
  readonly #ops: RoomOperations;
  #client: Client | undefined;

  constructor(ops: RoomOperations) {
    this.#ops = ops;
  }

  /** Read names from this client's cache from now on (undefined: ids only). */
  use(client: Client | undefined): void {
    this.#client = client;
  }

  /** A person from a discord.js user, with the guild nickname when a member is known. */
  person(user: User, member?: GuildMember | null): DiscordPerson {
    return new DiscordPerson({ id: user.id, username: user.username ?? user.id, globalName: user.globalName, nickname: member?.nickname, bot: user.bot });
  }

  /** A person by id, named from the cache when the user is there. */
  personById(id: string, guildId?: string): DiscordPerson {
    const user = this.#client?.users.cache.get(id);
    if (!user) return new DiscordPerson({ id, username: id });
    const member = guildId ? this.#client?.guilds.cache.get(guildId)?.members.cache.get(id) : undefined;
    return this.person(user, member);
  }

  /** The room for a guild text channel or thread; undefined for DMs and channels that hold no messages. */
  room(channel: KnownChannel): DiscordRoom | undefined {
    const info = channelInfo(channel);
    return info ? new DiscordRoom(info, this.#ops) : undefined;
  }

  /** A room by channel id: named from the cache, or a bare handle to an id the bot has not seen. */
  roomById(id: string): DiscordRoom {
    const channel = this.#client?.channels.cache.get(id);
    const known = channel ? this.room(channel) : undefined;
    return known ?? new DiscordRoom({ id, name: id, guildId: undefined, guildName: undefined }, this.#ops);
  }

  /** Someone in a room. */
  occupant(room: DiscordRoom, person: DiscordPerson): DiscordRoomOccupant {
    return new DiscordRoomOccupant(room, person);
  }

  /** Parse identifier text (see {@link IDENTIFIER_FORMS}); throws IdentifierError for anything else. */
  build(text: string): Identifier {
    const parsed = parseIdentifierText(text);
    if (!parsed) throw new IdentifierError(text, IDENTIFIER_FORMS);
    switch (parsed.kind) {
      case 'user':
        return this.personById(parsed.id);
      case 'channel':
        return this.roomById(parsed.id);
      case 'occupant': {
        const room = this.roomById(parsed.channelId);
        return this.occupant(room, this.personById(parsed.userId, room.guildId));
      }
      case 'id':
        // A bare snowflake is a channel the bot knows, else a user: Discord ids are unique across both.
        return this.#client?.channels.cache.has(parsed.id) ? this.roomById(parsed.id) : this.personById(parsed.id);
      case 'username': {
        const id = this.userId(parsed.username);
        if (!id) throw new IdentifierError(text, `a user the bot has seen (no one called @${parsed.username} is known; <@id> always works)`);
        return this.personById(id);
      }
      case 'channel-name':
        return this.#roomByName(text, parsed.guild, parsed.channel, parsed.thread);
    }
  }

  /** A room handle by any accepted text; a room that does not exist yet has an empty id (see Room.create). */
  query(text: string): DiscordRoom {
    const parsed = parseIdentifierText(text);
    if (parsed?.kind === 'channel' || parsed?.kind === 'id') return this.roomById(parsed.id);
    if (parsed?.kind === 'channel-name') return this.#roomByName(text, parsed.guild, parsed.channel, parsed.thread);
    throw new IdentifierError(text, 'a room: <#123…>, #channel, "Guild/#channel" or "#channel/thread name"');
  }

  /** Every guild text channel and joined thread the bot can see. */
  rooms(): DiscordRoom[] {
    const rooms: DiscordRoom[] = [];
    for (const channel of this.#client?.channels.cache.values() ?? []) {
      if (channel.isThread() && !channel.joined) continue;
      const room = this.room(channel);
      if (room && (!('viewable' in channel) || channel.viewable)) rooms.push(room);
    }
    return rooms;
  }

  /** The guilds the bot is in. */
  guilds(): Guild[] {
    return [...(this.#client?.guilds.cache.values() ?? [])];
  }

  // ---- MentionDirectory ----

  username(userId: string): string | undefined {
    return this.#client?.users.cache.get(userId)?.username;
  }

  channelName(channelId: string): string | undefined {
    const channel = this.#client?.channels.cache.get(channelId);
    return channel && 'name' in channel && typeof channel.name === 'string' ? channel.name : undefined;
  }

  roleName(roleId: string): string | undefined {
    for (const guild of this.#client?.guilds.cache.values() ?? []) {
      const role = guild.roles.cache.get(roleId);
      if (role) return role.name;
    }
    return undefined;
  }

  userId(username: string): string | undefined {
    const wanted = username.toLowerCase();
    return this.#client?.users.cache.find((user) => user.username?.toLowerCase() === wanted)?.id;
  }

  channelId(name: string): string | undefined {
    const matches = this.#textChannels().filter((channel) => channel.name === name);
    // A name two guilds share names no channel in particular: leave it as text.
    return matches.length === 1 ? matches[0]!.id : undefined;
  }

  #roomByName(text: string, guildName: string | undefined, channelName: string, threadName: string | undefined): DiscordRoom {
    const guilds = this.guilds().filter((guild) => guildName === undefined || guild.name.toLowerCase() === guildName.toLowerCase());
    if (guildName !== undefined && guilds.length === 0) {
      // Not a guild the bot is in: a handle that says so when used (a bot cannot join a guild by itself).
      return new DiscordRoom({ id: '', name: channelName, guildId: undefined, guildName }, this.#ops);
    }
    const channels = this.#textChannels().filter((channel) => channel.name === channelName && guilds.some((g) => g.id === channel.guildId));
    if (channels.length > 1) {
      const forms = channels.map((channel) => `"${channel.guildName}/#${channel.name}"`).join(' or ');
      throw new IdentifierError(text, `one channel; #${channelName} is in several guilds: write ${forms}, or <#id>`);
    }
    const channel = channels[0];
    if (!channel) {
      if (guilds.length !== 1) throw new IdentifierError(text, `a channel the bot can see; write "Guild/#${channelName}" to name where it should be`);
      const guild = guilds[0]!;
      return new DiscordRoom({ id: '', name: channelName, guildId: guild.id, guildName: guild.name }, this.#ops);
    }
    if (threadName === undefined) return new DiscordRoom(channel, this.#ops);
    const thread = this.#client?.channels.cache.find(
      (c) => c.isThread() && c.parentId === channel.id && c.name.toLowerCase() === threadName.toLowerCase(),
    );
    if (thread) return this.room(thread)!;
    return new DiscordRoom({ id: '', name: threadName, guildId: channel.guildId, guildName: channel.guildName, parent: { id: channel.id, name: channel.name } }, this.#ops);
  }

  #textChannels(): DiscordChannelInfo[] {
    const found: DiscordChannelInfo[] = [];
    for (const channel of this.#client?.channels.cache.values() ?? []) {
      if (!TEXT_CHANNEL_TYPES.has(channel.type)) continue;
      const info = channelInfo(channel);
      if (info) found.push(info);
    }
    return found;
  }
}

/** What a room needs to know about a discord.js channel; undefined when the channel is not a room. */
export function channelInfo(channel: KnownChannel): DiscordChannelInfo | undefined {
  if (channel.isDMBased()) return undefined;
  if (THREAD_TYPES.has(channel.type) && channel.isThread()) {
    const parent = channel.parent;
    return {
      id: channel.id,
      name: channel.name,
      guildId: channel.guildId,
      guildName: channel.guild?.name,
      parent: { id: channel.parentId ?? '', name: parent?.name ?? channel.parentId ?? '' },
    };
  }
  if (!TEXT_CHANNEL_TYPES.has(channel.type) || !('name' in channel)) return undefined;
  return { id: channel.id, name: channel.name, guildId: channel.guildId, guildName: channel.guild?.name };
}
