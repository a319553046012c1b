/** Result of ordering plugins by their dependencies. */
export interface DependencyOrder {
  /** Names in an order where every plugin comes after what it depends on. */
  readonly order: string[];
  /** Plugins that cannot be activated, with the reason (missing dependency, cycle). */
  readonly problems: Map<string, string>;
}

/**
 * Order plugins so dependencies come first (depth-first topological sort, stable in input order).
 * A missing dependency or a cycle is reported per plugin instead of thrown, so the other plugins still load.
 */
export function dependencyOrder(dependencies: ReadonlyMap<string, readonly string[]>): DependencyOrder {
  const order: string[] = [];
  const problems = new Map<string, string>();
  const state = new Map<string, 'visiting' | 'done'>();

  const visit = (name: string, path: string[]): boolean => {
    if (state.get(name) === 'done') return !problems.has(name);
    if (state.get(name) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(name)), name].join(' → ');
      for (const member of path.slice(path.indexOf(name))) problems.set(member, `dependency cycle: ${cycle}`);
      return false;
    }
    state.set(name, 'visiting');
    let ok = true;
    for (const dependency of dependencies.get(name) ?? []) {
      if (!dependencies.has(dependency)) {
        problems.set(name, `it depends on "${dependency}", which is not loaded; add it to config.ts or remove the dependency`);
        ok = false;
      } else if (!visit(dependency, [...path, name])) {
        if (!problems.has(name)) problems.set(name, `its dependency "${dependency}" cannot be activated`);
        ok = false;
      }
    }
    state.set(name, 'done');
    if (ok && !problems.has(name)) order.push(name);
    return ok && !problems.has(name);
  };

  for (const name of dependencies.keys()) visit(name, []);
  return { order, problems };
}
