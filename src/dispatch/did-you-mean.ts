import { distance } from 'fastest-levenshtein';

/**
 * Known names close to `typed`, best first: within an edit distance of a third of the name's length (at
 * least 2 for names of four letters or more, 1 below), compared with the whole name and with its first word.
 * Runs only for unknown commands, never on the hot path.
 */
export function didYouMean(typed: string, known: Iterable<string>, max = 3): string[] {
  const word = typed.toLowerCase();
  if (word.length > 64) return [];
  // A swapped pair of letters costs 2 edits, so short names still get a suggestion for one.
  const threshold = word.length >= 4 ? Math.max(2, Math.floor(word.length / 3)) : 1;
  const scored: Array<[string, number]> = [];
  for (const name of known) {
    const head = name.split(' ')[0]!;
    const score = Math.min(distance(word, name), distance(word, head));
    if (score <= threshold) scored.push([name, score]);
  }
  scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  return scored.slice(0, max).map(([name]) => name);
}
