import { renderCardAsText, splitMessage, type Card } from 'banter';

/** A Block Kit block, as posted (plain JSON). */
export type Block = Record<string, unknown>;

/** A card as chat.postMessage takes it: `text` (the notification and screen-reader fallback) and blocks. */
export interface RenderedCard {
  readonly text: string;
  /** Top-level blocks, when the card has no colour. */
  readonly blocks?: Block[];
  /** One attachment holding the blocks, when the card has a colour (only attachments show a colour bar). */
  readonly attachments?: Array<{ readonly color: string; readonly blocks: Block[]; readonly fallback: string }>;
}

// Slack's Block Kit limits (docs.slack.dev/reference/block-kit).
const MAX_BLOCKS = 50;
const HEADER_TEXT = 150;
const SECTION_TEXT = 3000;
const FIELDS_PER_SECTION = 10;
const FIELD_TEXT = 2000;
const BUTTONS_PER_BLOCK = 25;
const BUTTON_TEXT = 75;
const ACTION_ID = 255;
const BUTTON_VALUE = 2000;
const ALT_TEXT = 2000;

const COLORS: Readonly<Record<string, string>> = {
  good: '#2eb67d',
  green: '#2eb67d',
  warning: '#ecb22e',
  yellow: '#ecb22e',
  orange: '#e8912d',
  danger: '#e01e5a',
  red: '#e01e5a',
  blue: '#36c5f0',
  grey: '#868686',
  gray: '#868686',
};

/**
 * Render a {@link Card} as Block Kit: the title as a header (a linked bold line when the card has a link),
 * summary and body as mrkdwn sections (split at 3000 characters), the thumbnail beside the first of them, fields
 * as two-column section fields (10 per section), the image as an image block, and actions as buttons whose
 * `action_id` is the action's id (so a press comes back as that id). Everything is cut to Slack's limits, and
 * `text` carries the card's text rendering for notifications and clients without blocks. `mrkdwn` converts
 * Banter markdown to Slack's (mentions, escaping).
 */
export function renderCard(card: Card, mrkdwn: (markdown: string) => string): RenderedCard {
  const blocks: Block[] = [];
  if (card.title && card.link) blocks.push(section(`*<${escapeUrl(card.link)}|${mrkdwn(card.title).replaceAll('|', '¦')}>*`));
  else if (card.title) blocks.push({ type: 'header', text: plain(card.title, HEADER_TEXT) });
  else if (card.link) blocks.push(section(`<${escapeUrl(card.link)}>`));
  const firstText = blocks.length;
  for (const part of [card.summary, card.body]) {
    if (!part) continue;
    for (const piece of splitMessage(mrkdwn(part), SECTION_TEXT)) if (piece.trim() !== '') blocks.push(section(piece));
  }
  if (card.thumbnail) {
    const target = blocks.slice(firstText).find((b) => b.type === 'section');
    const image = { type: 'image', image_url: card.thumbnail, alt_text: cut(card.title ?? 'thumbnail', ALT_TEXT) };
    if (target) target.accessory = image;
    else blocks.push({ type: 'context', elements: [image] });
  }
  const fields = (card.fields ?? []).map(([key, value]) => ({ type: 'mrkdwn', text: cut(`*${mrkdwn(key)}*\n${mrkdwn(value)}`, FIELD_TEXT) }));
  for (let i = 0; i < fields.length; i += FIELDS_PER_SECTION) blocks.push({ type: 'section', fields: fields.slice(i, i + FIELDS_PER_SECTION) });
  if (card.image) blocks.push({ type: 'image', image_url: card.image, alt_text: cut(card.title ?? 'image', ALT_TEXT) });
  const buttons = (card.actions ?? []).map((action) => {
    const button: Block = { type: 'button', action_id: cut(action.id, ACTION_ID), text: plain(action.label, BUTTON_TEXT) };
    if (action.value !== undefined) button.value = cut(action.value, BUTTON_VALUE);
    return button;
  });
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_BLOCK) blocks.push({ type: 'actions', elements: buttons.slice(i, i + BUTTONS_PER_BLOCK) });
  if (blocks.length > MAX_BLOCKS) {
    const dropped = blocks.length - (MAX_BLOCKS - 1);
    blocks.splice(MAX_BLOCKS - 1, blocks.length, { type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${dropped} more block(s); see the text version` }] });
  }
  const text = mrkdwn(renderCardAsText(card)) || ' ';
  const color = card.color === undefined ? undefined : colorOf(card.color);
  if (color) return { text, attachments: [{ color, blocks, fallback: text }] };
  return blocks.length > 0 ? { text, blocks } : { text };
}

/** A Slack attachment colour for a colour name or `#rrggbb`, or undefined for one it does not know. */
export function colorOf(color: string): string | undefined {
  if (/^#[0-9a-f]{6}$/i.test(color)) return color;
  return COLORS[color.toLowerCase()];
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, SECTION_TEXT) } };
}

function plain(text: string, max: number): Block {
  return { type: 'plain_text', text: cut(text, max) || ' ', emoji: true };
}

/** `text` cut to `max` characters, ending in "…" when it was longer (never splitting a surrogate pair). */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

function escapeUrl(url: string): string {
  return url.replaceAll('&', '&amp;').replaceAll('<', '%3C').replaceAll('>', '%3E').replaceAll('|', '%7C');
}
