import { BanterError } from 'banter';
import type { XmppRoomOccupant } from './identifiers.ts';

/** What the backend knows about one room: whether it is in it, wants to be, as whom, and who else is. */
export interface RoomState {
  /** Bare room JID. */
  readonly name: string;
  /** The bot's nickname in the room (a suffix is added when the configured one is taken). */
  nick: string;
  password: string | undefined;
  /** Rejoin after a reconnect; false once the bot left, was kicked or banned, or the room was destroyed. */
  wanted: boolean;
  /** In the room now (self-presence received in this session). */
  joined: boolean;
  /** Last subject the room sent; undefined when it has none. */
  subject: string | undefined;
  /** Occupants by nickname, the bot included. */
  readonly occupants: Map<string, XmppRoomOccupant>;
  /** The join in flight, shared by concurrent callers. */
  joining: Promise<void> | undefined;
  /** The bot asked to leave; its unavailable self-presence is not a kick. */
  leaving: boolean;
}

/** A fresh state for a room the bot has not joined. */
export function newRoomState(name: string, nick: string): RoomState {
  return { name, nick, password: undefined, wanted: false, joined: false, subject: undefined, occupants: new Map(), joining: undefined, leaving: false };
}

/** The error for an operation that needs the bot in the room. */
export function notJoined(room: string, what: string): BanterError {
  return new BanterError('E_XMPP_NOT_JOINED', `Cannot ${what} ${room}: the bot is not in that room; join it first.`);
}

/** A hint for a join refused with `condition`, to follow the server's own words. */
export function joinHint(condition: string | undefined): string {
  switch (condition) {
    case 'not-authorized':
      return ' (the room needs a password: set it in backends.xmpp.rooms or pass it to join())';
    case 'registration-required':
      return " (members-only room: ask an owner to make the bot's JID a member)";
    case 'forbidden':
      return ' (the bot is banned from this room)';
    case 'service-unavailable':
      return ' (the room is full)';
    case 'item-not-found':
    case 'not-allowed':
      return ' (the room does not exist and the server does not let the bot create it)';
    default:
      return '';
  }
}
