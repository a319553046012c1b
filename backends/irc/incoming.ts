import { Message } from 'banter';
import { IrcPerson, IrcRoomOccupant, type IrcRoom } from './identifiers.ts';
import { stripFormatting } from './irc-text.ts';
import type { AccountObservation, UserDirectory } from './user-directory.ts';

/** A PRIVMSG, CTCP ACTION or NOTICE as irc-framework reports it (docs/events.md). */
export interface IrcMessageEvent {
  readonly nick: string;
  readonly ident: string;
  readonly hostname: string;
  readonly target: string;
  readonly message: string;
  readonly from_server?: boolean;
  readonly tags?: Readonly<Record<string, string>>;
  /** The account-tag's value, when the capability is on and the sender is logged in. */
  readonly account?: string;
  readonly batch?: { readonly type?: string };
}

/** What turning an event into a Message needs to know. */
export interface IncomingContext {
  readonly directory: UserDirectory;
  /** Whether account-tag is on, so a message without the tag means "not logged in". */
  readonly accountTags: boolean;
  /** The bot as it is now. */
  readonly bot: IrcPerson;
  isChannel(name: string): boolean;
  room(name: string): IrcRoom;
  /** An id for a message the server gave none (no IRCv3 msgid). */
  nextId(): string;
}

/** Batches of replayed history: what they contain has already been answered, if at all. */
const HISTORY_BATCHES = new Set(['chathistory', 'znc.in/playback', 'draft/chathistory']);

/**
 * A Banter message for a channel or private message. The sender's identity comes from the network: the
 * account-tag when there is one, else what the directory learned (extended-join, account-notify, WHOX), else
 * the full mask. Formatting codes are stripped; `extras.emote` marks a CTCP ACTION (`/me waves` arrives with
 * body `waves`), a NOTICE is `quiet`, and `extras.irc` carries the command, raw target and tags. The bot's nick
 * as a word is a mention.
 */
export function toMessage(event: IrcMessageEvent, kind: 'privmsg' | 'action' | 'notice', context: IncomingContext): Message {
  const account: AccountObservation = event.account ?? (context.accountTags ? null : undefined);
  const info = context.directory.observe(event.nick, event.ident, event.hostname, account);
  const room = context.isChannel(event.target) ? context.room(event.target) : undefined;
  const frm = room ? new IrcRoomOccupant(info, room) : new IrcPerson(info);
  const body = stripFormatting(event.message);
  return new Message({
    body,
    frm,
    to: room ?? context.bot,
    id: event.tags?.['msgid'] ?? context.nextId(),
    delayed: event.batch?.type !== undefined && HISTORY_BATCHES.has(event.batch.type),
    // RFC 1459 §4.4.2: a NOTICE must never be answered automatically (two bots would answer each other for ever).
    quiet: kind === 'notice',
    mentions: mentionsNick(body, context.bot.nick) ? [context.bot] : [],
    extras: { emote: kind === 'action', irc: { command: kind === 'notice' ? 'NOTICE' : 'PRIVMSG', type: kind, target: event.target, tags: event.tags ?? {} } },
  });
}

// Characters a nick may contain besides letters and digits (RFC 2812); a mention is the nick not touching them.
const NICK_CHARS = String.raw`\w[\]\\\`^{|}-`;

/** Whether `text` contains `nick` as a word, case-insensitively ("banter: deploy", "thanks banter!"). */
export function mentionsNick(text: string, nick: string): boolean {
  const escaped = nick.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  return new RegExp(`(^|[^${NICK_CHARS}])${escaped}($|[^${NICK_CHARS}])`, 'i').test(text);
}
