/** A button on a card. Backends without interactive cards show its label in the text fallback. */
export interface CardAction {
  /** Stable id delivered back to the plugin when the button is pressed. */
  readonly id: string;
  readonly label: string;
  /** Value delivered with the action. */
  readonly value?: string;
}

/**
 * A rich message. Backends with the `cards` capability render it natively (Block Kit, embeds); every other
 * backend receives {@link renderCardAsText}'s markdown, or `fallback` when the plugin wrote its own.
 */
export interface Card {
  readonly title?: string;
  readonly summary?: string;
  readonly body?: string;
  readonly link?: string;
  readonly image?: string;
  readonly thumbnail?: string;
  /** A colour name or `#rrggbb`; ignored by text renderings. */
  readonly color?: string;
  readonly fields?: ReadonlyArray<readonly [string, string]>;
  readonly actions?: readonly CardAction[];
  /** Text to show instead of the generated rendering where cards are not supported. */
  readonly fallback?: string;
}

/** Brand checked by {@link isCard}: a command result that is an object with one of these keys is a card. */
const CARD_KEYS = ['title', 'summary', 'body', 'fields', 'link', 'image', 'actions', 'fallback'] as const;

/** True when a command result is a {@link Card} rather than text. */
export function isCard(value: unknown): value is Card {
  if (typeof value !== 'object' || value === null) return false;
  for (const key of CARD_KEYS) if (key in value) return true;
  return false;
}

/**
 * The markdown a backend without native cards receives for a card.
 *
 * @example
 * ```ts
 * import { renderCardAsText } from 'banter';
 * renderCardAsText({ title: 'Deploy', fields: [['env', 'prod']] }); // "**Deploy**\nenv: prod"
 * ```
 */
export function renderCardAsText(card: Card): string {
  if (card.fallback !== undefined) return card.fallback;
  const lines: string[] = [];
  if (card.title) lines.push(card.link ? `**${card.title}** (${card.link})` : `**${card.title}**`);
  else if (card.link) lines.push(card.link);
  if (card.summary) lines.push(card.summary);
  if (card.body) lines.push(card.body);
  for (const [key, value] of card.fields ?? []) lines.push(`${key}: ${value}`);
  if (card.image) lines.push(card.image);
  if (card.actions?.length) lines.push(card.actions.map((a) => `[${a.label}]`).join(' '));
  return lines.join('\n');
}
