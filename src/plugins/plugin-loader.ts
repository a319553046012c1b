import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolvePackage } from '../resolve-package.ts';
import { VERSION } from '../version.ts';
import { Plugin, type PluginClass } from '../plugin.ts';

/** A plugin class found by a loader, or the reason nothing usable was found at a place. */
export type LoadedPlugin =
  | { readonly ok: true; readonly pluginClass: PluginClass; readonly source: string }
  | { readonly ok: false; readonly source: string; readonly name: string; readonly reason: string; readonly cause?: unknown };

const ENTRY_FILES = ['index.ts', 'index.js', 'index.mjs'];

/** Every plugin class exported by a module (default and named exports). */
export function pluginClassesOf(module: Record<string, unknown>): PluginClass[] {
  const found = new Set<PluginClass>();
  for (const value of Object.values(module)) {
    if (Plugin.isPluginClass(value) && value.metadata) found.add(value);
    if (Array.isArray(value)) for (const item of value) if (Plugin.isPluginClass(item) && item.metadata) found.add(item);
  }
  return [...found];
}

/**
 * Load plugins from a folder: each sub-folder with an `index.ts` (or `.js`) is one plugin module, and so is
 * each `.ts`/`.js` file directly inside. A module that fails to import is reported, not thrown, so one broken
 * plugin does not stop the bot.
 */
export async function loadPluginsFromDirectory(directory: string): Promise<LoadedPlugin[]> {
  const root = resolve(directory);
  let names: string[];
  try {
    names = (await readdir(root)).sort();
  } catch (cause) {
    return [{ ok: false, source: root, name: root, reason: `cannot read the plugin folder ${root}; check plugins.dirs in config.ts`, cause }];
  }
  const results: LoadedPlugin[] = [];
  for (const name of names) {
    if (name.startsWith('.') || name.endsWith('.test.ts') || name.endsWith('.d.ts') || name === 'node_modules') continue;
    const path = join(root, name);
    const info = await stat(path);
    let entry: string | undefined;
    if (info.isDirectory()) {
      for (const file of ENTRY_FILES) if (await exists(join(path, file))) entry = join(path, file);
      if (!entry) continue;
    } else if (/\.(ts|js|mjs)$/.test(name)) {
      entry = path;
    } else {
      continue;
    }
    results.push(...(await importPlugins(pathToFileURL(entry).href, entry, name.replace(/\.(ts|js|mjs)$/, ''))));
  }
  return results;
}

/**
 * Load the plugins an npm package exports, resolved from `fromDirectory` (the bot project). A package whose
 * `peerDependencies.banter` leaves out the running Banter is reported, not imported.
 */
export async function loadPluginsFromPackage(packageName: string, fromDirectory: string, banterVersion: string = VERSION): Promise<LoadedPlugin[]> {
  const found = await resolvePackage(packageName, fromDirectory);
  if ('url' in found) {
    // Loaded here, not at start-up: most bots load no plugin package.
    const [{ default: semver }, { readPackageManifest }] = await Promise.all([import('semver'), import('../backend-package.ts')]);
    const manifest = await readPackageManifest(found.url, packageName);
    const range = manifest.peerDependencies?.['banter'];
    if (range !== undefined && semver.validRange(range) !== null && !semver.satisfies(banterVersion, range)) {
      const label = manifest.version ? `${packageName} ${manifest.version}` : packageName;
      const reason =
        `the package ${label} supports Banter ${range} (peerDependencies.banter), but this bot runs Banter ${banterVersion}; ` +
        `install a release of ${packageName} made for Banter ${banterVersion}`;
      return [{ ok: false, source: packageName, name: packageName, reason }];
    }
    return importPlugins(found.url, packageName, packageName);
  }
  const reason =
    'missing' in found
      ? `the package "${packageName}" is not installed; run \`npm install ${packageName}\` in ${resolve(fromDirectory)}`
      : `the package "${packageName}" cannot be imported: ${found.error}`;
  return [{ ok: false, source: packageName, name: packageName, reason }];
}

let reloads = 0;

/**
 * Import a plugin module again from its file, past Node's module cache (a fresh URL query), and return the class
 * named `name` — or the only plugin class, for a plugin whose first import failed and so has no known name. Only
 * the module itself is fresh: files it imports stay cached until the process restarts.
 */
export async function importPluginAgain(entry: string, name: string, knownName: boolean): Promise<LoadedPlugin> {
  const [found] = (await importPlugins(`${pathToFileURL(entry).href}?reload=${++reloads}`, entry, name)).filter(
    (p) => !p.ok || !knownName || p.pluginClass.metadata?.name === name,
  );
  return found ?? { ok: false, source: entry, name, reason: `${entry} no longer exports a plugin named "${name}"` };
}

async function importPlugins(url: string, source: string, name: string): Promise<LoadedPlugin[]> {
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0]! : String(cause);
    return [{ ok: false, source, name, reason: `importing ${source} failed: ${reason}`, cause }];
  }
  const classes = pluginClassesOf(module);
  if (classes.length === 0) {
    return [{ ok: false, source, name, reason: `${source} exports no plugin class (a class extending Plugin with static metadata)` }];
  }
  return classes.map((pluginClass) => ({ ok: true as const, pluginClass, source }));
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
