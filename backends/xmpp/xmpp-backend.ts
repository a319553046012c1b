import { randomUUID } from 'node:crypto';
import { xml, type XmlElement } from '@xmpp/client';
import {
  Backend,
  Backoff,
  BanterError,
  IdentifierError,
  Message,
  createSilentLogger,
  isRoom,
  type Capabilities,
  type Identifier,
  type JoinOptions,
  type Logger,
  type Person,
  type PresenceStatus,
  type ReplyOptions,
  type Room,
  type SentMessage,
} from 'banter';
import { bareOf, fullOf, parseAddress, type Address } from './address.ts';
import type { XmppBackendOptions } from './config.ts';
import { XmppConnection } from './connection.ts';
import { XmppPerson, XmppRoom, XmppRoomOccupant } from './identifiers.ts';
import { Inbound } from './inbound.ts';
import { MucService } from './muc.ts';
import { OutgoingQueue } from './outgoing-queue.ts';
import { notJoined } from './room-state.ts';
import { serviceOf } from './service.ts';
import { StanzaWaiters } from './stanza-waiters.ts';
import { NS, SETTABLE_STATUSES, composingStanza, messageStanza, presenceStanza } from './stanzas.ts';

const CAPABILITIES: Capabilities = { threads: false, reactions: false, cards: false, files: false, edits: false, typing: true };
const IDENTIFIER_FORMS = 'a JID: alice@example.org, alice@example.org/laptop, a room ops@conference.example.org or an occupant ops@conference.example.org/alice';

/** What the backend needs besides its options. */
export interface XmppBackendContext {
  /** The bot's name: the default nickname in rooms and default resource. */
  readonly botName: string;
  readonly log?: Logger;
}

/**
 * XMPP through xmpp.js: direct messages, multi-user chat rooms (XEP-0045), presence, chat states as the typing
 * indicator. It connects over STARTTLS or direct TLS and authenticates only on an encrypted stream (unless
 * `tls.mode` is `none`, allowed for loopback), sends initial presence on every session (without it the server
 * delivers no direct messages), rejoins its rooms after a reconnect, and holds what the bot says during an
 * outage until it is back.
 */
export class XmppBackend extends Backend {
  readonly mode = 'xmpp';
  readonly capabilities: Capabilities = CAPABILITIES;
  readonly maxMessageSize: number;
  readonly #options: XmppBackendOptions;
  readonly #account: Address;
  readonly #nick: string;
  readonly #log: Logger;
  readonly #mucDomain: string;
  readonly #mucDomains = new Set<string>();
  readonly #waiters = new StanzaWaiters();
  readonly #muc: MucService;
  readonly #inbound: Inbound;
  #bot: XmppPerson;
  #queue: OutgoingQueue | undefined;
  #connection: XmppConnection | undefined;
  #presence: { status: PresenceStatus; message?: string } = { status: 'online' };

  constructor(options: XmppBackendOptions, context: XmppBackendContext) {
    super();
    this.#options = options;
    this.#account = parseAddress(options.jid)!;
    this.#nick = options.nickname ?? context.botName;
    this.#log = context.log ?? createSilentLogger();
    this.#bot = new XmppPerson(this.#account, this.#nick);
    this.maxMessageSize = options.maxMessageSize;
    this.#mucDomain = options.mucDomain?.toLowerCase() ?? `conference.${this.#account.domain}`;
    this.#mucDomains.add(this.#mucDomain);
    const handle = (name: string) => this.queryRoom(name);
    this.#muc = new MucService({
      write: (stanza) => this.#write(stanza),
      request: (iq) => this.#request(iq),
      waiters: this.#waiters,
      timeoutMs: options.timeoutMs,
      botAddress: () => parseAddress(this.#bot.jid)!,
      defaultNick: () => this.#nick,
      presence: () => this.#presence,
      handle,
      joined: (event) => this.receiveRoomJoined(event),
      left: (event) => this.receiveRoomLeft(event),
      log: this.#log,
    });
    this.#inbound = new Inbound({
      muc: this.#muc,
      isRoom: (bare) => this.#muc.rooms.has(bare) || this.#mucDomains.has(bare.slice(bare.indexOf('@') + 1)),
      handle,
      bot: () => this.#bot,
      acceptSubscriptions: options.acceptSubscriptions,
      write: (stanza) => this.#write(stanza),
      receive: (message) => this.receive(message),
      presence: (presence) => this.receivePresence(presence),
      joined: (event) => this.receiveRoomJoined(event),
      left: (event) => this.receiveRoomLeft(event),
      topic: (event) => this.receiveRoomTopic(event),
      log: this.#log,
    });
    for (const room of options.rooms) {
      const { name, password, nickname } = typeof room === 'string' ? { name: room } : room;
      const state = this.#muc.state(this.queryRoom(name).name);
      Object.assign(state, { wanted: true, password, nick: nickname ?? state.nick });
    }
  }

  /** The bot: its bare JID (`aclattr`), its bound resource once connected, its room nickname as `nick`. */
  get botIdentifier(): XmppPerson {
    return this.#bot;
  }

  /** Whether the stream is encrypted (false before connecting, or with tls.mode "none" on loopback). */
  get secure(): boolean {
    return this.#connection?.secure ?? false;
  }

  /** Messages the bot has said during an outage, waiting to be sent once it is connected and in its rooms again. */
  get pendingSends(): number {
    return this.#queue?.waiting ?? 0;
  }

  async connect(): Promise<void> {
    if (this.#connection) return;
    const { service, requireEncryption } = serviceOf(this.#options, this.#account.domain);
    this.#queue = new OutgoingQueue((stanza) => this.#write(stanza));
    const connection = new XmppConnection(
      {
        service,
        domain: this.#account.domain,
        username: this.#account.local,
        password: this.#options.password,
        resource: this.#options.resource ?? this.#nick,
        requireEncryption,
        timeoutMs: this.#options.timeoutMs,
        backoff: new Backoff(this.#options.reconnect),
        log: this.#log,
      },
      {
        stanza: (stanza) => this.#onStanza(stanza),
        online: (first) => this.#onOnline(first),
        lost: (reason) => this.#onLost(reason),
        ended: (reason) => void this.notifyEnded(reason).catch((error: unknown) => this.#log.error({ err: error }, 'stopping the bot failed')),
      },
    );
    this.#connection = connection;
    try {
      await connection.start();
    } catch (error) {
      this.#connection = undefined;
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    const connection = this.#connection;
    if (!connection) return;
    this.#connection = undefined;
    const stopped = new BanterError('E_XMPP_STOPPED', 'The XMPP backend disconnected before this could be sent.');
    this.#queue?.close(stopped);
    this.#waiters.failAll(stopped);
    this.#muc.connectionLost(); // still wanted, so a later connect() joins them again
    await connection.stop();
  }

  async send(message: Message): Promise<SentMessage> {
    const id = `banter-${randomUUID()}`;
    await this.#outgoing().send(this.#stanzaFor(message.to, message.body, id));
    return { id, to: message.to };
  }

  #stanzaFor(to: Person | Room, body: string, id: string): XmlElement {
    if (isRoom(to)) {
      const state = this.#muc.rooms.get(this.queryRoom(to.name).name);
      if (!state?.joined && !state?.wanted) throw notJoined(to.name, 'send to');
      return messageStanza(state.name, 'groupchat', body, id);
    }
    // String() of a person is its JID (full when the resource is known), of an occupant room/nick.
    const address = parseAddress(String(to));
    if (!address?.local) throw new IdentifierError(String(to), IDENTIFIER_FORMS);
    // A message to an occupant JID is a private message through the room; the <x/> says so (XEP-0045 §7.5).
    if (this.#isMucDomain(address.domain)) return messageStanza(fullOf(address), 'chat', body, id, xml('x', { xmlns: NS.mucUser }));
    return messageStanza(fullOf(address), 'chat', body, id);
  }

  override async startTyping(to: Person | Room): Promise<void> {
    // Cosmetic and stale by the time a connection is back: never queued.
    if (!this.#connection?.online) return;
    const stanza = isRoom(to) ? composingStanza(this.queryRoom(to.name).name, 'groupchat') : composingStanza(String(to), 'chat');
    await this.#connection.write(stanza).catch(() => undefined);
  }

  buildIdentifier(text: string): Identifier {
    const address = parseAddress(text.trim());
    if (!address?.local) throw new IdentifierError(text, IDENTIFIER_FORMS);
    if (!this.#isMucDomain(address.domain)) return new XmppPerson(address);
    const room = this.queryRoom(bareOf(address));
    return address.resource ? this.#muc.occupant(room.name, address.resource) : room;
  }

  buildReply(message: Message, text: string, options?: ReplyOptions): Message {
    const frm = message.frm;
    let to: Person | Room = frm; // a direct message, or a private one through a room, is answered the same way
    if (isRoom(message.to)) {
      // Privately to an occupant: to the account when the room shows it, else a private message through the room.
      to = options?.private ? (frm instanceof XmppRoomOccupant ? (frm.person ?? frm) : frm) : message.to;
    }
    return new Message({ body: text, frm: this.#bot, to, inReplyTo: message });
  }

  override isFromSelf(message: Message): boolean {
    const frm = message.frm;
    if (frm instanceof XmppRoomOccupant) return this.#muc.isSelf(frm.room.name, frm.nick) || frm.realJid === this.#bot.id;
    return frm.aclattr === this.#bot.aclattr;
  }

  async joinRoom(name: string, options?: JoinOptions): Promise<Room> {
    const room = this.queryRoom(name);
    await room.join(options);
    return room;
  }

  /** A room by bare JID, or by local name on the default MUC service (`ops` → `ops@conference.example.org`). */
  queryRoom(name: string): XmppRoom {
    const text = name.trim();
    const address = parseAddress(text.includes('@') ? text : `${text}@${this.#mucDomain}`);
    if (!address?.local || address.resource) throw new IdentifierError(name, 'a room: ops@conference.example.org, or ops on the default MUC service');
    this.#mucDomains.add(address.domain);
    return new XmppRoom(bareOf(address), this.#muc);
  }

  async rooms(): Promise<Room[]> {
    return [...this.#muc.rooms.values()].filter((room) => room.joined).map((room) => this.queryRoom(room.name));
  }

  async changePresence(status: PresenceStatus, message?: string): Promise<void> {
    if (status === 'offline') this.unsupported('changePresence("offline")', 'the bot would receive nothing; use "away", "xa" or "dnd"');
    if (!SETTABLE_STATUSES.includes(status)) {
      throw new BanterError('E_XMPP_PRESENCE', `Unknown presence "${status}"; use one of ${SETTABLE_STATUSES.join(', ')}.`);
    }
    this.#presence = { status, message };
    if (!this.#connection?.online) return; // sent with the next session's initial presence
    await this.#write(presenceStanza(status, message));
    await this.#muc.broadcastPresence(status, message);
  }

  #isMucDomain(domain: string): boolean {
    return this.#mucDomains.has(domain);
  }

  #outgoing(): OutgoingQueue {
    if (!this.#queue || !this.#connection) throw new BanterError('E_XMPP_OFFLINE', 'The XMPP backend is not connected; call connect() first.');
    return this.#queue;
  }

  #write(stanza: XmlElement): Promise<void> {
    if (!this.#connection) return Promise.reject(new BanterError('E_XMPP_OFFLINE', 'The XMPP backend is not connected.'));
    return this.#connection.write(stanza);
  }

  #request(iq: XmlElement): Promise<XmlElement> {
    if (!this.#connection) return Promise.reject(new BanterError('E_XMPP_OFFLINE', 'The XMPP backend is not connected.'));
    return this.#connection.request(iq);
  }

  #onStanza(stanza: XmlElement): void {
    // Inside xmpp.js's parser callback: a throw here would surface as an uncaught exception.
    try {
      this.#waiters.offer(stanza);
      this.#inbound.stanza(stanza);
    } catch (error) {
      this.#log.error({ err: error, stanza: stanza.toString().slice(0, 500) }, 'could not handle an XMPP stanza');
    }
  }

  /** A session is up: presence first (or the server delivers no direct messages), then rooms, then what waited. */
  async #onOnline(first: boolean): Promise<void> {
    const bound = parseAddress(this.#connection?.boundJid ?? '');
    if (bound) this.#bot = new XmppPerson(bound, this.#nick);
    await this.#write(presenceStanza(this.#presence.status, this.#presence.message));
    await this.#muc.rejoin();
    await this.#queue?.open();
    this.#log.info({ jid: this.#bot.jid, secure: this.secure, rooms: (await this.rooms()).length }, first ? 'XMPP connected' : 'XMPP reconnected');
    if (!first) await this.notifyConnected();
  }

  #onLost(reason: unknown): void {
    this.#queue?.hold();
    this.#muc.connectionLost();
    this.#waiters.failAll(new BanterError('E_XMPP_OFFLINE', 'The XMPP connection dropped.'));
    this.notifyDisconnected(reason).catch((error: unknown) => this.#log.error({ err: error }, 'a plugin hook failed on disconnect'));
  }
}
