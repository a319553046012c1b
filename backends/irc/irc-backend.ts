import {
  Backend,
  BanterError,
  IdentifierError,
  Message,
  isRoom,
  type Capabilities,
  type Identifier,
  type JoinOptions,
  type Logger,
  type PresenceStatus,
  type ReplyOptions,
  type Room,
  type SentMessage,
} from 'banter';
import { IrcChannels } from './channels.ts';
import { IrcConnection } from './connection.ts';
import { DEFAULT_CHANTYPES, isChannelName, parseIdentifier } from './identifier-text.ts';
import { IrcPerson, IrcRoom, IrcRoomOccupant } from './identifiers.ts';
import { toMessage, type IrcMessageEvent } from './incoming.ts';
import { splitIrcText, textBudget } from './irc-lines.ts';
import { renderMarkdown } from './irc-text.ts';
import type { IrcBackendOptions } from './options.ts';
import { ReplyWaiter } from './reply-waiter.ts';
import { SendQueue } from './send-queue.ts';
import { UserDirectory } from './user-directory.ts';

/** What {@link IrcBackend.send} returns: the protocol lines the message became, in order. */
export interface IrcSentMessage extends SentMessage {
  /** The text of each PRIVMSG, after markdown rendering and splitting. */
  readonly lines: readonly string[];
}

const CAPABILITIES: Capabilities = { threads: false, reactions: false, cards: false, files: false, edits: false, typing: false };
// A target may hold nothing that ends or splits a protocol line.
const SAFE_TARGET = /^[^\s,\0-\x1f]+$/;
const NICKSERV_WAIT_MS = 5_000;

/**
 * IRC through irc-framework: channels and private messages, flood-controlled output, reconnects that rejoin
 * every channel and deliver what was sent meanwhile. Identities: see {@link IrcPerson}. It imports only
 * `banter`, irc-framework and node built-ins.
 */
export class IrcBackend extends Backend {
  readonly mode = 'irc';
  readonly capabilities = CAPABILITIES;
  /**
   * Characters per message for the core's splitter. The backend itself cuts every message into lines that fit
   * the 512-byte protocol limit (prefix included, in UTF-8 bytes), so this only bounds how much one message
   * may hold; a longer reply becomes several messages.
   */
  readonly maxMessageSize = 10_000;
  readonly #options: IrcBackendOptions;
  readonly #log: Logger;
  readonly #connection: IrcConnection;
  readonly #waiter: ReplyWaiter;
  readonly #directory: UserDirectory;
  readonly #channels: IrcChannels;
  readonly #queue: SendQueue;
  #account: string | undefined;
  #sent = 0;
  #received = 0;

  constructor(options: IrcBackendOptions, log: Logger) {
    super();
    this.#options = options;
    this.#log = log;
    this.#connection = new IrcConnection(options, log, {
      registered: (first) => this.#onRegistered(first),
      dropped: (reason) => this.#onDropped(reason),
      account: (account) => (this.#account = account),
    });
    const client = this.#connection.client;
    this.#waiter = new ReplyWaiter(client);
    this.#directory = new UserDirectory((nick) => client.caseLower(nick));
    this.#channels = new IrcChannels({ client, waiter: this.#waiter, directory: this.#directory, room: (name) => this.queryRoom(name) });
    for (const entry of options.channels) {
      if (typeof entry === 'string') this.#channels.want(entry);
      else this.#channels.want(entry.name, entry.key);
    }
    this.#queue = new SendQueue({ rate: options.rate, burst: options.burst });
    this.#listen();
  }

  /** The bot as the network knows it now: nick, mask once seen, services account once logged in. */
  get botIdentifier(): IrcPerson {
    const nick = this.#connection.client.user.nick || this.#options.nick;
    const known = this.#directory.get(nick);
    return new IrcPerson({ nick, user: known?.user, host: known?.host, account: this.#account });
  }

  /** Whether the bot is connected and registered right now. */
  get connected(): boolean {
    return this.#connection.up;
  }

  async connect(): Promise<void> {
    await this.#connection.start();
  }

  async disconnect(): Promise<void> {
    // Replies that flood control still holds back go out first (within drainMs), so stopping loses nothing it
    // can send; what is left after that is refused with E_IRC_DISCONNECTED, and counted in the log.
    const left = await this.#queue.drain(this.#options.drainMs);
    if (left > 0) this.#log.warn({ lines: left, drainMs: this.#options.drainMs }, 'disconnecting with lines flood control had not let out yet');
    this.#queue.close(new BanterError('E_IRC_DISCONNECTED', 'The IRC backend was disconnected before this message could be sent.'));
    this.#waiter.abortAll(new BanterError('E_IRC_DISCONNECTED', 'The IRC backend was disconnected.'));
    await this.#connection.stop();
  }

  /**
   * Queue a message: markdown rendered as text, each line its own PRIVMSG (so CR, LF or NUL can never start a
   * second command), long lines cut to fit. Resolves once every line was handed to the socket, which during
   * an outage means after the reconnect.
   */
  async send(message: Message): Promise<IrcSentMessage> {
    const target = isRoom(message.to) ? message.to.name : message.to.nick;
    if (!SAFE_TARGET.test(target)) throw new IdentifierError(target, 'a channel or nick without spaces, commas or control characters');
    const text = renderMarkdown(message.body, this.#options.format);
    const lines = splitIrcText(text, textBudget(this.botIdentifier, 'PRIVMSG', target));
    await this.#queue.push(lines.map((line) => `PRIVMSG ${target} :${line}`));
    return { id: `irc-out-${++this.#sent}`, to: message.to, lines };
  }

  buildIdentifier(text: string): Identifier {
    const parsed = parseIdentifier(text, this.#chantypes());
    if (parsed.kind === 'room') return this.queryRoom(parsed.channel);
    const info = this.#directory.complete(parsed.info);
    if (parsed.kind === 'occupant') return new IrcRoomOccupant(info, this.queryRoom(parsed.channel));
    return new IrcPerson(info);
  }

  buildReply(message: Message, text: string, options?: ReplyOptions): Message {
    const sender = message.frm instanceof IrcRoomOccupant ? message.frm.person : message.frm;
    const to = options?.private || !message.room ? sender : message.room;
    return new Message({ body: text, frm: this.botIdentifier, to, inReplyTo: message });
  }

  /** Our own messages never come back (no echo-message), but a nick is unique at any moment: compare nicks. */
  override isFromSelf(message: Message): boolean {
    return this.#connection.client.caseCompare(message.frm.nick, this.botIdentifier.nick);
  }

  async joinRoom(name: string, options?: JoinOptions): Promise<Room> {
    const room = this.queryRoom(name);
    await this.#channels.join(room.name, options);
    return room;
  }

  queryRoom(name: string): IrcRoom {
    if (!isChannelName(name, this.#chantypes())) throw new IdentifierError(name, `a channel name starting with one of ${this.#chantypes()}`);
    return new IrcRoom(name, this.#channels);
  }

  async rooms(): Promise<Room[]> {
    return this.#channels.joined.map((name) => this.queryRoom(name));
  }

  /** IRC has only "away": every status but `online` sets it, with the message (or the status) as its text. */
  async changePresence(status: PresenceStatus, message?: string): Promise<void> {
    if (!this.#connection.up) throw new BanterError('E_IRC_NOT_CONNECTED', 'The IRC backend is not connected right now.');
    const text = (message ?? status).replace(/[\0\r\n]+/g, ' ');
    this.#connection.client.raw(status === 'online' ? 'AWAY' : `AWAY :${text}`);
  }

  #chantypes(): string {
    const types = this.#connection.client.network.supports('CHANTYPES');
    return Array.isArray(types) && types.length > 0 ? types.join('') : DEFAULT_CHANTYPES;
  }

  async #onRegistered(first: boolean): Promise<void> {
    const client = this.#connection.client;
    // Channels restricted to identified users (+r) need the NickServ login first.
    if (this.#options.nickserv && !this.#options.sasl) await this.#waitForLogin();
    // JOINs go out before any queued message, so what was sent during an outage reaches its channel.
    const joining = this.#channels.joinWanted();
    this.#queue.open((line) => {
      if (!client.connected) return false;
      client.raw(line);
      return true;
    });
    for (const { channel, error } of await joining) this.#log.warn({ channel, err: error }, `IRC: could not join ${channel}`);
    if (!first) await this.notifyConnected().catch((error: unknown) => this.#log.error({ err: error }, 'IRC: onConnect failed'));
  }

  #onDropped(reason: string): void {
    this.#queue.pause();
    this.#channels.disconnected();
    this.#directory.clear();
    this.#account = undefined; // the next connection logs in again, or not
    this.#waiter.abortAll(new BanterError('E_IRC_DISCONNECTED', `The IRC connection dropped (${reason}).`));
    void this.notifyDisconnected(reason).catch((error: unknown) => this.#log.error({ err: error }, 'IRC: onDisconnect failed'));
  }

  async #waitForLogin(): Promise<void> {
    await this.#waiter
      .expect({ what: 'the NickServ login', timeoutMs: NICKSERV_WAIT_MS, done: (m) => (m.command === '900' ? true : undefined) })
      .catch(() => this.#log.warn('IRC: no login confirmation from NickServ; joining channels anyway'));
  }

  #listen(): void {
    const client = this.#connection.client;
    // Our own mask counts against every line's 512 bytes. It shows in the welcome (001, usually its last word),
    // a host change (396) and a login (900), and in the echo of each JOIN; a WHO would cost seconds of penalty.
    this.#waiter.tap((m) => {
      const mask = m.command === '001' ? m.params.at(-1)?.split(' ').at(-1) : m.command === '900' ? m.params[1] : undefined;
      const parsed = mask === undefined ? undefined : /^([^!@\s]+)!([^!@\s]+)@([^!@\s]+)$/.exec(mask);
      if (parsed && client.caseCompare(parsed[1]!, m.params[0] ?? '')) this.#directory.observe(parsed[1]!, parsed[2], parsed[3]);
      if (m.command === '396' && m.params[1]) {
        const self = this.#directory.get(m.params[0] ?? '');
        if (self) this.#directory.observe(self.nick, self.user, m.params[1].split('@').at(-1));
      }
    });
    const deliver = (kind: 'privmsg' | 'action' | 'notice') => (event: IrcMessageEvent) => {
      if (event.from_server || !event.nick) return;
      const message = toMessage(event, kind, {
        directory: this.#directory,
        accountTags: client.network.cap.isEnabled('account-tag'),
        bot: this.botIdentifier,
        isChannel: (name) => isChannelName(name, this.#chantypes()),
        room: (name) => this.queryRoom(name),
        nextId: () => `irc-in-${++this.#received}`,
      });
      this.#deliver(() => this.receive(message));
    };
    client.on('privmsg', deliver('privmsg'));
    client.on('action', deliver('action'));
    // NOTICEs arrive quiet: hooks see them, nothing answers them (RFC 1459 §4.4.2). Server notices (no nick) are not messages.
    client.on('notice', deliver('notice'));
    // A message is sent once its line is written; the server may still refuse it (not in the channel, no such
    // nick). There is no message id to tie the refusal to, so it is logged.
    client.on('irc error', (e: { error: string; channel?: string; nick?: string; reason?: string }) => {
      if (['cannot_send_to_channel', 'no_such_nick', 'cannot_send_to_user'].includes(e.error)) {
        this.#log.warn({ error: e.error, target: e.channel ?? e.nick, reason: e.reason }, 'IRC server refused a message');
      }
    });
    client.on('join', (e: { nick: string; ident: string; hostname: string; channel: string; account?: string | false; gecos?: string }) => {
      const account = e.account === undefined ? undefined : e.account || null; // extended-join: "*" (false) is logged out
      const info = this.#directory.observe(e.nick, e.ident, e.hostname, account, e.gecos);
      const room = this.queryRoom(e.channel);
      if (client.caseCompare(e.nick, client.user.nick)) {
        this.#channels.trackSelf({ command: 'JOIN', channel: e.channel });
        this.#deliver(() => this.receiveRoomJoined({ room }));
      } else this.#deliver(() => this.receiveRoomJoined({ room, who: new IrcRoomOccupant(info, room) }));
    });
    client.on('part', (e: { nick: string; ident: string; hostname: string; channel: string }) => this.#departed(e.channel, e));
    client.on('kick', (e: { kicked: string; nick: string; ident: string; hostname: string; channel: string }) => {
      const by = new IrcPerson(this.#directory.observe(e.nick, e.ident, e.hostname));
      this.#departed(e.channel, { nick: e.kicked }, by, 'KICK');
    });
    client.on('quit', (e: { nick: string }) => this.#directory.forget(e.nick));
    client.on('nick', (e: { nick: string; new_nick: string }) => this.#directory.rename(e.nick, e.new_nick));
    client.on('account', (e: { nick: string; account: string | false }) => this.#directory.setAccount(e.nick, e.account || null));
    client.on('topic', (e: { channel: string; topic: string; nick?: string }) => {
      if (!e.nick) return; // a reply to our TOPIC query, not a change
      const room = this.queryRoom(e.channel);
      const info = this.#directory.get(e.nick) ?? { nick: e.nick };
      this.#deliver(() => this.receiveRoomTopic({ room, who: new IrcRoomOccupant(info, room), topic: e.topic }));
    });
  }

  #departed(channel: string, who: { nick: string; ident?: string; hostname?: string }, by?: IrcPerson, command: 'PART' | 'KICK' = 'PART'): void {
    const room = this.queryRoom(channel);
    if (this.#connection.client.caseCompare(who.nick, this.#connection.client.user.nick)) {
      this.#channels.trackSelf({ command, channel });
      this.#deliver(() => this.receiveRoomLeft({ room, by }));
      return;
    }
    const info = who.ident ? this.#directory.observe(who.nick, who.ident, who.hostname) : (this.#directory.get(who.nick) ?? { nick: who.nick });
    this.#deliver(() => this.receiveRoomLeft({ room, who: new IrcRoomOccupant(info, room), by }));
  }

  /** Hand an event to the core; its failures are logged, never thrown into irc-framework's event loop. */
  #deliver(event: () => Promise<void>): void {
    try {
      event().catch((error: unknown) => this.#log.error({ err: error }, 'IRC: handling an event failed'));
    } catch (error) {
      this.#log.error({ err: error }, 'IRC: handling an event failed');
    }
  }
}
