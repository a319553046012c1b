import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { FakeEvents } from './events.ts';
import { FakeGateway, PRIVILEGED } from './gateway.ts';
import { Interactions, type FakeInteraction } from './interactions.ts';
import { P } from './permissions.ts';
import { FakeRest, type RestCall } from './rest.ts';
import { fakeRoutes } from './routes.ts';
import { World, type FakeChannel, type FakeGuild, type FakeMessage, type FakeUser } from './world.ts';

/** Settings of a fake Discord. */
export interface FakeDiscordOptions {
  /** The bot's username. */
  readonly botName?: string;
  /** Privileged intents the application is granted (Developer Portal switches). Default: all three. */
  readonly grantedIntents?: ReadonlyArray<'GuildMembers' | 'GuildPresences' | 'MessageContent'>;
  /** HELLO's heartbeat interval; short, so heartbeats happen during a test. */
  readonly heartbeatIntervalMs?: number;
  readonly guildName?: string;
  /** Text channels of the default guild. */
  readonly channels?: readonly string[];
  /** The bot role's permissions in the default guild. */
  readonly botPermissions?: bigint;
}

const PRIVILEGED_BITS = { GuildMembers: 1 << 1, GuildPresences: 1 << 8, MessageContent: 1 << 15 } as const;
const DEFAULT_WAIT_MS = 5_000;

/**
 * A Discord for tests, on 127.0.0.1: the gateway (WebSocket, JSON) and REST API v10 (HTTP) that the
 * unmodified discord.js talks to, with a world of users, one guild (more can be added), channels, threads
 * and DMs. It is the strict side: it checks the bot token everywhere, intents at IDENTIFY, permissions on
 * every action, and bodies against Discord's limits. Tests act as people (say, react, start threads, run
 * slash commands, press buttons), control the connection (drop, op 7, op 9, refuse), set rate limits, and
 * wait for what the bot does without timers of their own.
 */
export class FakeDiscord {
  readonly token: string;
  readonly world: World;
  readonly gateway: FakeGateway;
  readonly rest: FakeRest;
  readonly events: FakeEvents;
  readonly interactions = new Interactions();
  /** The default guild, with the bot and its channels. */
  readonly guild: FakeGuild;
  readonly #server: Server;

  private constructor(options: FakeDiscordOptions) {
    this.token = fakeToken();
    this.world = new World(options.botName ?? 'banterbot');
    const owner = this.world.addUser('owner');
    this.guild = this.world.addGuild(options.guildName ?? 'Banter Test', owner.id, options.botPermissions);
    for (const name of options.channels ?? ['general']) this.world.addChannel(this.guild, name);
    const granted = (options.grantedIntents ?? ['GuildMembers', 'GuildPresences', 'MessageContent']).reduce((bits, name) => bits | PRIVILEGED_BITS[name], 0) & PRIVILEGED;
    this.gateway = new FakeGateway(this.world, {
      token: this.token,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 250,
      grantedIntents: granted,
      base: () => `ws://127.0.0.1:${this.port}`,
    });
    this.events = new FakeEvents(this.world, this.gateway);
    this.rest = new FakeRest(this.token, fakeRoutes({ world: this.world, events: this.events, gateway: this.gateway, interactions: this.interactions, grantedIntents: granted }));
    this.#server = createServer((request, response) => {
      this.rest.handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ message: `500: fake failure: ${String(error)}`, code: 0 }));
      });
    });
    this.#server.on('upgrade', (request, socket, head) => this.gateway.upgrade(request, socket, head));
  }

  /** Start a fake Discord on a free port of 127.0.0.1. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  /** The REST base URL for discord.js's `rest.api` (it appends /v10). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get bot(): FakeUser {
    return this.world.bot;
  }

  /** Everything the bot asked the REST API, in order. */
  get calls(): readonly RestCall[] {
    return this.rest.calls;
  }

  /** A text channel of the default guild by name. */
  channel(name: string, guild: FakeGuild = this.guild): FakeChannel {
    const found = [...this.world.channels.values()].find((c) => c.guildId === guild.id && c.name === name && !c.parentId);
    if (!found) throw new Error(`no channel #${name} in ${guild.name}`);
    return found;
  }

  /** Someone who is in the default guild (unless `guild` is false), with a display name and nickname if given. */
  addUser(username: string, options: { globalName?: string; nick?: string; guild?: FakeGuild | false } = {}): FakeUser {
    const user = this.world.addUser(username, { globalName: options.globalName });
    if (options.guild !== false) this.world.join(options.guild ?? this.guild, user.id, [], options.nick ?? null);
    return user;
  }

  /** A text channel created while the bot runs (sent as CHANNEL_CREATE). */
  addChannel(name: string, options: { topic?: string; private?: boolean; guild?: FakeGuild } = {}): FakeChannel {
    const channel = this.world.addChannel(options.guild ?? this.guild, name, options);
    this.events.channel('CHANNEL_CREATE', channel);
    return channel;
  }

  /** A custom emoji of the default guild (sent as GUILD_EMOJIS_UPDATE to sessions with GuildExpressions). */
  addEmoji(name: string): { id: string; name: string } {
    const emoji = { id: this.world.ids.next(), name };
    this.guild.emojis.push(emoji);
    const data = { guild_id: this.guild.id, emojis: this.world.guildCreateJson(this.guild).emojis };
    this.gateway.dispatch('GUILD_EMOJIS_UPDATE', (session) => (session.intents & (1 << 3) ? data : undefined));
    return emoji;
  }

  // ---- people acting ----

  /** `user` writes `content` in a channel or thread, or (`'dm'`) to the bot directly. */
  say(user: FakeUser, where: FakeChannel | 'dm', content: string): FakeMessage {
    const channel = where === 'dm' ? this.world.dmChannel(user.id) : where;
    if (channel.type !== 1 && !this.world.can(user.id, channel, P.ViewChannel)) throw new Error(`${user.username} cannot see #${channel.name}`);
    const message = this.world.addMessage(channel, user.id, { content });
    this.events.messageCreate(message);
    return message;
  }

  /** `user` adds (or removes) a reaction. */
  react(user: FakeUser, message: FakeMessage, emoji: string, remove = false): void {
    const users = message.reactions.get(emoji) ?? new Set<string>();
    if (remove) users.delete(user.id);
    else users.add(user.id);
    message.reactions.set(emoji, users);
    this.events.reaction(remove ? 'MESSAGE_REACTION_REMOVE' : 'MESSAGE_REACTION_ADD', message, user.id, emoji);
  }

  /** `user` starts a public thread in `channel`, from `from` if given; the bot sees it and is not in it. */
  startThread(user: FakeUser, channel: FakeChannel, name: string, from?: FakeMessage): FakeChannel {
    const thread = this.world.addThread(channel, name, user.id, { id: from?.id });
    if (from) from.threadId = thread.id;
    this.events.threadCreate(thread, true);
    return thread;
  }

  /** Someone changes a channel's topic in Discord's UI. */
  changeTopic(channel: FakeChannel, topic: string): void {
    channel.topic = topic;
    this.events.channel('CHANNEL_UPDATE', channel);
  }

  /** `user`'s status changes (sent as PRESENCE_UPDATE to sessions with the privileged GuildPresences intent). */
  setPresence(user: FakeUser, status: 'online' | 'idle' | 'dnd' | 'offline'): void {
    const data = { user: { id: user.id }, guild_id: this.guild.id, status, activities: [], client_status: status === 'offline' ? {} : { desktop: status } };
    this.gateway.dispatch('PRESENCE_UPDATE', (session) => (session.intents & (1 << 8) ? data : undefined));
  }

  /** `user` runs the registered slash command `name` with string options, in a channel or the bot's DM. */
  slash(user: FakeUser, where: FakeChannel | 'dm', name: string, options: Readonly<Record<string, string>> = {}): FakeInteraction {
    const channel = where === 'dm' ? this.world.dmChannel(user.id) : where;
    const guild = this.world.guildOf(channel);
    const command = [...this.world.commands.values()].find((c) => c.json.name === name && (c.guildId === undefined || c.guildId === guild?.id));
    if (!command) throw new Error(`no slash command /${name} is registered where ${user.username} is`);
    const interaction = this.interactions.create({ id: this.world.ids.next(), type: 2, channelId: channel.id, userId: user.id, name, message: undefined });
    this.events.interactionCreate(
      this.#interactionJson(interaction, user, channel, {
        id: command.id,
        name,
        type: 1,
        ...(command.guildId ? { guild_id: command.guildId } : {}),
        options: Object.entries(options).map(([option, value]) => ({ name: option, type: 3, value })),
      }),
    );
    return interaction;
  }

  /** `user` presses the button with `customId` on the bot's `message`. */
  press(user: FakeUser, message: FakeMessage, customId: string): FakeInteraction {
    const buttons = (message.components as Array<{ components: Array<{ custom_id: string }> }>).flatMap((row) => row.components);
    if (!buttons.some((b) => b.custom_id === customId)) throw new Error(`no button ${customId} on message ${message.id}`);
    const channel = this.world.channels.get(message.channelId)!;
    const interaction = this.interactions.create({ id: this.world.ids.next(), type: 3, channelId: channel.id, userId: user.id, name: customId, message });
    this.events.interactionCreate({
      ...this.#interactionJson(interaction, user, channel, { custom_id: customId, component_type: 2 }),
      message: this.world.messageJson(message),
    });
    return interaction;
  }

  #interactionJson(interaction: FakeInteraction, user: FakeUser, channel: FakeChannel, data: Record<string, unknown>): Record<string, unknown> {
    const guild = this.world.guildOf(channel);
    return {
      id: interaction.id,
      application_id: this.world.applicationId,
      type: interaction.type,
      token: interaction.token,
      version: 1,
      data,
      ...(guild ? { guild_id: guild.id, guild: { id: guild.id, locale: 'en-US', features: [] }, guild_locale: 'en-US' } : {}),
      channel: this.world.channelJson(channel),
      channel_id: channel.id,
      ...(guild
        ? { member: { ...this.world.memberJson(guild, user.id), permissions: this.world.permissions(user.id, channel).toString() } }
        : { user: this.world.userJson(user) }),
      app_permissions: this.world.permissions(this.bot.id, channel).toString(),
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: guild ? { '0': guild.id } : { '0': user.id },
      context: guild ? 0 : 1,
      attachment_size_limit: 10_485_760,
    };
  }

  // ---- watching the bot ----

  /** Messages the bot wrote (in `where`, or anywhere), oldest first, deleted ones included. */
  botMessages(where?: FakeChannel): FakeMessage[] {
    return this.world.written.filter((m) => m.authorId === this.bot.id && (!where || m.channelId === where.id));
  }

  /** REST calls matching a method and a route pattern. */
  callsTo(method: string, path: RegExp): RestCall[] {
    return this.rest.calls.filter((call) => call.method === method && path.test(call.path));
  }

  /**
   * Resolve with `check()`'s first defined answer, checking again after every REST call and gateway event;
   * reject after `timeoutMs` saying what was awaited.
   */
  waitFor<T>(check: () => T | undefined, what: string, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = (): boolean => {
        const found = check();
        if (found === undefined) return false;
        finish();
        resolve(found);
        return true;
      };
      const finish = () => {
        clearTimeout(timer);
        offRest();
        offGateway();
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`waited ${timeoutMs} ms in vain for ${what}`));
      }, timeoutMs);
      const offRest = this.rest.onCall(attempt);
      const offGateway = this.gateway.onChange(attempt);
      attempt();
    });
  }

  /** Wait until the bot has written `count` messages in `where` after the first `after` of them. */
  botMessagesAfter(where: FakeChannel, after: number, count: number, timeoutMs = DEFAULT_WAIT_MS): Promise<FakeMessage[]> {
    return this.waitFor(() => {
      const fresh = this.botMessages(where).slice(after);
      return fresh.length >= count ? fresh.slice(0, count) : undefined;
    }, `${count} message(s) from the bot in ${where.name ?? 'a DM'}`, timeoutMs);
  }

  /** Stop serving: close the gateway's sockets and the HTTP server. */
  async stop(): Promise<void> {
    this.gateway.stop();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** A token shaped like Discord's: base64 user id, timestamp, HMAC. */
function fakeToken(): string {
  return `${randomBytes(18).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}
