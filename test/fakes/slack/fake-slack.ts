import { ChangeWaiter } from 'banter/testing';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventDelivery, type Delivery } from './event-delivery.ts';
import { receiveUpload } from './file-upload-endpoint.ts';
import type { DeliveryResponse, SigningOptions } from './http-events.ts';
import type { FakeServerHooks, TokenInfo } from './method-context.ts';
import { appMentionEvent, blockActionsPayload, findButton, messageEvent, slashCommandPayload } from './payloads.ts';
import { ResponseUrls } from './response-urls.ts';
import { BANTER_BOT_SCOPES, EVENT_SCOPE } from './scopes.ts';
import { seenBySomeone, typedBySomeone } from './slack-client-text.ts';
import { SocketModeServer } from './socket-mode-server.ts';
import { WebApi } from './web-api.ts';
import { Workspace, type FakeChannel, type FakeMessage, type FakeUser } from './workspace.ts';

export { BANTER_BOT_SCOPES } from './scopes.ts';
export type { Delivery } from './event-delivery.ts';

/** Options of {@link FakeSlack.start}. */
export interface FakeSlackOptions {
  readonly botToken?: string;
  readonly appToken?: string;
  readonly signingSecret?: string;
  /** The bot token's scopes; {@link BANTER_BOT_SCOPES} when not given. */
  readonly scopes?: readonly string[];
  /** The app's event subscriptions; every one in EVENT_SCOPE when not given. */
  readonly subscriptions?: readonly string[];
  readonly botName?: string;
}

/** Where a person says something: `#name`, a channel id, or `dm` (their direct conversation with the bot). */
export type Where = string;

/**
 * A fake Slack on 127.0.0.1 that the unmodified Bolt SDK talks to: the Web API over HTTP, Socket Mode over
 * WebSocket, and signed Events API requests to an app's Request URL. It is the strict side: bad tokens, missing
 * scopes, unknown conversations and malformed bodies are refused as Slack refuses them, and rate limits are
 * answered with HTTP 429 and Retry-After. Tests drive it as the people in the workspace and read what the app did.
 */
export class FakeSlack {
  readonly workspace: Workspace;
  readonly botToken: string;
  readonly appToken: string;
  readonly signingSecret: string;
  readonly api: WebApi;
  readonly socket: SocketModeServer;
  readonly responseUrls: ResponseUrls;
  /** Client mistakes the fake noticed that Slack punishes in ways not modelled here; tests expect none. */
  readonly protocolErrors: string[] = [];
  readonly #delivery: EventDelivery;
  readonly #server: Server;
  readonly #waiter = new ChangeWaiter();
  #baseUrl = '';
  #stopping: Promise<void> | undefined;

  private constructor(options: FakeSlackOptions) {
    this.workspace = new Workspace({ name: options.botName });
    this.botToken = options.botToken ?? 'xoxb-1-fake-bot-token';
    this.appToken = options.appToken ?? 'xapp-1-A0FAKE-1-fake-app-token';
    this.signingSecret = options.signingSecret ?? 'fake-signing-secret';
    const botScopes = new Set(options.scopes ?? BANTER_BOT_SCOPES);
    const tokens = new Map<string, TokenInfo>([
      [this.botToken, { kind: 'bot', token: this.botToken, scopes: botScopes }],
      [this.appToken, { kind: 'app', token: this.appToken, scopes: new Set(['connections:write']) }],
    ]);
    const changed = () => this.#changed();
    const self = this;
    const hooks: FakeServerHooks = {
      emitEvent: (event) => void this.#delivery.track(this.emit(event)),
      get baseUrl() {
        return self.baseUrl;
      },
      issueSocketUrl: () => this.socket.issueUrl(this.baseUrl),
      protocolError: (problem) => this.#protocolError(problem),
    };
    this.api = new WebApi(this.workspace, tokens, hooks, changed);
    this.socket = new SocketModeServer({ appId: this.workspace.bot.appId, protocolError: (p) => this.#protocolError(p), changed });
    this.#delivery = new EventDelivery({
      workspace: this.workspace,
      socket: this.socket,
      scopes: botScopes,
      subscriptions: new Set(options.subscriptions ?? Object.keys(EVENT_SCOPE)),
      signingSecret: this.signingSecret,
    });
    this.responseUrls = new ResponseUrls(this.workspace, (message, channel) => this.#announce(message, channel), changed);
    this.#server = createServer((req, res) => this.#route(req, res));
    this.socket.attach(this.#server);
  }

  /** Start a fake Slack on a free port of 127.0.0.1. */
  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const fake = new FakeSlack(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.#baseUrl = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  /** `http://127.0.0.1:PORT`. */
  get baseUrl(): string {
    return this.#baseUrl;
  }

  /** The Web API root to give the SDK as `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.#baseUrl}/api/`;
  }

  /** Whether an app can take deliveries now: a Request URL is set, or a Socket Mode connection is open. */
  get appListening(): boolean {
    return this.#delivery.appListening;
  }

  /** Deliver events over HTTP to the app's Request URL (`undefined`: back to Socket Mode). */
  useRequestUrl(url: string | undefined): void {
    this.#delivery.requestUrl = url;
  }

  // ---- seeding the workspace ----

  addUser(name: string, init: { realName?: string; displayName?: string; email?: string; isBot?: boolean; botId?: string; id?: string } = {}): FakeUser {
    return this.workspace.addUser({ name, ...init });
  }

  /** A channel; `members` are user names or ids, `bot: true` puts the bot in it. */
  addChannel(name: string, init: { members?: readonly string[]; bot?: boolean; private?: boolean; topic?: string; general?: boolean } = {}): FakeChannel {
    const members = (init.members ?? []).map((m) => this.user(m).id);
    if (init.bot) members.push(this.workspace.bot.userId);
    return this.workspace.addChannel({ name, members, kind: init.private ? 'private_channel' : 'public_channel', topic: init.topic, general: init.general });
  }

  /** Someone joins the workspace after the app started; Slack tells the app with team_join. */
  async newMember(name: string, init: { realName?: string; displayName?: string; email?: string } = {}): Promise<FakeUser> {
    const user = this.addUser(name, init);
    await this.emit({ type: 'team_join', user: this.workspace.userObject(user, true), cache_ts: user.updated, event_ts: this.workspace.newTs() });
    return user;
  }

  /** Change a person's profile and tell the app (user_change), as Slack does. */
  async updateUser(name: string, changes: Partial<Pick<FakeUser, 'name' | 'realName' | 'displayName' | 'email'>>): Promise<void> {
    const user = this.user(name);
    Object.assign(user, changes, { updated: Math.floor(Date.now() / 1000) });
    await this.emit({ type: 'user_change', user: this.workspace.userObject(user, true), cache_ts: user.updated, event_ts: this.workspace.newTs() });
  }

  // ---- people doing things ----

  /**
   * `who` types `text` in `where` (optionally in the thread of `threadTs`). The text is sent as a Slack client
   * sends it (escaped, mentions as `<@U…>`) unless `raw`. Resolves once the app has the event (acked or 200).
   */
  async say(who: string, where: Where, text: string, options: { threadTs?: string; raw?: boolean } = {}): Promise<FakeMessage> {
    const user = this.user(who);
    const channel = this.conversation(where, user);
    if (!channel.members.has(user.id)) throw new Error(`fake slack: ${user.name} is not in #${channel.name}`);
    const message = this.workspace.addMessage({
      channel: channel.id,
      ts: this.workspace.newTs(),
      user: user.id,
      botId: user.botId,
      text: options.raw ? text : typedBySomeone(this.workspace, text),
      blocks: undefined,
      attachments: undefined,
      threadTs: options.threadTs,
      subtype: user.isBot ? 'bot_message' : undefined,
      ephemeralTo: undefined,
      via: 'person',
    });
    this.#changed();
    const deliveries: Array<Promise<unknown>> = [];
    if (channel.members.has(this.workspace.bot.userId)) deliveries.push(this.emit(messageEvent(this.workspace, message, channel)));
    if (channel.kind !== 'im' && message.text.includes(`<@${this.workspace.bot.userId}>`)) deliveries.push(this.emit(appMentionEvent(this.workspace, message)));
    // With no app listening the events wait for one (as Slack retries them); the person does not wait.
    if (this.appListening) await Promise.all(deliveries);
    return message;
  }

  /** `who` sets the topic of a channel they are in (Slack posts a `channel_topic` message). */
  async setTopic(who: string, where: Where, topic: string): Promise<void> {
    const user = this.user(who);
    const channel = this.conversation(where, user);
    channel.topic = { value: topic, creator: user.id, last_set: Math.floor(Date.now() / 1000) };
    const ts = this.workspace.newTs();
    await this.emit({
      type: 'message',
      subtype: channel.kind === 'private_channel' ? 'group_topic' : 'channel_topic',
      user: user.id,
      topic,
      text: `<@${user.id}> set the channel topic: ${topic}`,
      channel: channel.id,
      channel_type: channel.kind === 'private_channel' ? 'group' : 'channel',
      ts,
      event_ts: ts,
    });
  }

  /** `who` adds a reaction to a message. */
  async react(who: string, message: FakeMessage, name: string): Promise<void> {
    const user = this.user(who);
    message.reactions.set(name, [...(message.reactions.get(name) ?? []), user.id]);
    await this.emit({
      type: 'reaction_added',
      user: user.id,
      reaction: name,
      item: { type: 'message', channel: message.channel, ts: message.ts },
      item_user: message.user,
      event_ts: this.workspace.newTs(),
    });
  }

  /** `who` runs a slash command in `where`; resolves with the app's acknowledgement. */
  slash(who: string, where: Where, command: string, text = ''): Promise<Delivery> {
    const user = this.user(who);
    const channel = this.conversation(where, user);
    const responseUrl = this.responseUrls.issue(this.baseUrl, { channel: channel.id, user: user.id, kind: 'commands' });
    // Slack escapes &, < and > in the command's text as in messages; it leaves @names as typed unless the
    // command's "Escape channels, users, and links" setting is on (not modelled).
    const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    const payload = slashCommandPayload(this.workspace, { user, channel, command, text: escaped, responseUrl });
    return this.#delivery.interaction('slash_commands', payload, new URLSearchParams(payload).toString());
  }

  /** `who` presses the button `actionId` on `message`; resolves with the app's acknowledgement. */
  press(who: string, message: FakeMessage, actionId: string): Promise<Delivery> {
    const user = this.user(who);
    const channel = this.workspace.channels.get(message.channel)!;
    const found = findButton(message, actionId);
    if (!found) throw new Error(`fake slack: no button "${actionId}" on message ${message.ts}`);
    const responseUrl = this.responseUrls.issue(this.baseUrl, { channel: channel.id, user: user.id, original: message.ts, kind: 'actions' });
    const payload = blockActionsPayload(this.workspace, { user, channel, message, blockId: found.blockId, button: found.button, responseUrl });
    return this.#delivery.interaction('interactive', payload, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  }

  /**
   * `who` as the shared chat driver uses a person (backends/slack/testing): say something in `dm` or a
   * channel, and read what the app posted there as that person sees it.
   */
  peer(who: string): { mark(): number; say(where: Where, text: string): Promise<unknown>; botTexts(where: Where, count: number, since: number): Promise<string[]> } {
    const place = (where: Where) => this.conversation(where, this.user(who)).id;
    return {
      mark: () => this.mark(),
      say: (where, text) => this.say(who, where, text),
      botTexts: async (where, count, since) => (await this.waitForBotMessages(place(where), count, since)).map((m) => seenBySomeone(this.workspace, m.text)),
    };
  }

  // ---- the wire ----

  /**
   * Deliver an Events API event (the inner `event`) to the app if it is subscribed, with a new event_id.
   * Resolves with the delivery, or undefined when the app is not subscribed to it.
   */
  emit(event: Record<string, unknown>): Promise<Delivery | undefined> {
    return this.#delivery.emit(event);
  }

  /** Deliver an event again, as Slack retries one it thinks was not received (same event_id, retry count 1+). */
  redeliver(eventId: string, retryAttempt = 1): Promise<Delivery> {
    return this.#delivery.redeliver(eventId, retryAttempt);
  }

  /** The event_id of the last event delivered whose inner event matches `probe`. */
  lastEventId(probe: (event: Record<string, unknown>) => boolean): string | undefined {
    return this.#delivery.lastEventId(probe);
  }

  /** Post a raw body to the app's Request URL with custom signing (bad secrets, stale timestamps). */
  postToRequestUrl(body: string, contentType: string, signing: Partial<SigningOptions> = {}): Promise<DeliveryResponse> {
    return this.#delivery.post(body, contentType, signing);
  }

  /** Cut the app's Socket Mode connections, as a network failure would. */
  dropConnections(): void {
    this.socket.drop();
  }

  /** Send `disconnect` to the app, as Slack does before recycling a Socket Mode server. */
  requestReconnect(reason = 'refresh_requested'): void {
    this.socket.requestReconnect(reason);
  }

  // ---- what the app did ----

  /** Messages the app posted (any way: chat.*, response_url, file shares), oldest first. */
  botMessages(filter: { channel?: string; since?: number } = {}): FakeMessage[] {
    const channel = filter.channel === undefined ? undefined : this.conversation(filter.channel).id;
    return this.workspace.messages
      .slice(filter.since ?? 0)
      .filter((m) => m.via !== 'person' && !m.deleted && (channel === undefined || m.channel === channel));
  }

  /** A position in the message log, for `botMessages({ since })`. */
  mark(): number {
    return this.workspace.messages.length;
  }

  /** Resolve with `probe()`'s first defined answer, re-checked on every change, or reject after `timeoutMs`. */
  waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
    return this.#waiter.until(probe, timeoutMs, () => new Error(`fake slack: gave up after ${timeoutMs} ms waiting for ${what}`));
  }

  /** The `count` messages the app posted in `where` after `since`, once there are that many. */
  waitForBotMessages(where: Where, count: number, since: number, timeoutMs = 5_000): Promise<FakeMessage[]> {
    return this.waitFor(() => {
      const found = this.botMessages({ channel: where, since });
      return found.length >= count ? found.slice(0, count) : undefined;
    }, `${count} message(s) from the app in ${where}`, timeoutMs);
  }

  /** Stop: close Socket Mode connections gracefully, wait for deliveries in flight, close the server. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      await this.socket.close();
      await this.#delivery.settle();
      this.#server.closeAllConnections();
      await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    })();
    return this.#stopping;
  }

  // ---- lookups ----

  /** A user by name or id. */
  user(nameOrId: string): FakeUser {
    const user = this.workspace.users.get(nameOrId) ?? this.workspace.userByName(nameOrId);
    if (!user) throw new Error(`fake slack: no user ${nameOrId}`);
    return user;
  }

  /** A conversation by `#name`, id, or `dm` (with `who`). */
  conversation(where: Where, who?: FakeUser): FakeChannel {
    if (where === 'dm') {
      if (!who) throw new Error('fake slack: "dm" needs a person');
      return this.workspace.imWith(who.id);
    }
    const channel = this.workspace.channels.get(where) ?? this.workspace.channelByName(where);
    if (!channel) throw new Error(`fake slack: no conversation ${where}`);
    return channel;
  }

  // ---- internals ----

  #announce(message: FakeMessage, channel: FakeChannel): void {
    if (channel.members.has(this.workspace.bot.userId)) void this.#delivery.track(this.emit(messageEvent(this.workspace, message, channel)));
  }

  #protocolError(problem: string): void {
    this.protocolErrors.push(problem);
    this.#changed();
  }

  #changed(): void {
    this.#waiter.changed();
  }

  #route(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://fake.invalid').pathname;
      const answer = async () => {
        if (path.startsWith('/api/')) return this.api.handle(req, res, path.slice('/api/'.length), body);
        if (req.method === 'POST' && path.startsWith('/upload/v1/')) return receiveUpload(this.workspace, req, res, path.slice('/upload/v1/'.length), body, () => this.#changed());
        if (req.method === 'POST' && this.responseUrls.handles(path)) return this.responseUrls.handle(req, res, path, body);
        res.writeHead(404).end();
      };
      answer().catch((error: unknown) => {
        this.#protocolError(`fake slack crashed on ${req.method} ${path}: ${error instanceof Error ? error.stack : String(error)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  }
}
