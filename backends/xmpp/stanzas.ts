import { xml, type XmlElement } from '@xmpp/client';
import type { PresenceStatus } from 'banter';

/** Namespaces this backend speaks. */
export const NS = {
  muc: 'http://jabber.org/protocol/muc',
  mucUser: 'http://jabber.org/protocol/muc#user',
  mucOwner: 'http://jabber.org/protocol/muc#owner',
  discoInfo: 'http://jabber.org/protocol/disco#info',
  dataForms: 'jabber:x:data',
  delay: 'urn:xmpp:delay',
  legacyDelay: 'jabber:x:delay',
  chatStates: 'http://jabber.org/protocol/chatstates',
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas',
} as const;

/** A chat (`chat`) or room (`groupchat`) message with a body; `<active/>` tells clients the bot stopped typing. */
export function messageStanza(to: string, type: 'chat' | 'groupchat', body: string, id: string, extra?: XmlElement): XmlElement {
  return xml('message', { to, type, id }, xml('body', {}, body), xml('active', { xmlns: NS.chatStates }), extra);
}

/** XEP-0085 "composing": the typing indicator. */
export function composingStanza(to: string, type: 'chat' | 'groupchat'): XmlElement {
  return xml('message', { to, type }, xml('composing', { xmlns: NS.chatStates }));
}

/**
 * Presence for a status: broadcast when `to` is absent, or sent to a room occupant JID. `join` adds the MUC
 * join element with history suppressed (`maxstanzas=0`), so what was said before the bot came never reaches it.
 */
export function presenceStanza(status: PresenceStatus, message: string | undefined, to?: string, join?: { password?: string }): XmlElement {
  const show = SHOW[status];
  return xml(
    'presence',
    { to },
    show ? xml('show', {}, show) : undefined,
    message ? xml('status', {}, message) : undefined,
    join &&
      xml('x', { xmlns: NS.muc }, xml('history', { maxstanzas: 0 }), join.password !== undefined ? xml('password', {}, join.password) : undefined),
  );
}

// Banter status → XMPP <show/>; "online" is the absence of <show/>.
const SHOW: Readonly<Record<string, string | undefined>> = { online: undefined, away: 'away', dnd: 'dnd', xa: 'xa', chat: 'chat' };

/** The statuses {@link presenceStanza} can show. */
export const SETTABLE_STATUSES: readonly string[] = Object.keys(SHOW);

/** Banter's status for a presence stanza: `offline` for unavailable, the `<show/>` mapped back otherwise. */
export function statusOf(presence: XmlElement): PresenceStatus {
  if (presence.attrs.type === 'unavailable') return 'offline';
  const show = presence.getChildText('show')?.trim();
  if (!show || show === 'chat') return 'online';
  return show === 'xa' ? 'away' : show;
}

/** XEP-0203 (or the legacy XEP-0091) delay stamp: the message is replayed history or stored offline. */
export function delayOf(stanza: XmlElement): string | undefined {
  const delay = stanza.getChild('delay', NS.delay) ?? stanza.getChild('x', NS.legacyDelay);
  return delay ? (delay.attrs.stamp ?? '') : undefined;
}

/** The MUC status codes of a room presence or message (`110` self, `201` created, `307` kicked…). */
export function mucStatusCodes(stanza: XmlElement): Set<string> {
  const x = stanza.getChild('x', NS.mucUser);
  return new Set((x?.getChildren('status') ?? []).map((status) => status.attrs.code ?? ''));
}

/** The `<item/>` of a room presence: the occupant's real JID (when shown), role and affiliation. */
export function mucItem(stanza: XmlElement): { jid?: string; role?: string; affiliation?: string } {
  const item = stanza.getChild('x', NS.mucUser)?.getChild('item');
  return { jid: item?.attrs.jid, role: item?.attrs.role, affiliation: item?.attrs.affiliation };
}

/** The condition and text of a stanza's `<error/>`, e.g. `conflict` or `not-authorized: wrong password`. */
export function errorOf(stanza: XmlElement): string {
  const error = stanza.getChild('error');
  if (!error) return 'unknown error';
  const condition = error.getChildElements().find((child) => child.attrs.xmlns === NS.stanzas && child.name !== 'text');
  const text = error.getChildText('text', NS.stanzas);
  return `${condition?.name ?? 'error'}${text ? `: ${text}` : ''}`;
}

/** The defined condition of a stanza's `<error/>` alone. */
export function errorCondition(stanza: XmlElement): string | undefined {
  return errorOf(stanza).split(':')[0];
}

/**
 * The nicknames mentioned in `body`: each of `nicks` that appears as a word (`alice`, `@alice`, `alice:`),
 * case-insensitively. Longest first, so `al` is not found inside a mention of `alice`.
 */
export function mentionedNicks(body: string, nicks: Iterable<string>): string[] {
  const found: string[] = [];
  let rest = body.toLowerCase();
  for (const nick of [...nicks].sort((a, b) => b.length - a.length)) {
    const pattern = new RegExp(`(^|[\\s@(\\[,;])${escapeRegExp(nick.toLowerCase())}(?=$|[\\s,:;.!?)\\]])`, 'u');
    const match = pattern.exec(rest);
    if (!match) continue;
    found.push(nick);
    rest = rest.slice(0, match.index + match[1]!.length) + ' '.repeat(nick.length) + rest.slice(match.index + match[0].length);
  }
  return found;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
