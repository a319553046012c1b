import { IdentifierError } from 'banter';
import type { IrcUserInfo } from './identifiers.ts';

/** What a piece of identifier text names, before the backend attaches what it knows about the people. */
export type ParsedIdentifier =
  | { readonly kind: 'person'; readonly info: IrcUserInfo }
  | { readonly kind: 'room'; readonly channel: string }
  | { readonly kind: 'occupant'; readonly channel: string; readonly info: IrcUserInfo };

/** Channel prefixes every network has; the server's CHANTYPES may add more (`+`, `!`). */
export const DEFAULT_CHANTYPES = '#&';

const EXPECTED = 'nick, nick!user@host, #channel or #channel/nick';
// RFC 2812 §2.3.1: a letter or special first, then letters, digits, specials and "-".
const NICK = /^[A-Za-z[\]\\`_^{|}][A-Za-z0-9[\]\\`_^{|}-]*$/;
// Usernames and hosts: anything but the separators, spaces and control characters.
const USER = /^[^\s!@\0-\x1f]+$/;
const HOST = /^[^\s!@\0-\x1f]+$/;
// RFC 2812 §1.3: no space, comma, BEL; we also refuse every other control character.
const CHANNEL_BODY = /^[^\s,\0-\x1f]+$/;

/** Whether `nick` is a nickname as RFC 2812 defines it. */
export function isNick(nick: string): boolean {
  return NICK.test(nick);
}

/** Whether `name` is a channel name with one of `chantypes` as its prefix. */
export function isChannelName(name: string, chantypes = DEFAULT_CHANTYPES): boolean {
  return name.length > 1 && chantypes.includes(name[0]!) && CHANNEL_BODY.test(name.slice(1));
}

/**
 * Parse what `String(identifier)` prints: `nick`, `nick!user@host`, `#chan` or `#chan/nick`. Nicks cannot
 * contain "/", so an occupant splits at the last one (`#a/b/nick` is `nick` in `#a/b`); a channel whose own name
 * ends in "/<something nick-like>" therefore cannot be written alone. Throws {@link IdentifierError} for text
 * that names nothing: it never guesses.
 */
export function parseIdentifier(text: string, chantypes = DEFAULT_CHANTYPES): ParsedIdentifier {
  const value = text.trim();
  if (value !== '' && chantypes.includes(value[0]!)) {
    const slash = value.lastIndexOf('/');
    if (slash > 1) {
      const channel = value.slice(0, slash);
      const nick = value.slice(slash + 1);
      if (isChannelName(channel, chantypes) && isNick(nick)) return { kind: 'occupant', channel, info: { nick } };
    }
    if (isChannelName(value, chantypes)) return { kind: 'room', channel: value };
    throw new IdentifierError(text, EXPECTED);
  }
  const bang = value.indexOf('!');
  if (bang === -1) {
    if (isNick(value)) return { kind: 'person', info: { nick: value } };
    throw new IdentifierError(text, EXPECTED);
  }
  const at = value.indexOf('@', bang);
  const nick = value.slice(0, bang);
  const user = value.slice(bang + 1, at);
  const host = value.slice(at + 1);
  if (at !== -1 && isNick(nick) && USER.test(user) && HOST.test(host)) return { kind: 'person', info: { nick, user, host } };
  throw new IdentifierError(text, EXPECTED);
}
