/**
 * Slack's message text ("mrkdwn") both ways. Incoming: mention tokens become readable names (`<@U123>` →
 * `@alice`, `<#C1|ops>` → `#ops`), links their text, entities characters, so plugins read what people see.
 * Outgoing: Banter's markdown becomes mrkdwn (`**b**` → `*b*`, `[t](u)` → `<u|t>`), `&`, `<` and `>` are escaped
 * so no text can forge a token, and `@alice` / `#ops` of known members and channels become real mentions.
 * Special mentions (`<!channel>`, `<!here>`) are never produced from text, so a reply that echoes input cannot
 * ping a whole channel.
 */

/** The names the translation needs, looked up synchronously (the backend's directory). */
export interface MentionNames {
  userName(id: string): string | undefined;
  userId(name: string): string | undefined;
  channelName(id: string): string | undefined;
  channelId(name: string): string | undefined;
}

/** Incoming text made readable, and the ids of the people it mentions (in order, without repeats). */
export interface ReadableText {
  readonly text: string;
  readonly mentions: readonly string[];
}

const TOKEN = /<([^<>]*)>/g;

/** Mention tokens in `text` (user ids), to look up before {@link fromSlackText} runs. */
export function mentionedUserIds(text: string): string[] {
  const ids = new Set<string>();
  for (const match of text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)) ids.add(match[1]!);
  return [...ids];
}

/** Slack text as a person reads it; see the module comment. */
export function fromSlackText(text: string, names: MentionNames): ReadableText {
  const mentions = new Set<string>();
  const readable = text.replace(TOKEN, (_whole, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? undefined : inner.slice(bar + 1);
    if (target.startsWith('@')) {
      const id = target.slice(1);
      mentions.add(id);
      return `@${names.userName(id) ?? (label?.replace(/^@/, '') || id)}`;
    }
    if (target.startsWith('#')) {
      const id = target.slice(1);
      return `#${label || names.channelName(id) || id}`;
    }
    if (target.startsWith('!')) {
      const special = target.slice(1);
      if (special === 'here' || special === 'channel' || special === 'everyone') return `@${special}`;
      if (label) return label;
      return `@${special.split('^')[0]}`;
    }
    // A link: what the person typed is the label when there is one (Slack links "example.org" as <http://example.org|example.org>).
    return label ?? target;
  });
  return { text: decodeEntities(readable), mentions: [...mentions] };
}

/** The three characters Slack escapes in message text, unescaped. */
export function decodeEntities(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** `&`, `<` and `>` escaped, as Slack requires in message text. */
export function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

// Private-use characters mark spans already translated, so later steps leave them alone.
const HOLD_OPEN = '\uE000';
const HOLD_CLOSE = '\uE001';
const HELD = /\uE000(\d+)\uE001/g;
const STILL_HELD = /\uE000\d+\uE001/;

/** Banter markdown as Slack mrkdwn; see the module comment. */
export function toSlackText(markdown: string, names: MentionNames): string {
  const out: string[] = [];
  // Code (fenced blocks and inline spans) is only escaped: no mentions, no formatting inside.
  const code = /```[\s\S]*?```|`[^`\n]+`/g;
  let at = 0;
  for (const match of markdown.matchAll(code)) {
    out.push(prose(markdown.slice(at, match.index), names), escapeText(match[0]));
    at = match.index + match[0].length;
  }
  out.push(prose(markdown.slice(at), names));
  return out.join('');
}

function prose(text: string, names: MentionNames): string {
  if (text === '') return text;
  const held: string[] = [];
  const hold = (value: string) => `${HOLD_OPEN}${held.push(value) - 1}${HOLD_CLOSE}`;
  let result = text
    // Mention tokens a plugin wrote itself (String() of a person not yet resolved) are kept; special ones are not.
    .replace(/<@[UW][A-Z0-9]+(?:\|[^<>|]*)?>|<#[CG][A-Z0-9]+(?:\|[^<>|]*)?>/g, (token) => hold(token))
    .replace(/!?\[([^\]\n]*)\]\(([^)\s]+)\)/g, (_whole, label: string, url: string) =>
      hold(label ? `<${escapeText(url)}|${escapeText(label).replaceAll('|', '¦')}>` : `<${escapeText(url)}>`),
    );
  result = escapeText(result)
    .replace(/(^|[^\w@.&])@([a-z0-9][a-z0-9._-]*)/gi, (whole, before: string, name: string) => {
      const id = names.userId(trimDots(name).toLowerCase());
      return id ? `${before}${hold(`<@${id}>`)}${name.slice(trimDots(name).length)}` : whole;
    })
    .replace(/(^|[\s(,;:])#([a-z0-9][a-z0-9_-]*)/gi, (whole, before: string, name: string) => {
      const id = names.channelId(name.toLowerCase());
      return id ? `${before}${hold(`<#${id}>`)}` : whole;
    })
    .replace(/^#{1,6}[ \t]+(.+?)[ \t]*#*$/gm, (_whole, title: string) => hold(`*${title}*`))
    .replace(/\*\*(?=\S)([^*\n]*?\S)\*\*|__(?=\S)([^_\n]*?\S)__/g, (_whole, a?: string, b?: string) => hold(`*${a ?? b}*`))
    .replace(/(^|[^*\w])\*(?=\S)([^*\n]*?\S)\*(?![*\w])/g, (_whole, before: string, inner: string) => `${before}_${inner}_`)
    .replace(/~~(?=\S)([^~\n]*?\S)~~/g, (_whole, inner: string) => `~${inner}~`);
  // Held spans may hold others (a bold heading around a mention): restore until none is left.
  for (let i = 0; i < 4 && STILL_HELD.test(result); i++) result = result.replace(HELD, (_whole, index: string) => held[Number(index)]!);
  return result;
}

function trimDots(name: string): string {
  return name.replace(/[._-]+$/, '');
}
