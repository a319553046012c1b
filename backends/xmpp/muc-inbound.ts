import type { XmlElement } from '@xmpp/client';
import type { Logger, Presence, RoomEvent } from 'banter';
import { bareOf, type Address } from './address.ts';
import { XmppRoomOccupant, type XmppRoom } from './identifiers.ts';
import { realAddress, type MucService } from './muc.ts';
import { NS, mucItem, mucStatusCodes, statusOf } from './stanzas.ts';

/** Where room events go: the backend's protected `receive…` helpers. */
export interface MucEvents {
  presence(presence: Presence): Promise<void>;
  joined(event: RoomEvent): Promise<void>;
  left(event: RoomEvent): Promise<void>;
  topic(event: RoomEvent): Promise<void>;
}

// Self-presence codes after which the bot must not rejoin: banned, kicked, removed by an affiliation change,
// by the room turning members-only.
const REMOVED = ['301', '307', '321', '322'];

/**
 * Turns what rooms send into room state and Banter events: occupants arriving, changing status and leaving
 * (presence, joined and left events once the bot is in the room; the roster sent during its own join is state
 * only), the bot itself being removed, and subject changes.
 */
export class MucInbound {
  readonly #muc: MucService;
  readonly #handle: (name: string) => XmppRoom;
  readonly #events: MucEvents;
  readonly #log: Logger;

  constructor(muc: MucService, handle: (name: string) => XmppRoom, events: MucEvents, log: Logger) {
    this.#muc = muc;
    this.#handle = handle;
    this.#events = events;
    this.#log = log;
  }

  /** A presence from `room/nick`. Errors are answers to joins, which the join itself awaits. */
  presence(stanza: XmlElement, from: Address): void {
    const room = this.#muc.rooms.get(bareOf(from));
    const nick = from.resource;
    if (!room || !nick || stanza.attrs.type === 'error') return;
    const codes = mucStatusCodes(stanza);
    const self = codes.has('110') || nick === room.nick;
    const unavailable = stanza.attrs.type === 'unavailable';
    const handle = this.#handle(room.name);
    if (self) {
      if (!unavailable || codes.has('303')) {
        if (codes.has('303')) room.nick = mucNewNick(stanza) ?? room.nick;
        return;
      }
      const wasJoined = room.joined;
      room.joined = false;
      room.occupants.clear();
      const destroyed = stanza.getChild('x', NS.mucUser)?.getChild('destroy') !== undefined;
      if (destroyed || REMOVED.some((code) => codes.has(code))) room.wanted = false;
      if (wasJoined) this.#deliver(this.#events.left({ room: handle }));
      return;
    }
    const known = room.occupants.get(nick);
    if (unavailable) {
      room.occupants.delete(nick);
      if (!room.joined || !known) return;
      this.#deliver(this.#events.presence({ who: known, status: 'offline', message: stanza.getChildText('status') ?? undefined }));
      if (!codes.has('303')) this.#deliver(this.#events.left({ room: handle, who: known })); // 303: a nickname change, not a departure
      return;
    }
    const occupant = new XmppRoomOccupant(handle, nick, realAddress(mucItem(stanza).jid));
    room.occupants.set(nick, occupant);
    if (!room.joined) return; // the roster sent while the bot joins: these people were already there
    this.#deliver(this.#events.presence({ who: occupant, status: statusOf(stanza), message: stanza.getChildText('status') ?? undefined }));
    if (!known) this.#deliver(this.#events.joined({ room: handle, who: occupant }));
  }

  /** A `<subject/>` from a room: remembered, and delivered as a topic change once the bot is in the room. */
  subject(stanza: XmlElement, from: Address): void {
    const room = this.#muc.rooms.get(bareOf(from));
    if (!room) return;
    const topic = stanza.getChildText('subject') || undefined;
    room.subject = topic;
    // The subject a room sends on join is an announcement, not a change (and comes stamped with a delay).
    if (!room.joined || stanza.getChild('delay', NS.delay)) return;
    const who = from.resource ? this.#muc.occupant(room.name, from.resource) : undefined;
    this.#deliver(this.#events.topic({ room: this.#handle(room.name), who, topic: topic ?? '' }));
  }

  #deliver(work: Promise<void>): void {
    work.catch((error: unknown) => this.#log.error({ err: error }, 'a plugin hook failed on an XMPP room event'));
  }
}

function mucNewNick(stanza: XmlElement): string | undefined {
  return stanza.getChild('x', NS.mucUser)?.getChild('item')?.attrs.nick;
}
