import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBackendDefinition, type BackendDefinition } from './backend-definition.ts';
import { BanterError } from './errors/banter-error.ts';
import { Plugin } from './plugin.ts';
import { VERSION } from './version.ts';
import semver from 'semver';

/** The parts of a package's package.json that loading a backend looks at. */
export interface PackageManifest {
  readonly name: string;
  readonly version?: string;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/**
 * Import the backend package `name` from `url` (its resolved entry) and check it is a backend made for this
 * Banter. Each refusal is a {@link BanterError} whose message says what to install or change:
 * `E_BACKEND_PACKAGE` (it fails to import, or its default export is not a backend definition) or
 * `E_BACKEND_INCOMPATIBLE` (its declared Banter range leaves out the running Banter).
 */
export async function loadBackendPackage(name: string, url: string, banterVersion: string = VERSION): Promise<BackendDefinition<unknown>> {
  let module: Record<string, unknown>;
  try {
    module = (await import(url)) as Record<string, unknown>;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new BanterError(
      'E_BACKEND_PACKAGE',
      `The backend package "${name}" failed to import: ${reason}. Reinstall it (npm install ${name}) or report it to its authors.`,
      { cause },
    );
  }
  const definition = module['default'];
  if (!isBackendDefinition(definition)) throw new BanterError('E_BACKEND_PACKAGE', notABackend(name, module));
  const manifest = await readPackageManifest(url, name);
  checkBanterRange(name, manifest, definition, banterVersion);
  return definition;
}

/** Why the module of package `name` is not a backend, and what to do about it. */
function notABackend(name: string, module: Record<string, unknown>): string {
  const contract = 'A backend package\'s entry must `export default defineBackend({ name, banter, create })` (docs/writing-a-backend.md).';
  const plugins = Object.values(module).filter((value) => Plugin.isPluginClass(value) && value.metadata);
  if (plugins.length > 0) {
    return `The package "${name}" is not a Banter backend: it exports plugins. List it under plugins.packages in config.ts, not as backend. ${contract}`;
  }
  const found = module['default'];
  const what =
    found === undefined
      ? 'it has no default export'
      : typeof found === 'function'
        ? `its default export is a ${/^class\b/.test(Function.prototype.toString.call(found)) ? 'class' : 'function'}, not a backend definition`
        : typeof found === 'object' && found !== null
          ? `its default export lacks ${['name', 'create'].filter((key) => !(key in found)).join(' and ') || 'a string name and a create function'}`
          : `its default export is a ${typeof found}`;
  return `The package "${name}" is not a Banter backend: ${what}. ${contract}`;
}

/**
 * The package.json of package `name`, found by walking up from its resolved entry `url`, or a bare manifest
 * when there is none to read (a package that exports no package.json still resolves its entry).
 */
export async function readPackageManifest(url: string, name: string): Promise<PackageManifest> {
  let dir = dirname(fileURLToPath(url));
  for (let depth = 0; depth < 32; depth++) {
    try {
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageManifest;
      if (manifest.name === name) return manifest;
    } catch {
      // No package.json here, or not valid JSON: keep looking further up.
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return { name };
}

/**
 * Refuse a backend whose declared Banter range (`banter` in its definition, else `peerDependencies.banter`)
 * leaves out `banterVersion`, naming both and the fix on each side.
 */
export function checkBanterRange(
  name: string,
  manifest: PackageManifest,
  definition: Pick<BackendDefinition<unknown>, 'banter'>,
  banterVersion: string,
): void {
  const range = definition.banter ?? manifest.peerDependencies?.['banter'];
  if (range === undefined) return;
  const where = definition.banter !== undefined ? 'banter in its defineBackend()' : 'peerDependencies.banter in its package.json';
  const label = manifest.version ? `"${name}" ${manifest.version}` : `"${name}"`;
  if (semver.validRange(range) === null) {
    throw new BanterError(
      'E_BACKEND_PACKAGE',
      `The backend package ${label} declares ${where} as "${range}", which is not a version range like "^0.1.0". Its authors must fix it.`,
    );
  }
  if (!semver.satisfies(banterVersion, range)) {
    throw new BanterError(
      'E_BACKEND_INCOMPATIBLE',
      `The backend package ${label} supports Banter ${range} (${where}), but this bot runs Banter ${banterVersion}. ` +
        `Install a release of ${name} made for Banter ${banterVersion}, or change Banter to match: npm install "banter@${range}".`,
    );
  }
}
