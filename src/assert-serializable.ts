import { UnserializableValueError } from './errors/storage-error.ts';

/**
 * Throw UnserializableValueError unless `value` survives a JSON round trip unchanged in meaning: plain objects,
 * arrays, strings, finite numbers, booleans and null (`undefined` object properties are allowed and dropped).
 * Checked before every write, so a bad value never reaches the store half-way.
 */
export function assertSerializable(key: string, value: unknown): void {
  const seen = new Set<object>();
  const visit = (item: unknown, path: string): void => {
    switch (typeof item) {
      case 'string':
      case 'boolean':
        return;
      case 'number':
        if (!Number.isFinite(item)) throw new UnserializableValueError(key, path, `${item}, which JSON cannot hold`);
        return;
      case 'undefined':
        if (path === 'value') throw new UnserializableValueError(key, path, 'undefined; use delete() to remove a key');
        return;
      case 'object': {
        if (item === null) return;
        if (seen.has(item)) throw new UnserializableValueError(key, path, 'a reference back to itself (a cycle)');
        const prototype = Object.getPrototypeOf(item);
        if (!Array.isArray(item) && prototype !== Object.prototype && prototype !== null) {
          throw new UnserializableValueError(key, path, `a ${item.constructor?.name ?? 'class instance'}, not plain data`);
        }
        seen.add(item);
        if (Array.isArray(item)) item.forEach((element, i) => visit(element === undefined ? null : element, `${path}[${i}]`));
        else for (const [name, child] of Object.entries(item)) visit(child, `${path}.${name}`);
        seen.delete(item);
        return;
      }
      default:
        throw new UnserializableValueError(key, path, `a ${typeof item}`);
    }
  };
  visit(value, 'value');
}
