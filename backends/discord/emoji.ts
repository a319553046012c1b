/**
 * The reaction names plugins use most (Slack's and GitHub's shortcodes), as the Unicode emoji Discord's API
 * wants. Plugins may also pass an emoji itself, or the name of a guild's custom emoji.
 */
const SHORTCODES: Readonly<Record<string, string>> = {
  thumbsup: '👍',
  '+1': '👍',
  thumbsdown: '👎',
  '-1': '👎',
  ok: '🆗',
  ok_hand: '👌',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  negative_squared_cross_mark: '❎',
  eyes: '👀',
  heart: '❤️',
  tada: '🎉',
  rocket: '🚀',
  fire: '🔥',
  warning: '⚠️',
  hourglass: '⌛',
  hourglass_flowing_sand: '⏳',
  question: '❓',
  exclamation: '❗',
  bug: '🐛',
  wave: '👋',
  pray: '🙏',
  clap: '👏',
  smile: '😄',
  sob: '😭',
  thinking: '🤔',
  zap: '⚡',
  lock: '🔒',
  unlock: '🔓',
  rotating_light: '🚨',
  construction: '🚧',
  stop_sign: '🛑',
  recycle: '♻️',
  no_entry: '⛔',
  '100': '💯',
};

const NAMES: ReadonlyMap<string, string> = new Map(
  Object.entries(SHORTCODES)
    // The first name of each emoji in the table is the one reported for incoming reactions.
    .reverse()
    .map(([name, emoji]) => [emoji, name]),
);

/** A custom guild emoji as a reaction needs it: `name:id` (animated ones too). */
export interface CustomEmoji {
  readonly id: string;
  readonly name: string;
}

/**
 * The emoji Discord's reaction endpoints take for a Banter reaction name: a known shortcode's Unicode emoji,
 * `name:id` of a custom emoji the lookup knows, an emoji given as itself, or `name:id` given as such.
 * Undefined when the name is none of these.
 */
export function emojiFor(name: string, custom: (name: string) => CustomEmoji | undefined): string | undefined {
  const bare = name.trim().replace(/^:(.+):$/, '$1');
  const known = SHORTCODES[bare.toLowerCase()];
  if (known) return known;
  const customEmoji = custom(bare);
  if (customEmoji) return `${customEmoji.name}:${customEmoji.id}`;
  if (/^[\w~-]{2,32}:\d{15,21}$/.test(bare)) return bare;
  // Anything that is not a plain word is taken as the emoji itself (👍, ❤️, 🇫🇷).
  if (!/^[\w-]+$/.test(bare)) return bare;
  return undefined;
}

/** The Banter name of a reaction Discord reports: its shortcode when it has one, else the emoji or custom name. */
export function reactionName(emoji: { readonly id?: string | null; readonly name?: string | null }): string {
  if (emoji.id) return emoji.name ?? emoji.id;
  const unicode = emoji.name ?? '';
  return NAMES.get(unicode) ?? unicode;
}
