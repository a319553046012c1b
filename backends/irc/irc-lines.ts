/**
 * Turning text into protocol lines that are safe and fit. An IRC line is at most 512 bytes including CRLF, and
 * the limit applies to the line the server relays — `:nick!user@host PRIVMSG #chan :text` — so the sender's
 * full prefix counts, in UTF-8 bytes. Text is cut between grapheme clusters (never inside a character), at a
 * space where there is one, and each line of the text becomes its own message: CR, LF and NUL can never reach
 * the socket inside a message, so a reply can never smuggle in a second command.
 */

/** The whole line, CRLF included (RFC 1459 §2.3). */
export const IRC_LINE_BYTES = 512;
/** Longest username (with a leading `~`) and host assumed while the server has not shown the bot's own mask. */
const WORST_CASE_USER = 11;
const WORST_CASE_HOST = 63;

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).length;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// NUL and CR end or corrupt a line; \x01 would turn the text into a CTCP request (DCC and friends).
const UNSAFE = /[\0\r\x01]/g;

/** The bot's own mask as far as it is known, for the relayed prefix. */
export interface SenderMask {
  readonly nick: string;
  readonly user?: string;
  readonly host?: string;
}

/**
 * How many bytes of text fit in one `command target :text` line relayed with `sender`'s prefix. Unknown parts
 * of the mask count at their longest, so a line never comes out too long.
 */
export function textBudget(sender: SenderMask, command: string, target: string): number {
  const user = sender.user ? bytes(sender.user) : WORST_CASE_USER;
  const host = sender.host ? bytes(sender.host) : WORST_CASE_HOST;
  // ":" nick "!" user "@" host " " command " " target " :" text CRLF
  const prefix = 1 + bytes(sender.nick) + 1 + user + 1 + host + 1 + bytes(command) + 1 + bytes(target) + 2;
  return IRC_LINE_BYTES - 2 - prefix;
}

/**
 * Split `text` into message texts of at most `maxBytes` UTF-8 bytes each: one or more per line of the text,
 * blank lines dropped (IRC has no empty messages), NUL, CR and \x01 removed.
 */
export function splitIrcText(text: string, maxBytes: number): string[] {
  if (maxBytes < 8) throw new RangeError(`splitIrcText: ${maxBytes} bytes is too little room for text`);
  const out: string[] = [];
  for (const rawLine of text.replace(UNSAFE, '').split('\n')) {
    if (rawLine.trim() === '') continue;
    splitLine(rawLine, maxBytes, out);
  }
  return out;
}

function splitLine(line: string, maxBytes: number, out: string[]): void {
  if (bytes(line) <= maxBytes) {
    out.push(line);
    return;
  }
  let chunk = '';
  let chunkBytes = 0;
  for (const { segment } of graphemes.segment(line)) {
    const size = bytes(segment);
    while (chunkBytes + size > maxBytes && chunk !== '') {
      const [head, tail] = cutAtSpace(chunk);
      out.push(head);
      chunk = tail;
      chunkBytes = bytes(tail);
    }
    if (size > maxBytes) {
      // A single cluster longer than a line (a pile of combining marks): cut it between code points.
      for (const point of segment) {
        const pointSize = bytes(point);
        if (chunkBytes + pointSize > maxBytes) {
          out.push(chunk);
          chunk = '';
          chunkBytes = 0;
        }
        chunk += point;
        chunkBytes += pointSize;
      }
      continue;
    }
    chunk += segment;
    chunkBytes += size;
  }
  if (chunk.trim() !== '') out.push(chunk);
}

/** Cut before the last space of `chunk` (dropping that space) when it leaves a reasonable first part. */
function cutAtSpace(chunk: string): [string, string] {
  const space = chunk.lastIndexOf(' ');
  if (space < chunk.length / 2) return [chunk, ''];
  return [chunk.slice(0, space), chunk.slice(space + 1)];
}
