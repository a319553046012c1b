import { BanterError, type Card, type CardAction } from 'banter';

/** An embed as Discord's API takes it (the subset a card fills). */
export interface EmbedJson {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  fields?: Array<{ name: string; value: string; inline: boolean }>;
  image?: { url: string };
  thumbnail?: { url: string };
}

/** A row of buttons as Discord's API takes it. */
export interface ButtonRowJson {
  type: 1;
  components: Array<{ type: 2; style: 1; label: string; custom_id: string }>;
}

// Discord's limits (characters): a longer value makes the whole message fail with 400 Invalid Form Body.
const LIMITS = { title: 256, description: 4096, fieldName: 256, fieldValue: 1024, fields: 25, label: 80, customId: 100, total: 6000 } as const;
const BUTTONS_PER_ROW = 5;
const ROWS = 5;

/** Colour names a card may use, as Discord colours. */
const NAMED_COLORS: Readonly<Record<string, number>> = {
  good: 0x2eb886,
  green: 0x2eb886,
  warning: 0xdaa038,
  yellow: 0xdaa038,
  orange: 0xe67e22,
  danger: 0xa30200,
  red: 0xa30200,
  blue: 0x3498db,
  purple: 0x9b59b6,
  grey: 0x95a5a6,
  gray: 0x95a5a6,
};

/** Prefix of the custom_id of a card's buttons, so the backend knows a press is for a Banter card. */
export const CARD_ACTION_PREFIX = 'banter:';

/**
 * A card as a Discord embed: title (linked when the card has a link), summary and body as the description,
 * fields as inline fields, image and thumbnail, colour. Values are cut at Discord's limits with "…" rather
 * than having Discord refuse the whole message.
 */
export function cardToEmbed(card: Card): EmbedJson {
  const embed: EmbedJson = {};
  if (card.title) embed.title = cut(card.title, LIMITS.title);
  if (card.link) embed.url = card.link;
  const description = [card.summary, card.body].filter((part): part is string => Boolean(part)).join('\n\n');
  if (description) embed.description = cut(description, LIMITS.description);
  const color = card.color === undefined ? undefined : colorOf(card.color);
  if (color !== undefined) embed.color = color;
  if (card.fields?.length) {
    embed.fields = card.fields.slice(0, LIMITS.fields).map(([name, value]) => ({
      name: cut(name || '\u200b', LIMITS.fieldName),
      value: cut(value || '\u200b', LIMITS.fieldValue),
      inline: true,
    }));
  }
  if (card.image) embed.image = { url: card.image };
  if (card.thumbnail) embed.thumbnail = { url: card.thumbnail };
  if (!embed.title && !embed.description && !embed.fields && !embed.image && !embed.thumbnail) {
    // An empty embed is refused by Discord; a card with only a link or a fallback still says something.
    embed.description = card.fallback ?? card.link ?? '\u200b';
  }
  return embed;
}

/**
 * A card's actions as rows of buttons, five to a row. Each button's custom_id carries the action id and
 * value back when pressed; one that would not fit Discord's 100 characters is refused with a clear error.
 */
export function cardToButtons(actions: readonly CardAction[] | undefined): ButtonRowJson[] {
  if (!actions?.length) return [];
  if (actions.length > BUTTONS_PER_ROW * ROWS) {
    throw new BanterError('E_DISCORD_CARD', `A Discord message holds at most ${BUTTONS_PER_ROW * ROWS} buttons; this card has ${actions.length} actions.`);
  }
  const rows: ButtonRowJson[] = [];
  actions.forEach((action, index) => {
    const customId = encodeCardAction(action);
    if (index % BUTTONS_PER_ROW === 0) rows.push({ type: 1, components: [] });
    rows.at(-1)!.components.push({ type: 2, style: 1, label: cut(action.label, LIMITS.label), custom_id: customId });
  });
  return rows;
}

/** The custom_id of a card action's button. */
export function encodeCardAction(action: CardAction): string {
  const customId = `${CARD_ACTION_PREFIX}${JSON.stringify(action.value === undefined ? [action.id] : [action.id, action.value])}`;
  if (customId.length > LIMITS.customId) {
    throw new BanterError(
      'E_DISCORD_CARD',
      `The card action "${action.id}" is too long for a Discord button (id and value must fit in ${LIMITS.customId - CARD_ACTION_PREFIX.length - 8} characters); keep a short id and value.`,
    );
  }
  return customId;
}

/** A Banter card action from a button's custom_id; undefined when the button is not a Banter card's. */
export function decodeCardAction(customId: string): { readonly id: string; readonly value?: string } | undefined {
  if (!customId.startsWith(CARD_ACTION_PREFIX)) return undefined;
  try {
    const parsed: unknown = JSON.parse(customId.slice(CARD_ACTION_PREFIX.length));
    if (!Array.isArray(parsed) || typeof parsed[0] !== 'string') return undefined;
    return typeof parsed[1] === 'string' ? { id: parsed[0], value: parsed[1] } : { id: parsed[0] };
  } catch {
    return undefined;
  }
}

/** A colour name or `#rrggbb` as Discord's integer colour; undefined for one it does not know. */
export function colorOf(color: string): number | undefined {
  const hex = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  if (hex) return Number.parseInt(hex[1]!, 16);
  return NAMED_COLORS[color.trim().toLowerCase()];
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
