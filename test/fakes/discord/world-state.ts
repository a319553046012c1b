import { BOT_DEFAULT, EVERYONE_DEFAULT, P, channelPermissions, type Overwrite } from './permissions.ts';
import { Snowflakes } from './snowflake.ts';

/** A Discord account in the fake. */
export interface FakeUser {
  readonly id: string;
  username: string;
  globalName: string | null;
  readonly bot: boolean;
}

/** A guild (server). */
export interface FakeGuild {
  readonly id: string;
  name: string;
  readonly ownerId: string;
  /** Role id → permissions; the @everyone role has the guild's id. */
  readonly roles: Map<string, { name: string; permissions: bigint; position: number }>;
  readonly members: Map<string, { roles: string[]; nick: string | null; joinedAt: string }>;
  readonly emojis: Array<{ id: string; name: string }>;
  /** The role Discord gives the bot when it joins with the invite's permissions. */
  readonly botRoleId: string;
}

/** A channel: guild text (0), DM (1), announcement (5), public (11) or private (12) thread. */
export interface FakeChannel {
  readonly id: string;
  readonly type: 0 | 1 | 5 | 11 | 12;
  readonly guildId: string | undefined;
  name: string | undefined;
  topic: string | null;
  readonly parentId: string | undefined;
  overwrites: Overwrite[];
  /** DM: the person talking to the bot. */
  readonly recipientId: string | undefined;
  /** Threads: who is in it, and who started it. */
  readonly threadMembers: Set<string>;
  readonly ownerId: string | undefined;
  lastMessageId: string | null;
  messageCount: number;
}

/** A message. */
export interface FakeMessage {
  readonly id: string;
  readonly channelId: string;
  readonly authorId: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  attachments: Array<{ id: string; filename: string; size: number; content_type?: string; url: string; proxy_url: string; data: Buffer }>;
  readonly type: number;
  readonly referenceId: string | undefined;
  mentions: string[];
  editedAt: string | null;
  flags: number;
  readonly reactions: Map<string, Set<string>>;
  /** For an interaction's answer: the interaction and its command. */
  readonly interaction: { id: string; name: string; userId: string } | undefined;
  readonly webhookId: string | undefined;
  threadId: string | undefined;
}

/** A registered application command. */
export interface FakeCommand {
  readonly id: string;
  readonly guildId: string | undefined;
  readonly version: string;
  readonly json: Record<string, unknown>;
}

/**
 * The fake's world: users, guilds with roles, members and emojis, channels, threads, DMs, messages, and the
 * application's commands. Permissions are computed as Discord does, from roles and channel overwrites, so the
 * REST side can refuse what a bot without the permission cannot do. {@link World} adds Discord's JSON for each.
 */
export class WorldState {
  readonly ids = new Snowflakes();
  readonly users = new Map<string, FakeUser>();
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, FakeMessage>();
  /** Every message ever written, in order, deleted ones included (tests count what was said). */
  readonly written: FakeMessage[] = [];
  readonly commands = new Map<string, FakeCommand>();
  readonly bot: FakeUser;
  readonly applicationId: string;

  constructor(botName: string) {
    this.bot = this.addUser(botName, { bot: true });
    this.applicationId = this.bot.id;
  }

  addUser(username: string, options: { globalName?: string; bot?: boolean } = {}): FakeUser {
    const user: FakeUser = { id: this.ids.next(), username, globalName: options.globalName ?? null, bot: options.bot ?? false };
    this.users.set(user.id, user);
    return user;
  }

  /** A guild the bot is in, with the bot's role holding `botPermissions`. */
  addGuild(name: string, ownerId: string, botPermissions: bigint = BOT_DEFAULT): FakeGuild {
    const id = this.ids.next();
    const botRoleId = this.ids.next();
    const guild: FakeGuild = {
      id,
      name,
      ownerId,
      roles: new Map([
        [id, { name: '@everyone', permissions: EVERYONE_DEFAULT, position: 0 }],
        [botRoleId, { name: this.bot.username, permissions: botPermissions, position: 1 }],
      ]),
      members: new Map(),
      emojis: [],
      botRoleId,
    };
    this.guilds.set(id, guild);
    this.join(guild, this.bot.id, [botRoleId]);
    if (ownerId !== this.bot.id) this.join(guild, ownerId);
    return guild;
  }

  join(guild: FakeGuild, userId: string, roles: string[] = [], nick: string | null = null): void {
    guild.members.set(userId, { roles, nick, joinedAt: new Date().toISOString() });
  }

  addChannel(guild: FakeGuild, name: string, options: { topic?: string; private?: boolean; type?: 0 | 5 } = {}): FakeChannel {
    const overwrites: Overwrite[] = options.private
      ? [{ id: guild.id, type: 0, allow: 0n, deny: P.ViewChannel }, { id: guild.botRoleId, type: 0, allow: P.ViewChannel, deny: 0n }]
      : [];
    return this.#channel({ type: options.type ?? 0, guildId: guild.id, name, topic: options.topic ?? null, overwrites });
  }

  addThread(parent: FakeChannel, name: string, ownerId: string, options: { id?: string; private?: boolean } = {}): FakeChannel {
    const thread = this.#channel({ id: options.id, type: options.private ? 12 : 11, guildId: parent.guildId, name, parentId: parent.id, ownerId });
    thread.threadMembers.add(ownerId);
    return thread;
  }

  dmChannel(userId: string): FakeChannel {
    for (const channel of this.channels.values()) if (channel.type === 1 && channel.recipientId === userId) return channel;
    return this.#channel({ type: 1, recipientId: userId });
  }

  #channel(init: Partial<FakeChannel> & Pick<FakeChannel, 'type'> & { id?: string | undefined }): FakeChannel {
    const channel: FakeChannel = {
      id: init.id ?? this.ids.next(),
      type: init.type,
      guildId: init.guildId,
      name: init.name,
      topic: init.topic ?? null,
      parentId: init.parentId,
      overwrites: init.overwrites ?? [],
      recipientId: init.recipientId,
      threadMembers: new Set(),
      ownerId: init.ownerId,
      lastMessageId: null,
      messageCount: 0,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  addMessage(channel: FakeChannel, authorId: string, fields: Partial<FakeMessage> = {}): FakeMessage {
    const message: FakeMessage = {
      id: this.ids.next(),
      channelId: channel.id,
      authorId,
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      type: 0,
      referenceId: undefined,
      mentions: [],
      editedAt: null,
      flags: 0,
      reactions: new Map(),
      interaction: undefined,
      webhookId: undefined,
      threadId: undefined,
      ...fields,
    };
    if (!fields.mentions) message.mentions = mentionedUsers(message.content);
    this.messages.set(message.id, message);
    this.written.push(message);
    channel.lastMessageId = message.id;
    channel.messageCount++;
    return message;
  }

  guildOf(channel: FakeChannel): FakeGuild | undefined {
    return channel.guildId ? this.guilds.get(channel.guildId) : undefined;
  }

  /** `userId`'s permissions in `channel` (threads inherit their channel's; DMs allow what a DM allows). */
  permissions(userId: string, channel: FakeChannel): bigint {
    if (channel.type === 1) return channel.recipientId === userId || userId === this.bot.id ? P.ViewChannel | P.SendMessages | P.EmbedLinks | P.AttachFiles | P.AddReactions | P.ReadMessageHistory : 0n;
    const source = channel.parentId ? this.channels.get(channel.parentId)! : channel;
    const guild = this.guildOf(channel)!;
    const member = guild.members.get(userId);
    if (!member) return 0n;
    const roles = new Map([...guild.roles].map(([id, role]) => [id, role.permissions]));
    return channelPermissions(guild.id, roles, member.roles, userId, source.overwrites, guild.ownerId === userId);
  }

  can(userId: string, channel: FakeChannel, permission: bigint): boolean {
    return (this.permissions(userId, channel) & permission) === permission;
  }
}

/** Users a message's text mentions as `<@id>` (Discord fills `mentions` from the text). */
export function mentionedUsers(content: string): string[] {
  return [...new Set([...content.matchAll(/<@!?(\d{15,21})>/g)].map((m) => m[1]!))];
}
