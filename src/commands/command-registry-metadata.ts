import type { CommandSpec } from './command-spec.ts';

/** Everything the decorators recorded on one class (not its parents). */
interface ClassDeclarations {
  readonly commands: CommandSpec[];
  readonly filters: string[];
}

// Keyed by constructor so metadata never leaks between classes and disappears with them.
const declarations = new WeakMap<object, ClassDeclarations>();

function own(constructor: object): ClassDeclarations {
  let entry = declarations.get(constructor);
  if (!entry) {
    entry = { commands: [], filters: [] };
    declarations.set(constructor, entry);
  }
  return entry;
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
    for (const spec of declarations.get(c)?.commands ?? []) byMethod.set(`${spec.kind}:${spec.method}:${spec.name}`, spec);
  }
  return [...byMethod.values()];
}

/** Command filter methods declared on a plugin class and its ancestors. */
export function filtersOf(constructor: object): string[] {
  const methods = new Set<string>();
  for (const c of lineage(constructor)) for (const m of declarations.get(c)?.filters ?? []) methods.add(m);
  return [...methods];
}
