import { webApi } from '@slack/bolt';
import {
  Backend,
  BanterError,
  IdentifierError,
  Message,
  createSilentLogger,
  type Capabilities,
  type Card,
  type Clock,
  type FileUpload,
  type Identifier,
  type JoinOptions,
  type Logger,
  type Person,
  type PresenceStatus,
  type ReplyOptions,
  type Room,
  type SentMessage,
} from 'banter';
import type { AddressInfo } from 'node:net';
import { boltLogger } from './bolt-logger.ts';
import { ChannelPacer } from './channel-pacer.ts';
import { CHANNEL_ID, IDENTIFIER_FORMS, parseIdentifier, parseRoom, type PersonRef, type RoomRef } from './identifier-text.ts';
import { SlackPerson, SlackRoom, SlackRoomOccupant, type SlackUserInfo } from './identifiers.ts';
import type { SlackBackendOptions } from './options.ts';
import { SeenEvents } from './seen-events.ts';
import { SlackApi } from './slack-api.ts';
import { SlackApiError } from './slack-api-error.ts';
import { SlackConnection } from './slack-connection.ts';
import { SlackDirectory } from './slack-directory.ts';
import { slackExtras } from './slack-extras.ts';
import { listenInbound } from './slack-inbound.ts';
import { SlackOutbound, type SlackSentMessage } from './slack-outbound.ts';
import { SlackRooms } from './slack-rooms.ts';

/** What the Slack backend needs besides its options. */
export interface SlackBackendContext {
  /** The bot's name from config.ts; `/<name> …` is the slash command for any Banter command. */
  readonly botName: string;
  readonly log?: Logger;
  /** The command prefix (config.ts `prefix`), which slash commands are turned into. */
  readonly prefix?: string;
  /** Time for pacing, rate-limit waits and reconnect delays (a ManualClock in unit tests). */
  readonly clock?: Clock;
}

const CAPABILITIES: Capabilities = { threads: true, reactions: true, cards: true, files: true, edits: true, typing: false };

/**
 * Slack through @slack/bolt: Socket Mode (default) or the HTTP Events API. Identities are user ids (see
 * {@link SlackPerson}), rooms are channels, direct messages IM conversations; threads, reactions, Block Kit
 * cards, file uploads, edits and deletions, ephemeral replies and slash commands are supported. Outgoing
 * messages are paced per conversation and rate limits are waited out; the Socket Mode connection is reopened
 * with backoff when it drops. It imports only `banter`, Bolt and node built-ins. docs/backends/slack.md.
 */
export class SlackBackend extends Backend {
  readonly mode = 'slack';
  readonly capabilities = CAPABILITIES;
  /**
   * Characters per message for the core's splitter: Slack's advice for readable messages. The backend still
   * splits anything that would pass Slack's hard limit (40,000) after rendering.
   */
  readonly maxMessageSize = 4000;
  readonly #options: SlackBackendOptions;
  readonly #context: SlackBackendContext;
  readonly #log: Logger;
  readonly #clientOptions: webApi.WebClientOptions;
  readonly #api: SlackApi;
  readonly #directory: SlackDirectory;
  readonly #pacer: ChannelPacer;
  readonly #seen: SeenEvents;
  readonly #rooms: SlackRooms;
  readonly #outbound: SlackOutbound;
  #connection: SlackConnection | undefined;
  #bot: SlackPerson | undefined;

  constructor(options: SlackBackendOptions, context: SlackBackendContext) {
    super();
    this.#options = options;
    this.#context = context;
    this.#log = context.log ?? createSilentLogger();
    this.#clientOptions = {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      ...(options.retries !== undefined ? { retryConfig: { retries: options.retries } } : {}),
      // 429s come back to SlackApi, which waits them out per call instead of stalling the SDK's whole queue.
      rejectRateLimitedCalls: true,
      logger: boltLogger(this.#log),
    };
    this.#api = new SlackApi(new webApi.WebClient(options.botToken, this.#clientOptions), { rateLimitRetries: options.rateLimitRetries, clock: context.clock, log: this.#log });
    this.#directory = new SlackDirectory(this.#api, { userTtlMs: options.userCacheTtlMs, clock: context.clock, log: this.#log });
    this.#pacer = new ChannelPacer({ ...options.pacing, clock: context.clock });
    this.#seen = new SeenEvents({ clock: context.clock });
    this.#rooms = new SlackRooms(this.#api, this.#directory);
    this.#outbound = new SlackOutbound({
      api: this.#api,
      directory: this.#directory,
      pacer: this.#pacer,
      options,
      log: this.#log,
      divert: (message) => this.#divert(message),
    });
  }

  /** The bot user, as auth.test named it (known after `connect()`). */
  get botIdentifier(): SlackPerson {
    if (!this.#bot) throw new BanterError('E_SLACK_NOT_CONNECTED', 'The Slack backend does not know who it is before connect().');
    return this.#bot;
  }

  /** Whether events can arrive now. */
  get connected(): boolean {
    return this.#connection?.up ?? false;
  }

  /** Where the HTTP receiver listens (transport `http`). */
  get httpAddress(): AddressInfo | undefined {
    return this.#connection?.address;
  }

  /** 429 answers waited out so far. */
  get rateLimited(): number {
    return this.#api.rateLimited;
  }

  /**
   * Check the bot token (auth.test), load the member and channel lists, then open Socket Mode (or start the
   * HTTP receiver) and join the configured channels. A refused token fails at once, naming the token.
   */
  async connect(): Promise<void> {
    this.#api.reopen();
    this.#pacer.reopen();
    let identity: Record<string, unknown>;
    try {
      identity = await this.#api.call('auth.test');
    } catch (error) {
      throw this.#connectError('the bot token (botToken, SLACK_BOT_TOKEN: the "Bot User OAuth Token" on the app\'s "OAuth & Permissions" page) was refused', error);
    }
    const botInfo: SlackUserInfo = { id: String(identity.user_id), name: String(identity.user), isBot: true };
    this.#bot = new SlackPerson(botInfo);
    await this.#preload();
    if (!this.#directory.user(botInfo.id)) this.#directory.rememberUser({ id: botInfo.id, name: botInfo.name, is_bot: true });
    const connection = new SlackConnection(this.#options, { userId: botInfo.id, botId: typeof identity.bot_id === 'string' ? identity.bot_id : undefined }, {
      log: this.#log,
      clock: this.#context.clock,
      clientOptions: this.#clientOptions,
      events: {
        reconnected: () => this.#deliver(() => this.notifyConnected()),
        dropped: (reason) => this.#deliver(() => this.notifyDisconnected(reason)),
      },
    });
    listenInbound(
      connection.app,
      {
        options: this.#options,
        directory: this.#directory,
        seen: this.#seen,
        log: this.#log,
        prefix: this.#context.prefix ?? '!',
        botName: this.#context.botName,
        bot: () => this.botIdentifier,
        room: (info) => this.#rooms.room(info),
      },
      {
        message: (message) => this.receive(message),
        reaction: (reaction) => this.receiveReaction(reaction),
        roomJoined: (event) => this.receiveRoomJoined(event),
        roomLeft: (event) => this.receiveRoomLeft(event),
        roomTopic: (event) => this.receiveRoomTopic(event),
        cardAction: (event) => this.receiveCardAction(event),
      },
    );
    try {
      await connection.start();
    } catch (error) {
      throw this.#connectError(
        this.#options.transport === 'socket'
          ? 'Socket Mode could not be opened; check the app-level token (appToken, SLACK_APP_TOKEN: "Basic Information" → "App-Level Tokens", with connections:write) and that Socket Mode is on in the app settings'
          : `the HTTP receiver could not listen on port ${this.#options.http.port}`,
        error,
      );
    }
    this.#connection = connection;
    for (const channel of this.#options.channels) {
      await this.joinRoom(channel).catch((error: unknown) => this.#log.warn({ err: error, channel }, `Slack: could not join ${channel}`));
    }
  }

  /** Stop: fail what waits to be sent, close the socket or HTTP server; no timer is left running. */
  async disconnect(): Promise<void> {
    this.#pacer.close();
    this.#api.close();
    const connection = this.#connection;
    this.#connection = undefined;
    await connection?.stop();
  }

  /** Post a message (split when longer than Slack allows), in `message.threadId` when set. */
  send(message: Message): Promise<SlackSentMessage> {
    return this.#outbound.send(message);
  }

  override sendCard(to: Person | Room, card: Card, inReplyTo?: Message, threadId?: string): Promise<SlackSentMessage> {
    return this.#outbound.sendCard(to, card, inReplyTo, threadId);
  }

  override uploadFile(to: Person | Room, file: FileUpload, inReplyTo?: Message): Promise<SlackSentMessage> {
    return this.#outbound.uploadFile(to, file, inReplyTo);
  }

  override edit(sent: SentMessage, text: string): Promise<SlackSentMessage> {
    return this.#outbound.edit(sent, text);
  }

  override delete(sent: SentMessage): Promise<void> {
    return this.#outbound.delete(sent);
  }

  override react(target: Message | SentMessage, name: string): Promise<void> {
    return this.#outbound.react(target, name, true);
  }

  override unreact(target: Message | SentMessage, name: string): Promise<void> {
    return this.#outbound.react(target, name, false);
  }

  buildIdentifier(text: string): Identifier {
    const parsed = parseIdentifier(text);
    if (!parsed) throw new IdentifierError(text, IDENTIFIER_FORMS);
    if (parsed.kind === 'room') return this.#room(parsed.room);
    const person = this.#person(parsed.person, text);
    if (parsed.kind === 'person') return new SlackPerson(person);
    return new SlackRoomOccupant(person, this.#room(parsed.room));
  }

  /**
   * The room for a room message, the sender for a direct message. A private reply goes to the sender's DM, or is
   * shown only to them in the room (`privateReplies: "ephemeral"`; always for a slash command's answers). Replies
   * stay in the thread the command came from, and start one under it with `thread` or `divertToThread`.
   */
  buildReply(message: Message, text: string, options?: ReplyOptions): Message {
    const room = message.room;
    const sender = message.frm instanceof SlackRoomOccupant ? message.frm : undefined;
    let to: Person | Room;
    let threadId: string | undefined;
    if (room && !options?.private) {
      to = room;
      const slash = slackExtras(message)?.slashCommand !== undefined;
      threadId = message.threadId ?? (!slash && (options?.thread || this.#divert(message)) ? message.id : undefined);
    } else if (room && sender && (this.#options.privateReplies === 'ephemeral' || slackExtras(message)?.slashCommand !== undefined)) {
      to = sender;
      threadId = message.threadId;
    } else {
      to = sender ? sender.person : message.frm;
    }
    return new Message({ body: text, frm: this.botIdentifier, to, inReplyTo: message, ...(threadId ? { threadId } : {}) });
  }

  /** Join a channel by name, creating it when there is none (public). Private channels need an invitation. */
  async joinRoom(name: string, _options?: JoinOptions): Promise<SlackRoom> {
    const room = this.queryRoom(name);
    await this.#rooms.join(room);
    return this.queryRoom(name);
  }

  queryRoom(name: string): SlackRoom {
    const ref = parseRoom(name.startsWith('#') || name.startsWith('<#') || CHANNEL_ID.test(name) ? name : `#${name}`);
    if (!ref) throw new IdentifierError(name, 'a channel such as #ops, <#C123|ops> or C123');
    return this.#room(ref);
  }

  rooms(): Promise<Room[]> {
    return this.#rooms.list();
  }

  /** Slack bots have two presences: `online` is "auto" (active while connected), anything else is "away". */
  async changePresence(status: PresenceStatus, _message?: string): Promise<void> {
    await this.#api.call('users.setPresence', { presence: status === 'online' ? 'auto' : 'away' });
  }

  #person(ref: PersonRef, text: string): SlackUserInfo {
    if (ref.id !== undefined) return this.#directory.user(ref.id) ?? { id: ref.id, name: ref.name };
    const found = this.#directory.userByName(ref.name);
    if (!found) throw new IdentifierError(text, `a member of this workspace (no one is called @${ref.name}; write <@U…> or the user id)`);
    return found;
  }

  #room(ref: RoomRef): SlackRoom {
    if (ref.id !== undefined) return this.#rooms.room({ id: ref.id, name: this.#directory.channelName(ref.id) ?? ref.name });
    const known = this.#directory.channelByName(ref.name);
    return this.#rooms.room({ id: known?.id, name: known?.name ?? ref.name });
  }

  /** Whether `divertToThread` sends the answer to this room message into a thread. */
  #divert(message: Message): boolean {
    const divert = this.#options.divertToThread;
    if (divert === false || !message.room || message.id === undefined) return false;
    if (divert === true) return true;
    const command = this.#commandText(message.body)?.toLowerCase();
    if (command === undefined) return false;
    return divert.some((name) => command === name.toLowerCase() || command.startsWith(`${name.toLowerCase()} `));
  }

  /** The text after the prefix or the bot's name, or undefined when the message is not addressed to the bot. */
  #commandText(body: string): string | undefined {
    const prefix = this.#context.prefix ?? '!';
    if (body.startsWith(prefix)) return body.slice(prefix.length);
    const lower = body.toLowerCase();
    for (const name of [this.#bot?.userName, this.#context.botName]) {
      if (!name) continue;
      for (const alt of [`@${name.toLowerCase()}`, name.toLowerCase()]) {
        const separator = lower.startsWith(alt) ? /^[:,;]?\s+/.exec(body.slice(alt.length)) : null;
        if (separator) return body.slice(alt.length + separator[0].length);
      }
    }
    return undefined;
  }

  async #preload(): Promise<void> {
    const loads: Array<[boolean, () => Promise<void>, string]> = [
      [this.#options.preload.users, () => this.#directory.loadUsers(), 'members'],
      [this.#options.preload.channels, () => this.#directory.loadChannels(), 'channels'],
    ];
    for (const [wanted, load, what] of loads) {
      if (!wanted) continue;
      try {
        await load();
      } catch (error) {
        // The bot works without the lists; only @name and #channel lookups before first contact suffer.
        this.#log.warn({ err: error }, `Slack: could not load the ${what} list${error instanceof SlackApiError ? ` (${error.message})` : ''}`);
      }
    }
  }

  #connectError(what: string, cause: unknown): BanterError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new BanterError('E_SLACK_CONNECT', `Could not connect to Slack: ${what}. ${detail}`, { cause });
  }

  /** Hand an event to the core; its failures are logged, never thrown into Bolt. */
  #deliver(event: () => Promise<void>): void {
    event().catch((error: unknown) => this.#log.error({ err: error }, 'Slack: handling a connection event failed'));
  }
}
