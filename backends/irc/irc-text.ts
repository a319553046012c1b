/**
 * Text in and out of IRC: mIRC formatting codes are removed from what people say (commands must not depend
 * on someone's colours), and the markdown Banter speaks is turned into plain text, or into IRC formatting
 * codes when the bot is configured for them, on the way out.
 */

// \x02 bold, \x03 colour (with up to two numbers), \x04 hex colour, \x0f reset, \x11 monospace, \x16 reverse,
// \x1d italic, \x1e strikethrough, \x1f underline.
const FORMATTING = /\x03(?:\d{1,2}(?:,\d{1,2})?)?|\x04(?:[0-9a-fA-F]{6}(?:,[0-9a-fA-F]{6})?)?|[\x02\x0f\x11\x16\x1d\x1e\x1f]/g;

/** Remove mIRC colour and style codes from incoming text. */
export function stripFormatting(text: string): string {
  return text.replace(FORMATTING, '');
}

/** How markdown becomes IRC text: `plain` drops the markup, `irc` turns it into IRC style codes. */
export type OutputFormat = 'plain' | 'irc';

const STYLE = {
  plain: { bold: ['', ''], italic: ['', ''], code: ['', ''], strike: ['', ''] },
  irc: { bold: ['\x02', '\x02'], italic: ['\x1d', '\x1d'], code: ['\x11', '\x11'], strike: ['\x1e', '\x1e'] },
} as const;

const FENCE = /^\s*(```|~~~)/;
// Placeholders in the private-use area, so protected text (code, escapes) cannot look like markup.
const HOLD = (index: number) => `\uE000${index}\uE001`;
const HELD = /\uE000(\d+)\uE001/g;

/**
 * Render Banter's markdown as IRC text, line by line: fences dropped (code inside kept verbatim), headings,
 * bold, italic, strikethrough and code spans unwrapped (or styled), links written `text (url)`, backslash
 * escapes resolved. Conservative on purpose: `2*3*4` and `snake_case_name` stay as they are.
 */
export function renderMarkdown(markdown: string, format: OutputFormat = 'plain'): string {
  const style = STYLE[format];
  const out: string[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    out.push(inFence ? line : renderLine(line, style));
  }
  return out.join('\n');
}

type Style = (typeof STYLE)[OutputFormat];

function renderLine(line: string, style: Style): string {
  const held: string[] = [];
  const hold = (text: string) => HOLD(held.push(text) - 1);
  // Code spans first: inside them a backslash is just a backslash.
  let text = line
    .replace(/`([^`]+)`/g, (_m, code: string) => hold(`${style.code[0]}${code}${style.code[1]}`))
    .replace(/\\([\\`*_{}[\]()#+\-.!~>|])/g, (_m, c: string) => hold(c));
  text = text
    .replace(/^(\s*)#{1,6}\s+(.*?)\s*#*\s*$/, (_m, indent: string, title: string) => `${indent}${style.bold[0]}${title}${style.bold[1]}`)
    .replace(/^(\s*)[*+]\s+/, '$1- ')
    .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_m, alt: string, url: string) => (alt ? `${alt} (${url})` : url))
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, url: string) => (label === url ? url : `${label} (${url})`))
    .replace(/(\*\*|__)(?=\S)(.*?\S)\1/g, (_m, _d, inner: string) => `${style.bold[0]}${inner}${style.bold[1]}`)
    .replace(/~~(?=\S)(.*?\S)~~/g, (_m, inner: string) => `${style.strike[0]}${inner}${style.strike[1]}`)
    .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, (_m, before: string, inner: string) => `${before}${style.italic[0]}${inner}${style.italic[1]}`)
    .replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?![\w_])/g, (_m, before: string, inner: string) => `${before}${style.italic[0]}${inner}${style.italic[1]}`);
  return text.replace(HELD, (_m, index: string) => held[Number(index)]!);
}
