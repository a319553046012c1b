import { BanterError, Message, isRoom, renderCardAsText, type Card, type FileUpload, type Person, type Room, type SentMessage } from 'banter';
import { PermissionFlagsBits, Routes, type Client, type MessageCreateOptions, type SendableChannels, type TextBasedChannel } from 'discord.js';
import { DISCORD_CODES, apiCode, discordFailure } from './api-errors.ts';
import type { DiscordDirectory } from './directory.ts';
import { cardToButtons, cardToEmbed } from './embeds.ts';
import { emojiFor } from './emoji.ts';
import type { InteractionReplies } from './interaction-replies.ts';
import { wireText } from './mentions.ts';

/** What the outbound side needs from the backend. */
export interface OutboundContext {
  client(): Client;
  readonly directory: DiscordDirectory;
  readonly interactions: InteractionReplies;
}

/** Where a message goes: a channel, the room it belongs to (for SentMessage), and its thread. */
interface Target {
  readonly channel: SendableChannels & TextBasedChannel;
  readonly to: Person | Room;
  readonly threadId: string | undefined;
}

/** A message as the backend sends it: text, embeds, buttons or files. */
type Payload = Pick<MessageCreateOptions, 'content' | 'embeds' | 'components' | 'files'>;

const THREAD_NAME_MAX = 100;

/**
 * Everything the bot says or does to messages on Discord: text (mentions written the Discord way, a reply
 * reference to the command's message), embeds for cards, files, reactions, edits, deletions, typing. A reply
 * to a slash command goes to the interaction instead of the channel. Threads: a reply in a thread stays there,
 * and a reply that asks for a thread on a message not in one starts a thread from that message (a thread
 * started from a message has the message's id, which is the `threadId` the core gives it).
 */
export class DiscordOutbound {
  readonly #context: OutboundContext;

  constructor(context: OutboundContext) {
    this.#context = context;
  }

  async send(message: Message): Promise<SentMessage> {
    return this.#deliver(message.to, message.threadId, message.inReplyTo, { content: this.#text(message.body) });
  }

  async sendCard(to: Person | Room, card: Card, inReplyTo: Message | undefined, threadId?: string): Promise<SentMessage> {
    const target = await this.#target(to, (isRoom(to) ? threadId : undefined) ?? threadOf(to, inReplyTo), inReplyTo);
    const embeds = target.channel.isDMBased() || this.#may(target.channel, PermissionFlagsBits.EmbedLinks);
    // Without Embed Links Discord would drop the embed and show nothing: send the card's text instead.
    const payload: Payload = embeds
      ? { embeds: [cardToEmbed(card)], components: cardToButtons(card.actions) }
      : { content: this.#text(renderCardAsText(card)) };
    return this.#post(target, inReplyTo, payload);
  }

  async uploadFile(to: Person | Room, file: FileUpload, inReplyTo: Message | undefined): Promise<SentMessage> {
    const attachment = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content);
    const payload: Payload = { files: [{ attachment, name: file.name, contentType: file.mimeType }] };
    if (file.comment) payload.content = this.#text(file.comment);
    return this.#deliver(to, threadOf(to, inReplyTo), inReplyTo, payload);
  }

  async react(target: Message | SentMessage, name: string, add: boolean): Promise<void> {
    const { channelId, messageId } = await this.#messageAt(target);
    const client = this.#context.client();
    const guildId = client.channels.cache.get(channelId)?.isDMBased() === false ? (client.channels.cache.get(channelId) as { guildId: string }).guildId : undefined;
    const emoji = emojiFor(name, (wanted) => {
      const found = (guildId ? client.guilds.cache.get(guildId)?.emojis.cache : client.emojis.cache)?.find((e) => e.name === wanted);
      return found?.name ? { id: found.id, name: found.name } : undefined;
    });
    if (!emoji) throw new BanterError('E_DISCORD_EMOJI', `Unknown emoji "${name}": use a shortcode such as thumbsup, the emoji itself, or a custom emoji of the server.`);
    const route = Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(emoji));
    try {
      await (add ? client.rest.put(route) : client.rest.delete(route));
    } catch (error) {
      throw discordFailure(error, `${add ? 'add' : 'remove'} the reaction ${name}`);
    }
  }

  async edit(sent: SentMessage, text: string): Promise<SentMessage> {
    const { channel } = await this.#sentAt(sent);
    try {
      await channel.messages.edit(sent.id, { content: this.#text(text) });
    } catch (error) {
      throw discordFailure(error, 'edit the message');
    }
    return sent;
  }

  async delete(sent: SentMessage): Promise<void> {
    const { channel } = await this.#sentAt(sent);
    try {
      await channel.messages.delete(sent.id);
    } catch (error) {
      throw discordFailure(error, 'delete the message');
    }
  }

  async startTyping(to: Person | Room): Promise<void> {
    const { channel } = await this.#target(to, undefined, undefined);
    await channel.sendTyping().catch((error: unknown) => Promise.reject(discordFailure(error, 'show the typing indicator')));
  }

  async #deliver(to: Person | Room, threadId: string | undefined, inReplyTo: Message | undefined, payload: Payload): Promise<SentMessage> {
    return this.#post(await this.#target(to, threadId, inReplyTo), inReplyTo, payload);
  }

  async #post(target: Target, inReplyTo: Message | undefined, payload: Payload): Promise<SentMessage> {
    const interaction = inReplyTo?.extras.interactionId;
    if (this.#context.interactions.has(interaction) && sameConversation(target, inReplyTo!)) {
      const sent = await this.#context.interactions.reply(interaction, payload);
      return { id: sent.id, to: target.to, threadId: target.threadId };
    }
    const options: MessageCreateOptions = { ...payload };
    // Answer the command's own message as a Discord reply, when it is in the channel the answer goes to.
    if (inReplyTo?.id && inReplyTo.extras.channelId === target.channel.id) {
      options.reply = { messageReference: inReplyTo.id, failIfNotExists: false };
    }
    try {
      const sent = await target.channel.send(options);
      return { id: sent.id, to: target.to, threadId: target.threadId };
    } catch (error) {
      throw discordFailure(error, `send to ${target.to.toString()}`);
    }
  }

  /** The channel for a person (their DM) or a room (or its thread, started from the message if need be). */
  async #target(to: Person | Room, threadId: string | undefined, inReplyTo: Message | undefined): Promise<Target> {
    const client = this.#context.client();
    if (!isRoom(to)) {
      try {
        const channel = await client.users.createDM(to.id);
        return { channel, to: this.#context.directory.personById(to.id), threadId: undefined };
      } catch (error) {
        throw discordFailure(error, `open a direct message with ${to.nick}`);
      }
    }
    // A room's aclattr is its channel id; a handle to a channel that does not exist yet has none.
    const room = to.aclattr ? this.#context.directory.roomById(to.aclattr) : this.#context.directory.query(String(to));
    if (!room.id) throw new BanterError('E_DISCORD_NOT_FOUND', `There is no channel ${room.name}${room.guildName ? ` in ${room.guildName}` : ''} to send to.`);
    if (threadId && threadId !== room.id) {
      const thread = await this.#thread(room.id, threadId, inReplyTo);
      return { channel: thread, to, threadId };
    }
    const channel = await this.#channel(room.id);
    return { channel, to, threadId: room.isThread ? room.id : undefined };
  }

  async #thread(roomId: string, threadId: string, inReplyTo: Message | undefined): Promise<Target['channel']> {
    // A thread id that is the id of the message answered, and no thread known by it: the reply asked for a
    // thread on a message that has none yet, so start one from that message.
    if (inReplyTo?.id !== threadId || this.#context.client().channels.cache.has(threadId)) return this.#channel(threadId);
    const parent = await this.#channel(roomId);
    if (!('threads' in parent)) throw new BanterError('E_DISCORD_THREAD', `Threads cannot be started in ${parent.toString()}.`);
    const name = inReplyTo.body.split('\n')[0]!.trim().slice(0, THREAD_NAME_MAX) || 'Thread';
    try {
      const thread = await parent.threads.create({ name, startMessage: threadId });
      return thread as Target['channel'];
    } catch (error) {
      // Someone (or an earlier reply) started it meanwhile: use it.
      if (apiCode(error) === DISCORD_CODES.threadAlreadyCreated) return this.#channel(threadId);
      throw discordFailure(error, 'start a thread (it needs Create Public Threads)');
    }
  }

  async #channel(id: string): Promise<Target['channel']> {
    const client = this.#context.client();
    let channel = client.channels.cache.get(id);
    if (!channel) {
      try {
        channel = (await client.channels.fetch(id)) ?? undefined;
      } catch (error) {
        throw discordFailure(error, `find the channel ${id}`);
      }
    }
    if (!channel?.isTextBased() || !channel.isSendable()) throw new BanterError('E_DISCORD_NOT_FOUND', `The channel ${id} holds no messages the bot can send.`);
    return channel;
  }

  /** Channel and message id of a message to react to: incoming messages carry their channel. */
  async #messageAt(target: Message | SentMessage): Promise<{ channelId: string; messageId: string }> {
    if (!target.id) throw new BanterError('E_DISCORD_NOT_FOUND', 'This message has no Discord id (a slash command is not a message), so it cannot be reacted to.');
    const channelId = target instanceof Message ? target.extras.channelId : undefined;
    if (typeof channelId === 'string') return { channelId, messageId: target.id };
    const { channel } = await this.#sentAt(target);
    return { channelId: channel.id, messageId: target.id };
  }

  async #sentAt(sent: SentMessage | Message): Promise<Target> {
    const to = 'frm' in sent && !isRoom(sent.to) ? sent.frm : sent.to;
    return this.#target(to, sent.threadId, undefined);
  }

  #may(channel: Target['channel'], permission: bigint): boolean {
    if (channel.isDMBased()) return true;
    const me = this.#context.client().user;
    return me ? (channel.permissionsFor(me)?.has(permission) ?? true) : true;
  }

  #text(text: string): string {
    return wireText(text, this.#context.directory);
  }
}

/** The thread a message to `to` goes in when it answers `inReplyTo`: the command's thread, in the same room. */
function threadOf(to: Person | Room, inReplyTo: Message | undefined): string | undefined {
  return inReplyTo?.threadId !== undefined && isRoom(to) && isRoom(inReplyTo.to) && inReplyTo.to.aclattr === to.aclattr ? inReplyTo.threadId : undefined;
}

/** Whether an answer to a slash command goes where the command was typed (else it is a separate message). */
function sameConversation(target: Target, command: Message): boolean {
  const channelId = command.extras.channelId;
  return typeof channelId === 'string' && channelId === target.channel.id;
}
