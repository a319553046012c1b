import type { BackendDefinition } from './backend-definition.ts';
import type { PluginClass } from './plugin.ts';
import type { StorageProvider } from './storage.ts';

// The one place where the core refers to the in-tree backends, plugins and storage. They are loaded on
// demand, by name, and they import only the public entry (src/index.ts), like third-party packages.

/** Backends that ship with Banter, by the name used in config.ts. */
export const BUILTIN_BACKENDS: Readonly<Record<string, () => Promise<BackendDefinition<unknown>>>> = {
  text: async () => (await import('../backends/text/index.ts')).default as BackendDefinition<unknown>,
  irc: async () => (await import('../backends/irc/index.ts')).default as BackendDefinition<unknown>,
  xmpp: async () => (await import('../backends/xmpp/index.ts')).default as BackendDefinition<unknown>,
  slack: async () => (await import('../backends/slack/index.ts')).default as BackendDefinition<unknown>,
  discord: async () => (await import('../backends/discord/index.ts')).default as BackendDefinition<unknown>,
};

/** The built-in plugins (help, status, utils). */
export async function builtinPlugins(): Promise<PluginClass[]> {
  return (await import('../plugins/index.ts')).BUILTIN_PLUGINS;
}

/** Open the store a storage URL names (`sqlite://…`, `memory://`). */
export async function openStorage(url: string, baseDir: string): Promise<StorageProvider> {
  return (await import('../storage/index.ts')).createStorageProvider(url, { baseDir });
}

/** URL schemes the built-in storage understands (`sqlite`, `memory`, …). */
export async function storageSchemes(): Promise<readonly string[]> {
  return (await import('../storage/index.ts')).STORAGE_SCHEMES;
}
