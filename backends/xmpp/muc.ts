import { xml, type XmlElement } from '@xmpp/client';
import { BanterError, isOccupant, type JoinOptions, type Logger, type Person, type PresenceStatus, type RoomEvent, type RoomOccupant } from 'banter';
import { bareJid, parseAddress, type Address } from './address.ts';
import { XmppRoomOccupant, type RoomOperations, type XmppRoom } from './identifiers.ts';
import { joinHint, newRoomState, notJoined, type RoomState } from './room-state.ts';
import type { StanzaWaiters } from './stanza-waiters.ts';
import { NS, errorCondition, errorOf, mucStatusCodes, presenceStanza } from './stanzas.ts';

/** What the MUC service needs from the backend. */
export interface MucContext {
  /** Write a stanza now; throws when offline. */
  write(stanza: XmlElement): Promise<void>;
  /** Send an IQ and resolve with the result. */
  request(iq: XmlElement): Promise<XmlElement>;
  readonly waiters: StanzaWaiters;
  readonly timeoutMs: number;
  /** The bot's account and bound resource, for its own occupant. */
  botAddress(): Address;
  /** The nickname for a room not given one. */
  defaultNick(): string;
  /** The bot's presence, sent with every join. */
  presence(): { readonly status: PresenceStatus; readonly message?: string };
  /** A room handle by bare JID. */
  handle(name: string): XmppRoom;
  /** Deliver a room join or departure (the bot's, or someone's with `who`). */
  joined(event: RoomEvent): Promise<void>;
  left(event: RoomEvent): Promise<void>;
  readonly log: Logger;
}

// The subject ends the join sequence (XEP-0045 §7.2.15); a server that never sends one is waited for this long.
const SUBJECT_WAIT_MS = 2_000;
const NICK_ATTEMPTS = 3;

/**
 * Multi-user chat (XEP-0045): joining with history suppressed and an optional password, leaving, the subject,
 * occupants, mediated invitations, creating and destroying rooms, and rejoining after a reconnect. Room presence
 * and subject stanzas come in through {@link MucInbound}, which keeps the same {@link RoomState}s.
 */
export class MucService implements RoomOperations {
  readonly #ctx: MucContext;
  readonly rooms = new Map<string, RoomState>();

  constructor(context: MucContext) {
    this.#ctx = context;
  }

  /** The state of `name` (a bare room JID), created on first use. */
  state(name: string): RoomState {
    let room = this.rooms.get(name);
    if (!room) {
      room = newRoomState(name, this.#ctx.defaultNick());
      this.rooms.set(name, room);
    }
    return room;
  }

  async join(name: string, options: JoinOptions = {}): Promise<void> {
    const room = this.state(name);
    if (options.nick) room.nick = options.nick;
    if (options.password !== undefined) room.password = options.password;
    if (room.joined) return;
    room.joining ??= this.#join(room).finally(() => {
      room.joining = undefined;
    });
    return room.joining;
  }

  async #join(room: RoomState): Promise<void> {
    const wanted = room.nick;
    for (let attempt = 1; ; attempt++) {
      const me = `${room.name}/${room.nick}`;
      const answer = this.#ctx.waiters.wait(
        (s) => s.is('presence') && s.attrs.type !== 'unavailable' && (s.attrs.from === me || (bareJid(s.attrs.from) === room.name && mucStatusCodes(s).has('110'))),
        this.#ctx.timeoutMs,
        `joining ${room.name} as ${room.nick}`,
      );
      const subject = this.#ctx.waiters.wait((s) => isSubject(s) && bareJid(s.attrs.from) === room.name, SUBJECT_WAIT_MS, 'room subject');
      subject.promise.catch(() => undefined);
      const { status, message } = this.#ctx.presence();
      try {
        await this.#ctx.write(presenceStanza(status, message, me, { password: room.password }));
      } catch (error) {
        answer.cancel();
        subject.cancel();
        throw error;
      }
      const reply = await answer.promise.catch((error: unknown) => {
        subject.cancel();
        throw error;
      });
      if (reply.attrs.type === 'error') {
        subject.cancel();
        const condition = errorCondition(reply);
        if (condition === 'conflict' && attempt < NICK_ATTEMPTS) {
          room.nick = `${wanted}${'_'.repeat(attempt)}`; // someone has the nickname; Errbot's fix, a suffix
          continue;
        }
        throw new BanterError('E_XMPP_JOIN', `Could not join ${room.name} as ${room.nick}: ${errorOf(reply)}${joinHint(condition)}.`);
      }
      // A new room stays locked until its owner configures it; accept the defaults ("instant room").
      if (mucStatusCodes(reply).has('201')) await this.#ctx.request(instantRoom(room.name));
      room.occupants.set(room.nick, new XmppRoomOccupant(this.#ctx.handle(room.name), room.nick, this.#ctx.botAddress()));
      // Joined only after the subject, so the subject sent on join is not reported as a change.
      await subject.promise.catch(() => undefined);
      room.joined = true;
      room.wanted = true;
      await this.#ctx.joined({ room: this.#ctx.handle(room.name) });
      return;
    }
  }

  async leave(name: string, reason?: string): Promise<void> {
    const room = this.rooms.get(name);
    if (!room) return;
    room.wanted = false;
    if (!room.joined) return;
    const me = `${room.name}/${room.nick}`;
    room.leaving = true;
    const gone = this.#ctx.waiters.wait(
      (s) => s.is('presence') && s.attrs.type === 'unavailable' && (s.attrs.from === me || (bareJid(s.attrs.from) === room.name && mucStatusCodes(s).has('110'))),
      this.#ctx.timeoutMs,
      `leaving ${room.name}`,
    );
    try {
      await this.#ctx.write(xml('presence', { to: me, type: 'unavailable' }, reason ? xml('status', {}, reason) : undefined));
      await gone.promise;
    } finally {
      gone.cancel();
      room.leaving = false;
    }
  }

  async create(name: string): Promise<void> {
    if (await this.exists(name)) return;
    await this.join(name);
  }

  async destroy(name: string): Promise<void> {
    const destroy = xml('query', { xmlns: NS.mucOwner }, xml('destroy', {}, xml('reason', {}, 'destroyed by the bot')));
    try {
      await this.#ctx.request(xml('iq', { type: 'set', to: name }, destroy));
    } catch (error) {
      if ((error as { condition?: string }).condition === 'item-not-found') return;
      throw roomError(error, `destroy ${name}`);
    }
    const room = this.rooms.get(name);
    if (room) room.wanted = false;
  }

  async exists(name: string): Promise<boolean> {
    try {
      await this.#ctx.request(xml('iq', { type: 'get', to: name }, xml('query', { xmlns: NS.discoInfo })));
      return true;
    } catch (error) {
      if ((error as { condition?: string }).condition === 'item-not-found') return false;
      throw roomError(error, `look up ${name}`);
    }
  }

  joined(name: string): boolean {
    return this.rooms.get(name)?.joined ?? false;
  }

  async topic(name: string): Promise<string | undefined> {
    const room = this.rooms.get(name);
    if (!room?.joined) throw notJoined(name, 'read the subject of');
    return room.subject;
  }

  async setTopic(name: string, topic: string): Promise<void> {
    const room = this.rooms.get(name);
    if (!room?.joined) throw notJoined(name, 'set the subject of');
    const id = `subject-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const me = `${room.name}/${room.nick}`;
    const answer = this.#ctx.waiters.wait(
      (s) => s.is('message') && ((s.attrs.type === 'error' && s.attrs.id === id) || (isSubject(s) && s.attrs.from === me && s.getChildText('subject') === topic)),
      this.#ctx.timeoutMs,
      `changing the subject of ${room.name}`,
    );
    try {
      await this.#ctx.write(xml('message', { to: room.name, type: 'groupchat', id }, xml('subject', {}, topic)));
      const reply = await answer.promise;
      if (reply.attrs.type === 'error') throw new BanterError('E_XMPP_ROOM', `Could not set the subject of ${room.name}: ${errorOf(reply)}.`);
    } finally {
      answer.cancel();
    }
  }

  async occupants(name: string): Promise<RoomOccupant[]> {
    const room = this.rooms.get(name);
    if (!room?.joined) throw notJoined(name, 'list the occupants of');
    return [...room.occupants.values()];
  }

  async invite(name: string, people: readonly Person[]): Promise<void> {
    const room = this.rooms.get(name);
    if (!room?.joined) throw notJoined(name, 'invite people to');
    for (const person of people) {
      const jid = isOccupant(person) ? (person as XmppRoomOccupant).realJid : bareJid(person.id);
      if (!jid) throw new BanterError('E_XMPP_ROOM', `Cannot invite ${String(person)}: the room hides who that is, so there is no JID to invite.`);
      // Mediated invitation (XEP-0045 §7.8.2): the room forwards it, so the invitee learns the room and the inviter.
      await this.#ctx.write(xml('message', { to: room.name }, xml('x', { xmlns: NS.mucUser }, xml('invite', { to: jid }))));
    }
  }

  /** The bot's presence changed: show it in every room it is in (room presence is not broadcast). */
  async broadcastPresence(status: PresenceStatus, message: string | undefined): Promise<void> {
    for (const room of this.rooms.values()) {
      if (room.joined) await this.#ctx.write(presenceStanza(status, message, `${room.name}/${room.nick}`));
    }
  }

  /** The connection dropped: the server forgot the bot's room presence, so nothing is joined any more. */
  connectionLost(): void {
    for (const room of this.rooms.values()) {
      room.joined = false;
      room.occupants.clear();
    }
  }

  /** A new session: join again every room the bot was in or was configured to be in. */
  async rejoin(): Promise<void> {
    const wanted = [...this.rooms.values()].filter((room) => room.wanted && !room.joined);
    await Promise.all(
      wanted.map((room) =>
        this.join(room.name).catch((error: unknown) => this.#ctx.log.error({ err: error, room: room.name }, 'could not rejoin an XMPP room')),
      ),
    );
  }

  /** An occupant of a joined room by nickname, with the real JID when the room shows it. */
  occupant(name: string, nick: string): XmppRoomOccupant {
    return this.rooms.get(name)?.occupants.get(nick) ?? new XmppRoomOccupant(this.#ctx.handle(name), nick);
  }

  /** Whether `from` (`room/nick`) is the bot itself in that room: its own groupchat echo. */
  isSelf(name: string, nick: string): boolean {
    const room = this.rooms.get(name);
    return room !== undefined && room.nick === nick;
  }
}

/** A subject change or announcement: `<subject/>` and no `<body/>` (with a body it is an ordinary message). */
export function isSubject(stanza: XmlElement): boolean {
  return stanza.is('message') && stanza.attrs.type === 'groupchat' && stanza.getChild('subject') !== undefined && !stanza.getChild('body');
}

function instantRoom(room: string): XmlElement {
  return xml('iq', { type: 'set', to: room }, xml('query', { xmlns: NS.mucOwner }, xml('x', { xmlns: NS.dataForms, type: 'submit' })));
}

function roomError(error: unknown, what: string): BanterError {
  const { condition, message } = error as { condition?: string; message?: string };
  return new BanterError('E_XMPP_ROOM', `Could not ${what}: ${condition ?? message ?? String(error)}.`, { cause: error });
}

/** Parse an occupant's real JID from a room presence `<item jid=…/>`. */
export function realAddress(jid: string | undefined): Address | undefined {
  return jid ? parseAddress(jid) : undefined;
}
