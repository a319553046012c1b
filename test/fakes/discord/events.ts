import { INTENT, type FakeGateway, type GatewaySession } from './gateway.ts';
import { emojiJson, type FakeChannel, type FakeMessage, type World } from './world.ts';

/**
 * Gateway events for what happens in the world, sent only to sessions whose intents ask for them, as Discord
 * does: guild events need Guilds, messages GuildMessages or DirectMessages, reactions the matching reaction
 * intent, and a message's text, embeds, attachments and components are blanked for a session without
 * MessageContent, except in DMs, in messages that mention the bot, and in the bot's own messages.
 */
export class FakeEvents {
  readonly #world: World;
  readonly #gateway: FakeGateway;

  constructor(world: World, gateway: FakeGateway) {
    this.#world = world;
    this.#gateway = gateway;
  }

  messageCreate(message: FakeMessage): void {
    this.#message('MESSAGE_CREATE', message);
  }

  messageUpdate(message: FakeMessage): void {
    this.#message('MESSAGE_UPDATE', message);
  }

  messageDelete(message: FakeMessage): void {
    const channel = this.#world.channels.get(message.channelId)!;
    const data = { id: message.id, channel_id: channel.id, ...(channel.guildId ? { guild_id: channel.guildId } : {}) };
    this.#gateway.dispatch('MESSAGE_DELETE', (session) => (this.#sees(session, channel, 'messages') ? data : undefined));
  }

  reaction(event: 'MESSAGE_REACTION_ADD' | 'MESSAGE_REACTION_REMOVE', message: FakeMessage, userId: string, emoji: string): void {
    const channel = this.#world.channels.get(message.channelId)!;
    const guild = this.#world.guildOf(channel);
    const data = {
      user_id: userId,
      channel_id: channel.id,
      message_id: message.id,
      ...(guild ? { guild_id: guild.id } : {}),
      ...(guild && event === 'MESSAGE_REACTION_ADD' ? { member: this.#world.memberJson(guild, userId), message_author_id: message.authorId } : {}),
      emoji: emojiJson(emoji),
      burst: false,
      type: 0,
      ...(event === 'MESSAGE_REACTION_ADD' ? { burst_colors: [] } : {}),
    };
    this.#gateway.dispatch(event, (session) => (this.#sees(session, channel, 'reactions') ? data : undefined));
  }

  channel(event: 'CHANNEL_CREATE' | 'CHANNEL_UPDATE' | 'CHANNEL_DELETE', channel: FakeChannel): void {
    const data = this.#world.channelJson(channel);
    this.#gateway.dispatch(event, (session) => (session.intents & INTENT.Guilds ? data : undefined));
  }

  threadCreate(thread: FakeChannel, newlyCreated: boolean): void {
    const data = { ...this.#world.threadJson(thread), newly_created: newlyCreated };
    this.#gateway.dispatch('THREAD_CREATE', (session) => (session.intents & INTENT.Guilds ? data : undefined));
  }

  threadMembers(thread: FakeChannel, added: readonly string[], removed: readonly string[]): void {
    const guild = this.#world.guildOf(thread)!;
    const bot = this.#world.bot.id;
    this.#gateway.dispatch('THREAD_MEMBERS_UPDATE', (session) => {
      // Others' membership needs the privileged GuildMembers intent; the bot's own is always sent.
      const visible = (id: string) => id === bot || (session.intents & INTENT.GuildMembers) !== 0;
      const shownAdded = added.filter(visible);
      const shownRemoved = removed.filter(visible);
      if (!(session.intents & INTENT.Guilds) || (shownAdded.length === 0 && shownRemoved.length === 0)) return undefined;
      return {
        id: thread.id,
        guild_id: guild.id,
        member_count: thread.threadMembers.size,
        added_members: shownAdded.map((id) => ({ ...this.#world.threadMemberJson(thread, id), member: this.#world.memberJson(guild, id), presence: null })),
        removed_member_ids: shownRemoved,
      };
    });
  }

  interactionCreate(data: Record<string, unknown>): void {
    // Interactions need no intent.
    this.#gateway.dispatch('INTERACTION_CREATE', () => data);
  }

  #message(event: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', message: FakeMessage): void {
    const channel = this.#world.channels.get(message.channelId)!;
    // The gateway's message events carry the channel's type besides the message (a DM is known by it).
    const full = { ...this.#world.messageJson(message), channel_type: channel.type };
    const blank = { ...full, content: '', embeds: [], attachments: [], components: [] };
    const bot = this.#world.bot.id;
    this.#gateway.dispatch(event, (session) => {
      if (!this.#sees(session, channel, 'messages')) return undefined;
      const readable = (session.intents & INTENT.MessageContent) !== 0 || channel.type === 1 || message.authorId === bot || message.mentions.includes(bot);
      return readable ? full : blank;
    });
  }

  #sees(session: GatewaySession, channel: FakeChannel, what: 'messages' | 'reactions'): boolean {
    const dm = channel.type === 1;
    const intent = what === 'messages' ? (dm ? INTENT.DirectMessages : INTENT.GuildMessages) : dm ? INTENT.DirectMessageReactions : INTENT.GuildMessageReactions;
    if ((session.intents & intent) === 0) return false;
    // Guild events go to bots that can see the channel.
    return dm || this.#world.can(this.#world.bot.id, channel, 1n << 10n);
  }
}
