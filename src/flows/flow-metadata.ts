import type { FlowScope } from './flow-definition.ts';

/** What `@flow` records about one method. */
export interface FlowSpec {
  readonly method: string;
  readonly name: string;
  readonly scope: FlowScope;
  readonly timeoutMs: number | undefined;
  readonly description: string;
}

// Stored on the class under a registry-wide symbol, like commands and cron schedules, so a plugin package with
// its own copy of banter is still read.
const FLOWS = Symbol.for('banter.flows');

/** Record a flow declared by `@flow` on `constructor`. */
export function declareFlow(constructor: object, spec: FlowSpec): void {
  if (!Object.prototype.hasOwnProperty.call(constructor, FLOWS)) {
    Object.defineProperty(constructor, FLOWS, { value: [], enumerable: false });
  }
  (constructor as Record<symbol, FlowSpec[]>)[FLOWS]!.push(spec);
}

/** Flows declared on a plugin class and its ancestors; a subclass's flow replaces a parent's of the same name. */
export function flowsOf(constructor: object): FlowSpec[] {
  const byName = new Map<string, FlowSpec>();
  const chain: object[] = [];
  for (let c: object | null = constructor; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  for (const c of chain) {
    if (!Object.prototype.hasOwnProperty.call(c, FLOWS)) continue;
    for (const spec of (c as Record<symbol, FlowSpec[]>)[FLOWS]!) byName.set(spec.name, spec);
  }
  return [...byName.values()];
}
