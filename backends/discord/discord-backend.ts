import {
  Backend,
  BanterError,
  Message,
  createSilentLogger,
  isRoom,
  type Capabilities,
  type Card,
  type CommandInfo,
  type FileUpload,
  type Identifier,
  type Logger,
  type Person,
  type PresenceStatus,
  type ReplyOptions,
  type Room,
  type SentMessage,
} from 'banter';
import { ActivityType, type PresenceStatusData } from 'discord.js';
import { DiscordConnection } from './connection.ts';
import { DiscordDirectory } from './directory.ts';
import { DiscordPerson, DiscordRoomOccupant, type DiscordRoom } from './identifiers.ts';
import { DiscordInbound } from './inbound.ts';
import { InteractionReplies } from './interaction-replies.ts';
import type { DiscordBackendOptions } from './options.ts';
import { DiscordOutbound } from './outbound.ts';
import { DiscordRooms } from './rooms.ts';
import { SlashCommandSync, type SyncOutcome } from './slash-sync.ts';

/** Everything Discord offers that Banter knows. */
export const DISCORD_CAPABILITIES: Capabilities = { threads: true, reactions: true, cards: true, files: true, edits: true, typing: true };

/** Discord's limit on a message's text, in characters. */
const MAX_MESSAGE = 2000;

/** What the backend needs besides its options. */
export interface DiscordBackendContext {
  /** The bot's name from config (the Discord username comes from Discord itself). */
  readonly botName: string;
  /** The command prefix, to turn slash commands into the chat commands they stand for. Default `!`. */
  readonly prefix?: string;
  readonly log?: Logger;
}

const PRESENCE: Readonly<Record<string, PresenceStatusData>> = { online: 'online', away: 'idle', idle: 'idle', dnd: 'dnd', offline: 'invisible', invisible: 'invisible' };

/**
 * Discord through discord.js v14: guild text channels and threads as rooms, direct messages, mentions,
 * reactions, cards as embeds (with buttons), files, edits and deletions, typing, replies that reference the
 * command's message, and Banter's commands offered as slash commands. discord.js keeps the gateway alive
 * (heartbeats, RESUME after a drop, a new session after an invalid one, paced by Banter's Backoff when the
 * gateway cannot be reached) and queues REST calls under Discord's rate limits (a 429 is waited out and
 * retried, never dropped).
 */
export class DiscordBackend extends Backend {
  readonly mode = 'discord';
  readonly capabilities: Capabilities = DISCORD_CAPABILITIES;
  readonly maxMessageSize = MAX_MESSAGE;
  readonly #options: DiscordBackendOptions;
  readonly #log: Logger;
  readonly #directory: DiscordDirectory;
  readonly #interactions: InteractionReplies;
  readonly #outbound: DiscordOutbound;
  readonly #slash: SlashCommandSync;
  readonly #prefix: string;
  #connection: DiscordConnection | undefined;
  #bot: DiscordPerson;

  constructor(options: DiscordBackendOptions, context: DiscordBackendContext) {
    super();
    this.#options = options;
    this.#log = context.log ?? createSilentLogger();
    this.#prefix = context.prefix ?? '!';
    this.#bot = new DiscordPerson({ id: '0', username: context.botName, bot: true });
    const rooms = new DiscordRooms(() => this.#client(), () => this.#directory, this.#log);
    this.#directory = new DiscordDirectory(rooms);
    this.#interactions = new InteractionReplies(this.#log);
    this.#outbound = new DiscordOutbound({ client: () => this.#client(), directory: this.#directory, interactions: this.#interactions });
    this.#slash = new SlashCommandSync(() => this.#client(), { guildId: options.commandGuild, enabled: options.slashCommands }, this.#log);
  }

  /** The bot's Discord user: id (`aclattr`), username (`nick`), known once connected. */
  get botIdentifier(): DiscordPerson {
    return this.#bot;
  }

  async connect(): Promise<void> {
    if (this.#connection) return;
    const connection = new DiscordConnection(this.#options, this.#log, {
      lost: (reason) => void this.notifyDisconnected(reason).catch((error: unknown) => this.#log.error({ err: error }, 'a plugin hook failed on disconnect')),
      back: (resumed) => {
        this.#log.info({ resumed }, resumed ? 'Discord session resumed' : 'Discord session started anew (the old one was invalid)');
        void this.notifyConnected().catch((error: unknown) => this.#log.error({ err: error }, 'a plugin hook failed on reconnect'));
      },
      ended: (reason) => {
        this.#log.error({ reason }, 'Discord ended the session for good');
        void this.notifyEnded(reason).catch((error: unknown) => this.#log.error({ err: error }, 'stopping the bot failed'));
      },
    });
    const inbound = new DiscordInbound({
      directory: this.#directory,
      interactions: this.#interactions,
      log: this.#log,
      prefix: this.#prefix,
      ignoreBots: this.#options.ignoreBots,
      bot: () => this.#bot,
      slashRoutes: () => this.#slash.routes,
      receive: (message) => this.receive(message),
      reaction: (reaction) => this.receiveReaction(reaction),
      topic: (event) => this.receiveRoomTopic(event),
      presence: (presence) => this.receivePresence(presence),
      cardAction: (event) => this.receiveCardAction(event),
    });
    inbound.listen(connection.client);
    this.#connection = connection;
    this.#directory.use(connection.client);
    try {
      await connection.login();
    } catch (error) {
      this.#connection = undefined;
      this.#directory.use(undefined);
      throw error;
    }
    const user = connection.client.user!;
    this.#bot = this.#directory.person(user);
  }

  async disconnect(): Promise<void> {
    const connection = this.#connection;
    if (!connection) return;
    this.#connection = undefined;
    await connection.destroy();
    this.#directory.use(undefined);
  }

  /** Offer the bot's commands as slash commands (see {@link SlashCommandSync}); what it did, for tests. */
  override async commandsChanged(commands: readonly CommandInfo[]): Promise<void> {
    await this.syncSlashCommands(commands);
  }

  /** Register `commands` as slash commands now, writing only when Discord's differ. */
  async syncSlashCommands(commands: readonly CommandInfo[]): Promise<SyncOutcome> {
    if (!this.#connection) return 'disabled';
    return this.#slash.sync(commands);
  }

  send(message: Message): Promise<SentMessage> {
    return this.#outbound.send(message);
  }

  buildIdentifier(text: string): Identifier {
    return this.#directory.build(text);
  }

  buildReply(message: Message, text: string, options?: ReplyOptions): Message {
    const frm = message.frm;
    if (options?.private || !isRoom(message.to)) {
      const person = frm instanceof DiscordRoomOccupant ? frm.person : frm;
      return new Message({ body: text, frm: this.#bot, to: person, inReplyTo: message });
    }
    // In the command's thread; asked for a thread on a message outside one: the thread starts from it.
    const threadId = message.threadId ?? (options?.thread && message.id ? message.id : undefined);
    return new Message({ body: text, frm: this.#bot, to: message.to, threadId, inReplyTo: message });
  }

  async joinRoom(name: string): Promise<Room> {
    const room = this.queryRoom(name);
    await room.join();
    return room;
  }

  queryRoom(name: string): DiscordRoom {
    return this.#directory.query(name);
  }

  async rooms(): Promise<Room[]> {
    return this.#directory.rooms();
  }

  async changePresence(status: PresenceStatus, message?: string): Promise<void> {
    const mapped = PRESENCE[status];
    if (!mapped) throw new BanterError('E_DISCORD_PRESENCE', `Unknown presence "${status}"; use one of ${Object.keys(PRESENCE).join(', ')}.`);
    const user = this.#client().user;
    if (!user) throw offline();
    user.setPresence({ status: mapped, activities: message ? [{ name: message, state: message, type: ActivityType.Custom }] : [] });
  }

  override react(target: Message | SentMessage, name: string): Promise<void> {
    return this.#outbound.react(target, name, true);
  }

  override unreact(target: Message | SentMessage, name: string): Promise<void> {
    return this.#outbound.react(target, name, false);
  }

  override edit(sent: SentMessage, text: string): Promise<SentMessage> {
    return this.#outbound.edit(sent, text);
  }

  override delete(sent: SentMessage): Promise<void> {
    return this.#outbound.delete(sent);
  }

  override sendCard(to: Person | Room, card: Card, inReplyTo?: Message, threadId?: string): Promise<SentMessage> {
    return this.#outbound.sendCard(to, card, inReplyTo, threadId);
  }

  override uploadFile(to: Person | Room, file: FileUpload, inReplyTo?: Message): Promise<SentMessage> {
    return this.#outbound.uploadFile(to, file, inReplyTo);
  }

  override startTyping(to: Person | Room): Promise<void> {
    return this.#outbound.startTyping(to);
  }

  #client() {
    const client = this.#connection?.client;
    if (!client) throw offline();
    return client;
  }
}

function offline(): BanterError {
  return new BanterError('E_DISCORD_OFFLINE', 'The Discord backend is not connected; call connect() first.');
}
