/**
 * Split `text` into chunks of at most `limit` characters for backends with a message size limit. It cuts at
 * paragraph, line or word boundaries, never inside a word unless a single word is longer than the limit, and
 * never inside a fenced code block: a block too long for one chunk is closed at the cut and reopened (with
 * its language) in the next chunk. Surrogate pairs are never separated.
 */
export function splitMessage(text: string, limit: number): string[] {
  if (limit < 16) throw new RangeError(`splitMessage: limit ${limit} is too small to split into readable chunks`);
  if (text.length <= limit) return [text];
  const chunks: string[] = [];
  for (const block of blocksOf(text)) {
    if (block.fence) splitFenced(block.text, block.fence, limit, chunks);
    else splitProse(block.text, limit, chunks);
  }
  return mergeSmall(chunks, limit);
}

interface Block {
  readonly text: string;
  /** The opening fence line (e.g. "```ts") for a code block. */
  readonly fence?: string;
}

/** Alternating prose and fenced code blocks, in order. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let prose: string[] = [];
  let code: string[] | undefined;
  let fence = '';
  for (const line of lines) {
    if (code) {
      code.push(line);
      if (line.trimStart().startsWith('```')) {
        blocks.push({ text: code.join('\n'), fence });
        code = undefined;
      }
    } else if (line.trimStart().startsWith('```')) {
      if (prose.length) blocks.push({ text: prose.join('\n') });
      prose = [];
      fence = line.trim();
      code = [line];
    } else {
      prose.push(line);
    }
  }
  if (code) prose.push(...code); // an unclosed fence is just text
  if (prose.length) blocks.push({ text: prose.join('\n') });
  return blocks;
}

function splitFenced(block: string, fence: string, limit: number, out: string[]): void {
  if (block.length <= limit) {
    out.push(block);
    return;
  }
  const lines = block.split('\n').slice(1, -1);
  const overhead = fence.length + 5; // opening fence, newline, newline, closing ```
  let current: string[] = [];
  let size = overhead;
  const flush = () => {
    if (current.length) out.push(`${fence}\n${current.join('\n')}\n\`\`\``);
    current = [];
    size = overhead;
  };
  for (const line of lines) {
    if (line.length + overhead > limit) {
      flush();
      for (const piece of hardSplit(line, limit - overhead)) out.push(`${fence}\n${piece}\n\`\`\``);
      continue;
    }
    if (size + line.length + 1 > limit) flush();
    current.push(line);
    size += line.length + 1;
  }
  flush();
}

function splitProse(text: string, limit: number, out: string[]): void {
  let rest = text;
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim().length) out.push(rest);
}

/** Where to cut: the last paragraph break, else line break, else space within the limit. */
function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(separator);
    if (at > 0) return at;
  }
  return safeIndex(text, limit);
}

function hardSplit(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = safeIndex(rest, limit);
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** `limit`, moved back one if it would separate a surrogate pair. */
function safeIndex(text: string, limit: number): number {
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** Join neighbouring chunks that fit together, so splitting does not multiply tiny messages. */
function mergeSmall(chunks: string[], limit: number): string[] {
  const merged: string[] = [];
  for (const chunk of chunks) {
    const last = merged.length - 1;
    if (last >= 0 && merged[last]!.length + 1 + chunk.length <= limit) merged[last] = `${merged[last]}\n${chunk}`;
    else merged.push(chunk);
  }
  return merged;
}
