import type { StorageProvider } from './storage.ts';
import { assertSerializable } from './assert-serializable.ts';
import { BanterError } from './errors/banter-error.ts';

/** The JSON document `banter storage export` writes and `banter storage import` reads. */
export interface StorageExport {
  readonly format: 'banter-storage';
  readonly version: 1;
  /** Where it came from (password hidden). */
  readonly store: string;
  readonly exportedAt: string;
  /** Every key and value, by namespace. */
  readonly namespaces: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * Read whole namespaces out of a store: the ones named, or every namespace the store knows. Values with a
 * time to live are exported without it.
 */
export async function exportStorage(provider: StorageProvider, only: readonly string[] = []): Promise<StorageExport> {
  let names = [...only];
  if (names.length === 0) {
    if (!provider.namespaces) {
      throw new BanterError('E_STORAGE_EXPORT', `${provider.description} cannot list its namespaces; name them with --namespace.`);
    }
    names = await provider.namespaces();
  }
  const namespaces: Record<string, Record<string, unknown>> = {};
  for (const name of names) {
    const store = await provider.open(name);
    const entries: Record<string, unknown> = {};
    for (const key of (await store.keys()).sort()) {
      const value = await store.get(key);
      if (value !== undefined) entries[key] = value;
    }
    namespaces[name] = entries;
  }
  return { format: 'banter-storage', version: 1, store: provider.description, exportedAt: new Date().toISOString(), namespaces };
}

/** What an import did. */
export interface ImportSummary {
  readonly namespaces: number;
  readonly keys: number;
}

/**
 * Write an export into a store: every key of the chosen namespaces (all in the document by default). With
 * `replace`, each namespace is cleared first so it ends up exactly as exported. The whole document is checked
 * before anything is written.
 */
export async function importStorage(
  provider: StorageProvider,
  document: unknown,
  options: { readonly only?: readonly string[]; readonly replace?: boolean } = {},
): Promise<ImportSummary> {
  const data = checkExport(document);
  const names = options.only?.length ? options.only : Object.keys(data.namespaces);
  for (const name of names) {
    if (!(name in data.namespaces)) throw new BanterError('E_STORAGE_IMPORT', `The export has no namespace "${name}".`);
    for (const [key, value] of Object.entries(data.namespaces[name]!)) assertSerializable(`${name}/${key}`, value);
  }
  let keys = 0;
  for (const name of names) {
    const store = await provider.open(name);
    if (options.replace) await store.clear();
    for (const [key, value] of Object.entries(data.namespaces[name]!)) {
      await store.set(key, value);
      keys++;
    }
  }
  return { namespaces: names.length, keys };
}

function checkExport(document: unknown): StorageExport {
  const candidate = document as Partial<StorageExport> | null;
  if (typeof candidate !== 'object' || candidate === null || candidate.format !== 'banter-storage') {
    throw new BanterError('E_STORAGE_IMPORT', 'This is not a Banter storage export (its "format" is not "banter-storage").');
  }
  if (candidate.version !== 1) {
    throw new BanterError('E_STORAGE_IMPORT', `This export has version ${String(candidate.version)}; this Banter reads version 1.`);
  }
  if (typeof candidate.namespaces !== 'object' || candidate.namespaces === null) {
    throw new BanterError('E_STORAGE_IMPORT', 'This export has no "namespaces" object.');
  }
  for (const [name, entries] of Object.entries(candidate.namespaces)) {
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
      throw new BanterError('E_STORAGE_IMPORT', `Namespace "${name}" in this export is not an object of keys and values.`);
    }
  }
  return candidate as StorageExport;
}
