/**
 * The notations the Slack backend reads as identifiers, without looking anything up: people as `@name`,
 * `<@U123>`, `<@U123|name>` or a bare user id; conversations as `#name`, `<#C123>`, `<#C123|name>` or a bare
 * channel id; occupants as `<room>/<person>` in any of those forms (`#ops/@alice`).
 */

/** A person as written: by id (secure) or by handle (resolved through the member list). */
export type PersonRef = { readonly id: string; readonly name?: string } | { readonly id?: undefined; readonly name: string };

/** A conversation as written: by id, or by name. */
export type RoomRef = { readonly id: string; readonly name?: string } | { readonly id?: undefined; readonly name: string };

/** What a piece of text names. */
export type ParsedIdentifier =
  | { readonly kind: 'person'; readonly person: PersonRef }
  | { readonly kind: 'room'; readonly room: RoomRef }
  | { readonly kind: 'occupant'; readonly room: RoomRef; readonly person: PersonRef };

/** User ids: `U…`, or `W…` for Enterprise Grid. */
export const USER_ID = /^[UW][A-Z0-9]{2,}$/;
/** Bot ids, which is what a message from another bot without a user carries. */
export const BOT_ID = /^B[A-Z0-9]{2,}$/;
/** Channel ids: public `C…`, private (and old group DMs) `G…`. */
export const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
/** Direct-message conversation ids. */
export const IM_ID = /^D[A-Z0-9]{2,}$/;

// Handles and channel names: anything but space and the characters Slack's own notation uses.
const NAME = '[^\\s/<>@#,|]+';
const PERSON_FORMS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => PersonRef]> = [
  [/^<@([UW][A-Z0-9]{2,})(?:\|([^>]*))?>$/, (m) => ({ id: m[1]!, name: m[2] || undefined })],
  [/^([UW][A-Z0-9]{2,})$/, (m) => ({ id: m[1]! })],
  // A bot that posts without a user (an integration) is known only by its bot id.
  [/^(B[A-Z0-9]{2,})$/, (m) => ({ id: m[1]! })],
  [new RegExp(`^@(${NAME})$`), (m) => ({ name: m[1]! })],
];
const ROOM_FORMS: ReadonlyArray<[RegExp, (m: RegExpExecArray) => RoomRef]> = [
  [/^<#([CG][A-Z0-9]{2,})(?:\|([^>]*))?>$/, (m) => ({ id: m[1]!, name: m[2] || undefined })],
  [/^([CG][A-Z0-9]{2,})$/, (m) => ({ id: m[1]! })],
  [new RegExp(`^#(${NAME})$`), (m) => ({ name: m[1]!.toLowerCase() })],
];

/** A person reference, or undefined when `text` is not one. */
export function parsePerson(text: string): PersonRef | undefined {
  for (const [form, build] of PERSON_FORMS) {
    const match = form.exec(text);
    if (match) return build(match);
  }
  return undefined;
}

/** A conversation reference, or undefined when `text` is not one. */
export function parseRoom(text: string): RoomRef | undefined {
  for (const [form, build] of ROOM_FORMS) {
    const match = form.exec(text);
    if (match) return build(match);
  }
  return undefined;
}

/** What `text` names, or undefined when it is none of the notations. */
export function parseIdentifier(text: string): ParsedIdentifier | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  if (slash > 0) {
    const room = parseRoom(trimmed.slice(0, slash));
    const person = parsePerson(trimmed.slice(slash + 1));
    return room && person ? { kind: 'occupant', room, person } : undefined;
  }
  const person = parsePerson(trimmed);
  if (person) return { kind: 'person', person };
  const room = parseRoom(trimmed);
  return room ? { kind: 'room', room } : undefined;
}

/** How a person prints: `@handle` when the handle is known, else `<@U123>`; a bot without a user as its `B…` id. */
export function formatPerson(id: string, name: string | undefined): string {
  if (BOT_ID.test(id)) return id;
  return name ? `@${name}` : `<@${id}>`;
}

/** How a conversation prints: `#name` when known, else `<#C123>`. */
export function formatRoom(id: string | undefined, name: string | undefined): string {
  if (name) return `#${name}`;
  return `<#${id}>`;
}

/** The notations, for error messages. */
export const IDENTIFIER_FORMS = '@name, <@U123>, U123, #channel, <#C123|channel>, C123, or #channel/@name for a person in a channel';
