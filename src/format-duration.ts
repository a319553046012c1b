/**
 * A duration for people: `3 days 4 hours`, `2 minutes 5 seconds`, `0 seconds`; the two largest units.
 *
 * @example
 * ```ts
 * import { formatDuration } from 'banter';
 * formatDuration(90_000); // "1 minute 30 seconds"
 * ```
 */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.floor(ms / 1000));
  const parts: string[] = [];
  for (const [unit, seconds] of UNITS) {
    const amount = Math.floor(rest / seconds);
    rest -= amount * seconds;
    if (amount > 0) parts.push(`${amount} ${unit}${amount === 1 ? '' : 's'}`);
  }
  return parts.slice(0, 2).join(' ') || '0 seconds';
}

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];
