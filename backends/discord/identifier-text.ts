/** What a piece of identifier text names, before the cache is asked who or where that is. */
export type IdentifierText =
  | { readonly kind: 'user'; readonly id: string }
  | { readonly kind: 'channel'; readonly id: string }
  | { readonly kind: 'occupant'; readonly channelId: string; readonly userId: string }
  | { readonly kind: 'username'; readonly username: string }
  | { readonly kind: 'channel-name'; readonly guild: string | undefined; readonly channel: string; readonly thread: string | undefined }
  | { readonly kind: 'id'; readonly id: string };

/** The forms `buildIdentifier` accepts, for error messages. */
export const IDENTIFIER_FORMS =
  'a user <@123…> or @username, a channel <#123…>, #channel, "Guild/#channel" or "#channel/thread name", an occupant <#123…>/<@456…>, or a bare id';

const SNOWFLAKE = /^\d{15,21}$/;
const USER = /^<@!?(\d{15,21})>$/;
const CHANNEL = /^<#(\d{15,21})>$/;
const OCCUPANT = /^<#(\d{15,21})>\/<@!?(\d{15,21})>$/;
// Discord usernames: 2–32 of lower-case letters, digits, "_" and "."; older accounts may still have others.
const USERNAME = /^@([^\s@#:`<>]{1,32})$/;
// Channel names have no spaces or slashes; thread names may have both.
const CHANNEL_NAME = /^#([^\s#/<>]{1,100})(?:\/(.+))?$/;

/** Parse identifier text; undefined when it is none of the accepted forms. */
export function parseIdentifierText(input: string): IdentifierText | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  let match = USER.exec(text);
  if (match) return { kind: 'user', id: match[1]! };
  match = CHANNEL.exec(text);
  if (match) return { kind: 'channel', id: match[1]! };
  match = OCCUPANT.exec(text);
  if (match) return { kind: 'occupant', channelId: match[1]!, userId: match[2]! };
  if (SNOWFLAKE.test(text)) return { kind: 'id', id: text };
  match = USERNAME.exec(text);
  if (match) return { kind: 'username', username: match[1]! };
  // "Guild name/#channel[/thread]": the guild's name is everything before the first "/#".
  const split = text.startsWith('#') ? 0 : text.indexOf('/#');
  const guild = split > 0 ? text.slice(0, split).trim() : undefined;
  if (split < 0 || (split > 0 && !guild)) return undefined;
  match = CHANNEL_NAME.exec(split > 0 ? text.slice(split + 1) : text);
  if (!match) return undefined;
  const thread = match[2]?.trim();
  if (match[2] !== undefined && !thread) return undefined;
  return { kind: 'channel-name', guild, channel: match[1]!.toLowerCase(), thread };
}
