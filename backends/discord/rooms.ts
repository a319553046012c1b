import { BanterError, NotSupportedError, type Logger, type Person, type RoomOccupant } from 'banter';
import { ChannelType, PermissionFlagsBits, type Client, type Guild, type GuildBasedChannel, type GuildMember } from 'discord.js';
import { DISCORD_CODES, apiCode, discordFailure } from './api-errors.ts';
import type { DiscordDirectory } from './directory.ts';
import type { DiscordRoom, RoomOperations } from './identifiers.ts';

const INVITE_URL_HINT = 'a server admin adds it with the invite URL from docs/backends/discord.md (scopes bot and applications.commands)';
/** What an invited person may do in a private channel: see it, read its history, write. */
const INVITED = { ViewChannel: true, ReadMessageHistory: true, SendMessages: true } as const;

/**
 * Rooms as far as a Discord bot can act on them. A bot is in every channel its roles let it see, so joining a
 * channel only checks that it can; it cannot join a guild (server) at all, which is said with a
 * NotSupportedError instead of pretending. Threads are joined, left and invited to for real. Inviting someone
 * to a private channel grants them View Channel there, as Discord's "Add members" does.
 */
export class DiscordRooms implements RoomOperations {
  readonly #client: () => Client;
  readonly #directory: () => DiscordDirectory;
  readonly #log: Logger;

  constructor(client: () => Client, directory: () => DiscordDirectory, log: Logger) {
    this.#client = client;
    this.#directory = directory;
    this.#log = log;
  }

  async join(room: DiscordRoom): Promise<void> {
    const channel = await this.#existing(room, 'join');
    if (channel.isThread()) {
      if (channel.joined) return;
      await channel.join().catch((error: unknown) => Promise.reject(discordFailure(error, `join the thread ${room.name}`)));
      return;
    }
    if (!channel.viewable) {
      throw new BanterError('E_DISCORD_PERMISSION', `The bot cannot see ${room.name}: give its role View Channel in the channel's permissions.`);
    }
  }

  async leave(room: DiscordRoom): Promise<void> {
    const channel = await this.#existing(room, 'leave');
    if (!channel.isThread()) {
      throw new NotSupportedError(
        'discord',
        'leaving a channel',
        `a bot is in every channel its roles let it see; take View Channel away from its role in ${room.name}, or remove the bot from the server`,
      );
    }
    if (!channel.joined) return;
    await channel.leave().catch((error: unknown) => Promise.reject(discordFailure(error, `leave the thread ${room.name}`)));
  }

  async create(room: DiscordRoom): Promise<void> {
    if (await this.exists(room)) return;
    if (room.parent) {
      const parent = await this.#fetch(room.parent.id);
      if (!parent || !('threads' in parent) || parent.type !== ChannelType.GuildText) {
        throw new BanterError('E_DISCORD_NOT_FOUND', `There is no text channel #${room.parent.name} to start the thread "${room.channelName}" in.`);
      }
      await parent.threads.create({ name: room.channelName }).catch((error: unknown) => Promise.reject(discordFailure(error, `start the thread ${room.name}`)));
      return;
    }
    const guild = this.#guild(room, 'create');
    await guild.channels
      .create({ name: room.channelName, type: ChannelType.GuildText })
      .catch((error: unknown) => Promise.reject(discordFailure(error, `create ${room.name} (it needs Manage Channels)`)));
  }

  async destroy(room: DiscordRoom): Promise<void> {
    if (!(await this.exists(room))) return;
    const channel = await this.#existing(room, 'destroy');
    await channel.delete().catch((error: unknown) => Promise.reject(discordFailure(error, `delete ${room.name} (it needs Manage Channels)`)));
  }

  async exists(room: DiscordRoom): Promise<boolean> {
    if (!room.id) return false;
    return (await this.#fetch(room.id)) !== undefined;
  }

  async joined(room: DiscordRoom): Promise<boolean> {
    if (!room.id) return false;
    const channel = await this.#fetch(room.id);
    if (!channel) return false;
    return channel.isThread() ? Boolean(channel.joined) : channel.viewable;
  }

  async topic(room: DiscordRoom): Promise<string | undefined> {
    const channel = await this.#existing(room, 'read the topic of');
    if (channel.isThread() || !('topic' in channel)) throw new NotSupportedError('discord', 'topic', `${room.name} is a thread or a channel without a topic`);
    return channel.topic || undefined;
  }

  async setTopic(room: DiscordRoom, topic: string): Promise<void> {
    const channel = await this.#existing(room, 'set the topic of');
    if (channel.isThread() || !('setTopic' in channel)) throw new NotSupportedError('discord', 'setTopic', `${room.name} is a thread or a channel without a topic`);
    await channel.setTopic(topic).catch((error: unknown) => Promise.reject(discordFailure(error, `set the topic of ${room.name} (it needs Manage Channels)`)));
  }

  async occupants(room: DiscordRoom): Promise<RoomOccupant[]> {
    const channel = await this.#existing(room, 'list who is in');
    const directory = this.#directory();
    const here = directory.room(channel)!;
    if (channel.isThread()) {
      const members = await channel.members.fetch().catch((error: unknown) => Promise.reject(discordFailure(error, `list the members of ${room.name}`)));
      return [...members.values()].map((member) => directory.occupant(here, directory.personById(member.id, channel.guildId)));
    }
    await this.#loadMembers(channel.guild);
    return [...channel.members.values()].map((member) => directory.occupant(here, directory.person(member.user, member)));
  }

  async invite(room: DiscordRoom, people: readonly Person[]): Promise<void> {
    const channel = await this.#existing(room, 'invite to');
    for (const person of people) {
      if (channel.isThread()) {
        await channel.members.add(person.id).catch((error: unknown) => Promise.reject(discordFailure(error, `add ${person.nick} to the thread ${room.name}`)));
        continue;
      }
      const member = await this.#member(channel.guild, person);
      if (channel.permissionsFor(member).has(PermissionFlagsBits.ViewChannel)) continue;
      await channel.permissionOverwrites
        .edit(member, INVITED)
        .catch((error: unknown) => Promise.reject(discordFailure(error, `let ${person.nick} into ${room.name} (it needs Manage Permissions there)`)));
    }
  }

  /** Fill the guild's member cache from the REST member list; without the Server Members intent, keep the cache. */
  async #loadMembers(guild: Guild): Promise<void> {
    try {
      await guild.members.list({ limit: 1000, cache: true });
    } catch (error) {
      this.#log.debug({ err: error, guild: guild.id }, 'could not list guild members (is Server Members Intent on?); using the members seen so far');
    }
  }

  async #member(guild: Guild, person: Person): Promise<GuildMember> {
    try {
      return await guild.members.fetch(person.id);
    } catch (error) {
      if (apiCode(error) === DISCORD_CODES.unknownMember || apiCode(error) === DISCORD_CODES.unknownUser) {
        throw new NotSupportedError(
          'discord',
          'inviting someone to a server',
          `${person.nick} is not in ${guild.name}, and a bot cannot add people to a server; send them a server invite link`,
        );
      }
      throw discordFailure(error, `look ${person.nick} up in ${guild.name}`);
    }
  }

  /** The room's channel, or a typed error saying why there is none (not in that guild, no such channel). */
  async #existing(room: DiscordRoom, doing: string): Promise<GuildBasedChannel> {
    if (!room.id) {
      this.#guild(room, doing);
      throw new BanterError('E_DISCORD_NOT_FOUND', `There is no channel ${room.name}${room.guildName ? ` in ${room.guildName}` : ''} to ${doing}; room.create() makes one (it needs Manage Channels).`);
    }
    const channel = await this.#fetch(room.id);
    if (!channel) {
      throw new NotSupportedError(
        'discord',
        `${doing} ${room}`,
        `the bot cannot see that channel: it does not exist, or it is in a server the bot is not in (a bot cannot join a server by itself; ${INVITE_URL_HINT})`,
      );
    }
    return channel;
  }

  #guild(room: DiscordRoom, doing: string): Guild {
    const guild = room.guildId ? this.#client().guilds.cache.get(room.guildId) : undefined;
    if (!guild) {
      throw new NotSupportedError(
        'discord',
        `${doing} ${room}`,
        `the bot is not in the server${room.guildName ? ` "${room.guildName}"` : ''}, and a Discord bot cannot join a server by itself: ${INVITE_URL_HINT}`,
      );
    }
    return guild;
  }

  /** A guild channel by id from the cache or the API; undefined when Discord says it is unknown or hidden. */
  async #fetch(id: string): Promise<GuildBasedChannel | undefined> {
    const client = this.#client();
    const cached = client.channels.cache.get(id);
    if (cached) return cached.isDMBased() ? undefined : (cached as GuildBasedChannel);
    try {
      const channel = await client.channels.fetch(id);
      return channel && !channel.isDMBased() ? (channel as GuildBasedChannel) : undefined;
    } catch (error) {
      const code = apiCode(error);
      if (code === DISCORD_CODES.unknownChannel || code === DISCORD_CODES.missingAccess) return undefined;
      throw discordFailure(error, `look the channel ${id} up`);
    }
  }
}
