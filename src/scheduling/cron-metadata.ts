/** What `@cron` records about one method. */
export interface CronSpec {
  readonly method: string;
  readonly pattern: string;
  /** The `name` option, or the method name. */
  readonly name: string;
  readonly timezone: string | undefined;
}

// Stored on the class itself under a registry-wide symbol, like the command declarations
// (commands/command-registry-metadata.ts), so a plugin package with its own copy of banter is still read.
const CRONS = Symbol.for('banter.crons');

/** Record a cron schedule declared by `@cron` on `constructor`. */
export function declareCron(constructor: object, spec: CronSpec): void {
  if (!Object.prototype.hasOwnProperty.call(constructor, CRONS)) {
    Object.defineProperty(constructor, CRONS, { value: [], enumerable: false });
  }
  (constructor as Record<symbol, CronSpec[]>)[CRONS]!.push(spec);
}

/**
 * Cron schedules declared on a plugin class and its ancestors, parents first. A subclass that redeclares a
 * method replaces the parent's schedules for it.
 */
export function cronsOf(constructor: object): CronSpec[] {
  const chain: object[] = [];
  for (let c: object | null = constructor; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  const byMethod = new Map<string, CronSpec[]>();
  for (const c of chain) {
    if (!Object.prototype.hasOwnProperty.call(c, CRONS)) continue;
    const own = new Map<string, CronSpec[]>();
    for (const spec of (c as Record<symbol, CronSpec[]>)[CRONS]!) own.set(spec.method, [...(own.get(spec.method) ?? []), spec]);
    for (const [method, specs] of own) byMethod.set(method, specs);
  }
  return [...byMethod.values()].flat();
}
