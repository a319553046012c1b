import { snowflakeTime } from './snowflake.ts';
import { WorldState, type FakeChannel, type FakeGuild, type FakeMessage, type FakeUser } from './world-state.ts';

export { WorldState, mentionedUsers, type FakeChannel, type FakeCommand, type FakeGuild, type FakeMessage, type FakeUser } from './world-state.ts';

/** The fake's world with Discord's JSON for each thing in it: users, members, roles, channels, threads, messages, guilds. */
export class World extends WorldState {
  // ---- Discord's JSON ----

  userJson(user: FakeUser): Record<string, unknown> {
    return {
      id: user.id,
      username: user.username,
      discriminator: '0',
      global_name: user.globalName,
      avatar: null,
      bot: user.bot || undefined,
      system: false,
      public_flags: 0,
      flags: 0,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
      collectibles: null,
      primary_guild: null,
    };
  }

  memberJson(guild: FakeGuild, userId: string, withUser = true): Record<string, unknown> {
    const member = guild.members.get(userId)!;
    return {
      ...(withUser ? { user: this.userJson(this.users.get(userId)!) } : {}),
      nick: member.nick,
      avatar: null,
      banner: null,
      roles: member.roles,
      joined_at: member.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
  }

  roleJson(guild: FakeGuild, id: string): Record<string, unknown> {
    const role = guild.roles.get(id)!;
    return {
      id,
      name: role.name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: role.position,
      permissions: role.permissions.toString(),
      managed: id === guild.botRoleId,
      mentionable: false,
      flags: 0,
      ...(id === guild.botRoleId ? { tags: { bot_id: this.bot.id } } : {}),
    };
  }

  channelJson(channel: FakeChannel): Record<string, unknown> {
    if (channel.type === 1) {
      return { id: channel.id, type: 1, last_message_id: channel.lastMessageId, flags: 0, recipients: [this.userJson(this.users.get(channel.recipientId!)!)] };
    }
    const base = {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId,
      name: channel.name,
      last_message_id: channel.lastMessageId,
      rate_limit_per_user: 0,
      flags: 0,
    };
    if (channel.parentId) {
      return {
        ...base,
        parent_id: channel.parentId,
        owner_id: channel.ownerId,
        message_count: channel.messageCount,
        member_count: channel.threadMembers.size,
        total_message_sent: channel.messageCount,
        thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: snowflakeTime(channel.id), locked: false, create_timestamp: snowflakeTime(channel.id) },
      };
    }
    return {
      ...base,
      position: [...this.channels.values()].filter((c) => c.guildId === channel.guildId && !c.parentId).indexOf(channel),
      permission_overwrites: channel.overwrites.map((o) => ({ id: o.id, type: o.type, allow: o.allow.toString(), deny: o.deny.toString() })),
      topic: channel.topic,
      nsfw: false,
      parent_id: null,
      default_auto_archive_duration: 1440,
    };
  }

  /** A thread as GUILD_CREATE and THREAD_CREATE carry it, with the bot's membership when it is in it. */
  threadJson(thread: FakeChannel): Record<string, unknown> {
    const json = this.channelJson(thread);
    if (thread.threadMembers.has(this.bot.id)) json.member = this.threadMemberJson(thread, this.bot.id);
    return json;
  }

  threadMemberJson(thread: FakeChannel, userId: string): Record<string, unknown> {
    return { id: thread.id, user_id: userId, join_timestamp: new Date().toISOString(), flags: 0 };
  }

  messageJson(message: FakeMessage): Record<string, unknown> {
    const channel = this.channels.get(message.channelId)!;
    const guild = this.guildOf(channel);
    const author = this.users.get(message.authorId)!;
    const referenced = message.referenceId ? this.messages.get(message.referenceId) : undefined;
    return {
      id: message.id,
      type: message.type,
      channel_id: message.channelId,
      ...(guild ? { guild_id: guild.id } : {}),
      author: this.userJson(author),
      ...(guild && guild.members.has(author.id) && !message.webhookId ? { member: this.memberJson(guild, author.id, false) } : {}),
      content: message.content,
      timestamp: snowflakeTime(message.id),
      edited_timestamp: message.editedAt,
      tts: false,
      mention_everyone: false,
      mentions: message.mentions.map((id) => this.userJson(this.users.get(id)!)),
      mention_roles: [],
      mention_channels: [],
      attachments: message.attachments.map(({ data: _data, ...attachment }) => attachment),
      embeds: message.embeds,
      components: message.components,
      reactions: [...message.reactions].filter(([, users]) => users.size > 0).map(([emoji, users]) => ({
        count: users.size,
        count_details: { burst: 0, normal: users.size },
        me: users.has(this.bot.id),
        me_burst: false,
        burst_colors: [],
        emoji: emojiJson(emoji),
      })),
      pinned: false,
      flags: message.flags,
      ...(message.webhookId ? { webhook_id: message.webhookId, application_id: this.applicationId } : {}),
      ...(referenced ? { message_reference: { type: 0, message_id: referenced.id, channel_id: referenced.channelId, ...(guild ? { guild_id: guild.id } : {}) }, referenced_message: this.messageJson(referenced) } : {}),
      ...(message.interaction
        ? {
            interaction_metadata: { id: message.interaction.id, type: 2, user: this.userJson(this.users.get(message.interaction.userId)!), authorizing_integration_owners: {}, name: message.interaction.name, command_type: 1 },
            interaction: { id: message.interaction.id, type: 2, name: message.interaction.name, user: this.userJson(this.users.get(message.interaction.userId)!) },
          }
        : {}),
      ...(message.threadId && this.channels.has(message.threadId) ? { thread: this.threadJson(this.channels.get(message.threadId)!) } : {}),
    };
  }

  guildCreateJson(guild: FakeGuild): Record<string, unknown> {
    const channels = [...this.channels.values()].filter((c) => c.guildId === guild.id);
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [...guild.roles.keys()].map((id) => this.roleJson(guild, id)),
      emojis: guild.emojis.map((e) => ({ id: e.id, name: e.name, roles: [], require_colons: true, managed: false, animated: false, available: true })),
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      max_members: 500000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      stickers: [],
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      joined_at: guild.members.get(this.bot.id)!.joinedAt,
      large: false,
      unavailable: false,
      member_count: guild.members.size,
      voice_states: [],
      members: [...guild.members.keys()].map((id) => this.memberJson(guild, id)),
      channels: channels.filter((c) => !c.parentId).map((c) => this.channelJson(c)),
      threads: channels.filter((c) => c.parentId).map((c) => this.threadJson(c)),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}

/** An emoji as stored (`👍` or `name:id`) in Discord's emoji JSON. */
export function emojiJson(emoji: string): Record<string, unknown> {
  const custom = /^(.+):(\d{15,21})$/.exec(emoji);
  return custom ? { id: custom[2], name: custom[1], animated: false } : { id: null, name: emoji };
}
