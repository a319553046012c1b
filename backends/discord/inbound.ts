import { Message, type CardActionEvent, type Logger, type Person, type Presence, type Reaction, type Room, type RoomEvent } from 'banter';
import {
  Events,
  MessageFlags,
  MessageType,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  type Message as DiscordMessage,
  type MessageReaction,
  type PartialMessage,
  type PartialMessageReaction,
  type PartialUser,
  type TextBasedChannel,
  type User,
} from 'discord.js';
import type { DiscordDirectory } from './directory.ts';
import { decodeCardAction } from './embeds.ts';
import { reactionName } from './emoji.ts';
import type { DiscordPerson, DiscordRoom } from './identifiers.ts';
import type { InteractionReplies } from './interaction-replies.ts';
import { readableText } from './mentions.ts';
import { commandLine, type SlashRoute } from './slash-commands.ts';

/** Where inbound events go, and what the inbound side needs to know. */
export interface InboundContext {
  readonly directory: DiscordDirectory;
  readonly interactions: InteractionReplies;
  readonly log: Logger;
  /** The command prefix, to turn a slash command into the chat command it stands for. */
  readonly prefix: string;
  readonly ignoreBots: boolean;
  bot(): DiscordPerson;
  /** The slash commands registered now, by name. */
  slashRoutes(): ReadonlyMap<string, SlashRoute>;
  receive(message: Message): Promise<void>;
  reaction(reaction: Reaction): Promise<void>;
  topic(event: RoomEvent): Promise<void>;
  presence(presence: Presence): Promise<void>;
  cardAction(event: CardActionEvent): Promise<void>;
}

/** Message types people write (a plain message, a reply); joins, pins and the like are not messages to answer. */
const SPOKEN = new Set<MessageType>([MessageType.Default, MessageType.Reply]);

/**
 * Turns what discord.js reports into Banter events: messages (in channels, threads and DMs, mentions made
 * readable), reactions, topic changes, presence, slash commands (as the chat command they stand for, answered
 * through the interaction) and card button presses. Each handler catches its own failures: an error in one
 * event must not reach discord.js's event emitter.
 */
export class DiscordInbound {
  readonly #context: InboundContext;

  constructor(context: InboundContext) {
    this.#context = context;
  }

  /** Listen to `client`'s events. */
  listen(client: Client): void {
    const guard = <A extends unknown[]>(what: string, handler: (...args: A) => Promise<void>) =>
      (...args: A) => void handler(...args).catch((error: unknown) => this.#context.log.error({ err: error }, `could not handle a Discord ${what}`));
    client.on(Events.MessageCreate, guard('message', (message) => this.#message(message)));
    client.on(Events.MessageReactionAdd, guard('reaction', (reaction, user) => this.#reaction(reaction, user, 'added')));
    client.on(Events.MessageReactionRemove, guard('reaction', (reaction, user) => this.#reaction(reaction, user, 'removed')));
    client.on(Events.ChannelUpdate, guard('channel update', async (before, after) => {
      const oldTopic = 'topic' in before ? before.topic : undefined;
      const newTopic = 'topic' in after ? after.topic : undefined;
      if (oldTopic === newTopic) return;
      const room = this.#context.directory.room(after);
      if (room) await this.#context.topic({ room, topic: newTopic ?? '' });
    }));
    client.on(Events.PresenceUpdate, guard('presence', async (_before, after) => {
      if (!after.user || after.userId === this.#context.bot().id) return;
      const status = after.status === 'idle' ? 'away' : after.status;
      await this.#context.presence({ who: this.#context.directory.person(after.user, after.member), status });
    }));
    client.on(Events.InteractionCreate, guard('interaction', (interaction) => this.#interaction(interaction)));
  }

  async #message(message: DiscordMessage): Promise<void> {
    const author = message.author;
    if (author.id === this.#context.bot().id || !SPOKEN.has(message.type) || message.system) return;
    if (author.bot && this.#context.ignoreBots) return;
    const directory = this.#context.directory;
    const person = directory.person(author, message.member);
    const place = this.#place(message.channel);
    const extras = {
      channelId: message.channelId,
      guildId: message.guildId ?? undefined,
      attachments: [...message.attachments.values()].map((a) => ({ name: a.name, url: a.url, contentType: a.contentType ?? undefined, size: a.size })),
    };
    await this.#context.receive(
      new Message({
        id: message.id,
        body: readableText(message.content, directory),
        frm: place ? directory.occupant(place.room, person) : person,
        to: place ? place.room : this.#context.bot(),
        threadId: place?.threadId,
        mentions: [...message.mentions.users.values()].map((user) => directory.person(user, message.mentions.members?.get(user.id))),
        extras,
      }),
    );
  }

  async #reaction(reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser, action: 'added' | 'removed'): Promise<void> {
    if (user.id === this.#context.bot().id) return;
    const directory = this.#context.directory;
    const message: DiscordMessage | PartialMessage = reaction.message;
    const place = this.#place(message.channel);
    const reactor = user.partial ? directory.personById(user.id, message.guildId ?? undefined) : directory.person(user as User, message.guild?.members.cache.get(user.id));
    await this.#context.reaction({
      reactor: place ? directory.occupant(place.room, reactor) : reactor,
      action,
      name: reactionName(reaction.emoji),
      target: place ? place.room : reactor,
      messageId: message.id,
    });
  }

  async #interaction(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) return this.#slash(interaction);
    if (interaction.isButton()) return this.#button(interaction);
  }

  async #slash(interaction: ChatInputCommandInteraction): Promise<void> {
    const route = this.#context.slashRoutes().get(interaction.commandName);
    if (!route) {
      // Registered by an earlier version of the bot, or by another program with the same application.
      await interaction.reply({ content: `/${interaction.commandName} is not one of this bot's commands any more.`, flags: MessageFlags.Ephemeral });
      return;
    }
    const key = await this.#context.interactions.begin(interaction);
    try {
      const values = new Map(interaction.options.data.map((option) => [option.name, String(option.value ?? '')]));
      const { frm, to, threadId } = this.#speaker(interaction);
      await this.#context.receive(
        new Message({
          body: `${this.#context.prefix}${commandLine(route, values)}`,
          frm,
          to,
          threadId,
          extras: { channelId: interaction.channelId, guildId: interaction.guildId ?? undefined, interactionId: key, slashCommand: interaction.commandName },
        }),
      );
    } finally {
      await this.#context.interactions.finish(key);
    }
  }

  async #button(interaction: ButtonInteraction): Promise<void> {
    const action = decodeCardAction(interaction.customId);
    if (!action) return;
    // Acknowledge at once (Discord's 3 s); the card stays as it is.
    await interaction.deferUpdate();
    const { frm, to } = this.#speaker(interaction);
    await this.#context.cardAction({ who: frm, actionId: action.id, value: action.value, target: to });
  }

  /** Who used an interaction and where: an occupant of the room (thread: its channel), or a person in a DM. */
  #speaker(interaction: ChatInputCommandInteraction | ButtonInteraction): { frm: Person; to: Person | Room; threadId: string | undefined } {
    const directory = this.#context.directory;
    const member = interaction.inCachedGuild() ? interaction.member : undefined;
    const person = directory.person(interaction.user, member);
    const place = interaction.channel ? this.#place(interaction.channel) : undefined;
    if (!place) return { frm: person, to: this.#context.bot(), threadId: undefined };
    return { frm: directory.occupant(place.room, person), to: place.room, threadId: place.threadId };
  }

  /** The room of a guild channel; for a thread, its channel's room and the thread's id. Undefined for DMs. */
  #place(channel: TextBasedChannel): { room: DiscordRoom; threadId: string | undefined } | undefined {
    if (channel.isDMBased()) return undefined;
    const directory = this.#context.directory;
    if (channel.isThread()) {
      const parent = channel.parent;
      const room = parent ? directory.room(parent) : undefined;
      return { room: room ?? directory.room(channel)!, threadId: channel.id };
    }
    const room = directory.room(channel);
    return room ? { room, threadId: undefined } : undefined;
  }
}
