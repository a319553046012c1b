/** Looks names and ids up in what the bot knows (the discord.js cache). */
export interface MentionDirectory {
  /** The username of a user id, if known. */
  username(userId: string): string | undefined;
  /** The name of a channel id, if known. */
  channelName(channelId: string): string | undefined;
  /** The name of a role id, if known. */
  roleName(roleId: string): string | undefined;
  /** The id of the user with this username (case-insensitive), if known. */
  userId(username: string): string | undefined;
  /** The id of the channel with this name, if known. */
  channelId(name: string): string | undefined;
}

const INCOMING = /<@!?(\d{15,21})>|<#(\d{15,21})>|<@&(\d{15,21})>|<a?:(\w{2,32}):\d{15,21}>/g;

/**
 * Discord's wire syntax to what a person reads: `<@123>` → `@alice`, `<#456>` → `#ops`, `<@&789>` → `@oncall`,
 * `<:party:111>` → `:party:`. Plugins see readable text (and a command addressed as `@bot ping` routes like
 * `bot: ping`); ids that are not in the cache stay as they are, so nothing is lost.
 */
export function readableText(content: string, directory: MentionDirectory): string {
  return content.replace(INCOMING, (whole, user?: string, channel?: string, role?: string, emoji?: string) => {
    if (user) {
      const name = directory.username(user);
      return name ? `@${name}` : whole;
    }
    if (channel) {
      const name = directory.channelName(channel);
      return name ? `#${name}` : whole;
    }
    if (role) {
      const name = directory.roleName(role);
      return name ? `@${name}` : whole;
    }
    return `:${emoji}:`;
  });
}

// A mention starts a word: after the start, a blank or an opening bracket/quote, never inside an e-mail address.
const OUTGOING = /(^|[\s([{"'])([@#])([\w.-]{2,100})/g;
const CODE = /(```[\s\S]*?```|`[^`\n]*`)/;
// Discord's own words: never turned into a user, and never pinging anyone (allowed_mentions leaves them out).
const RESERVED = new Set(['everyone', 'here']);

/**
 * What a plugin writes to Discord's wire syntax: `@alice` → `<@123>` and `#ops` → `<#456>` when the directory
 * knows them, so people are notified and channels are links. Code spans and blocks are left alone, as are
 * names nobody has and `@everyone`/`@here`.
 */
export function wireText(text: string, directory: MentionDirectory): string {
  if (!text.includes('@') && !text.includes('#')) return text;
  return text
    .split(CODE)
    .map((part, index) => (index % 2 === 1 ? part : translateOutgoing(part, directory)))
    .join('');
}

function translateOutgoing(text: string, directory: MentionDirectory): string {
  return text.replace(OUTGOING, (whole, before: string, sigil: string, rawName: string) => {
    // A trailing full stop or dash ends the sentence, not the name.
    const name = rawName.replace(/[.-]+$/, '');
    const rest = rawName.slice(name.length);
    if (sigil === '@') {
      if (RESERVED.has(name.toLowerCase())) return whole;
      const id = directory.userId(name);
      return id ? `${before}<@${id}>${rest}` : whole;
    }
    const id = directory.channelId(name.toLowerCase());
    return id ? `${before}<#${id}>${rest}` : whole;
  });
}
