import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { BanterError } from '../errors/banter-error.ts';
import { packageRoot } from '../package-root.ts';
import { VERSION } from '../version.ts';
import { EXIT } from './exit-codes.ts';

/** The template folders under `templates/` that ship with Banter. */
export type TemplateKind = 'bot' | 'plugin' | 'plugin-package' | 'backend-package';

/** Placeholder values: `{{name}}` in a template's text, `__name__` in its file names. */
export type TemplateValues = Readonly<Record<string, string>>;

/** One file a template would write: where, and what. */
export interface RenderedFile {
  /** Path relative to the target folder, with `/` separators. */
  readonly path: string;
  readonly content: string;
}

const PLACEHOLDER = /\{\{([\w:@/.-]+)\}\}/g;
const NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Throw unless `name` is lower-case words joined by `-` (`deploy-tools`), usable as plugin, command and package name. */
export function checkName(name: string, what: string): void {
  if (!NAME.test(name)) {
    throw new BanterError(
      'E_SCAFFOLD',
      `"${name}" cannot name a ${what}: use lower-case letters and digits, words joined by "-", starting with a letter (e.g. "deploy-tools").`,
    );
  }
}

/** `deploy-tools` → `DeployTools`. */
export function pascalCase(name: string): string {
  return name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** `deploy-tools` → `deployTools`. */
export function camelCase(name: string): string {
  const pascal = pascalCase(name);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

/** The values of a plugin template for the plugin `name`. */
export function pluginValues(name: string): Record<string, string> {
  return { name, className: pascalCase(name), camelName: camelCase(name), description: 'Greets whoever asks' };
}

/**
 * The values every template may use: the Banter range a new project or package should depend on, and the
 * versions of the tools Banter itself is tested with (`{{version:typescript}}`), so a generated project
 * installs the same TypeScript, mocha and chai.
 */
export function baseValues(): Record<string, string> {
  const manifest = createRequire(import.meta.url)('banter/package.json') as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const values: Record<string, string> = { banterVersion: VERSION, banterRange: `^${VERSION}` };
  for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) values[`version:${name}`] = range;
  return values;
}

/**
 * Render the template `kind` with `values`: every file of `templates/<kind>/`, with `__key__` in paths and
 * `{{key}}` in contents replaced, `.tmpl` dropped and a leading `_` turned into `.` (npm would leave a
 * `.gitignore` out of Banter's own package). A placeholder without a value is a bug in the template: it throws.
 */
export async function renderTemplate(kind: TemplateKind, values: TemplateValues): Promise<RenderedFile[]> {
  const root = join(packageRoot(), 'templates', kind);
  const files: RenderedFile[] = [];
  for (const source of await listFiles(root)) {
    const path = relative(root, source)
      .split(sep)
      .map((part) => part.replace(/__(\w+)__/g, (_, key: string) => value(values, key, source)).replace(/^_/, '.').replace(/\.tmpl$/, ''))
      .join('/');
    const text = await readFile(source, 'utf8');
    files.push({ path, content: text.replace(PLACEHOLDER, (_, key: string) => value(values, key, source)) });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

function value(values: TemplateValues, key: string, source: string): string {
  const found = values[key];
  if (found === undefined) throw new BanterError('E_SCAFFOLD', `the template ${source} uses {{${key}}}, which has no value`);
  return found;
}

async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await listFiles(path)));
    else found.push(path);
  }
  return found;
}

/** Which of `files` already exist in `target`. */
export async function existing(target: string, files: readonly RenderedFile[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    try {
      await stat(join(target, file.path));
      found.push(file.path);
    } catch {
      // Not there: it will be created.
    }
  }
  return found;
}

/** Write `files` under `target`, creating folders. */
export async function writeFiles(target: string, files: readonly RenderedFile[]): Promise<void> {
  for (const file of files) {
    const path = join(target, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
}

/** Refuse to overwrite files unless `force`, listing them and the way out. */
export function refuseOverwrite(target: string, clashes: readonly string[], force: boolean): void {
  if (clashes.length > 0 && !force) {
    throw new BanterError(
      'E_SCAFFOLD',
      `${target} already has ${clashes.join(', ')}. Nothing was written: choose another folder, move them away, or pass --force to overwrite them.`,
    );
  }
}

/**
 * Run a scaffolding command, reporting its own refusals (a bad name, files in the way) as usage errors: exit
 * status 2 and the message, like a bad command line.
 */
export async function scaffolding(action: () => Promise<number>): Promise<number> {
  try {
    return await action();
  } catch (err) {
    if (!(err instanceof BanterError && err.code === 'E_SCAFFOLD')) throw err;
    process.stderr.write(`banter: ${err.message}\n`);
    return EXIT.usage;
  }
}

/** `path` as a `cd` argument: relative when it is under the current folder ('' for the folder itself), else absolute. */
export function shortPath(path: string): string {
  const short = relative(process.cwd(), path);
  return short.startsWith('..') ? path : short;
}
