import type { CommandSpec } from './command-spec.ts';

/** Everything the decorators recorded on one class (not its parents). */
interface ClassDeclarations {
  readonly commands: CommandSpec[];
  readonly filters: string[];
}

// Stored on the class itself under a registry-wide symbol, so a plugin package that carries its own copy of
// banter still declares commands this copy can read.
const DECLARATIONS = Symbol.for('banter.declarations');

function own(constructor: object): ClassDeclarations {
  if (!Object.prototype.hasOwnProperty.call(constructor, DECLARATIONS)) {
    Object.defineProperty(constructor, DECLARATIONS, { value: { commands: [], filters: [] }, enumerable: false });
  }
  return (constructor as Record<symbol, ClassDeclarations>)[DECLARATIONS]!;
}

function declared(constructor: object): ClassDeclarations | undefined {
  return Object.prototype.hasOwnProperty.call(constructor, DECLARATIONS)
    ? (constructor as Record<symbol, ClassDeclarations>)[DECLARATIONS]
    : undefined;
}

/** Record a command declared by a decorator on `constructor`. */
export function declareCommand(constructor: object, spec: CommandSpec): void {
  own(constructor).commands.push(spec);
}

/** Record a command filter method declared on `constructor`. */
export function declareFilter(constructor: object, method: string): void {
  own(constructor).filters.push(method);
}

function lineage(constructor: object): object[] {
  const chain: object[] = [];
  for (let c: object | null = constructor; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    chain.unshift(c);
  }
  return chain;
}

/** Commands declared on a plugin class and its ancestors, parents first; a subclass may override a method. */
export function commandsOf(constructor: object): CommandSpec[] {
  const byMethod = new Map<string, CommandSpec>();
  for (const c of lineage(constructor)) {
    for (const spec of declared(c)?.commands ?? []) byMethod.set(`${spec.kind}:${spec.method}:${spec.name}`, spec);
  }
  return [...byMethod.values()];
}

/** Command filter methods declared on a plugin class and its ancestors. */
export function filtersOf(constructor: object): string[] {
  const methods = new Set<string>();
  for (const c of lineage(constructor)) for (const m of declared(c)?.filters ?? []) methods.add(m);
  return [...methods];
}
