import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { BanterError } from '../errors/banter-error.ts';
import { EXIT } from './exit-codes.ts';
import { baseValues, existing, pluginValues, refuseOverwrite, renderTemplate, scaffolding, shortPath, writeFiles, type RenderedFile } from './scaffold.ts';

/** Arguments of `banter init`. */
export interface InitArgs {
  /** The project folder; created when missing. */
  readonly dir: string;
  /** Overwrite files that are already there (package.json is always merged, never overwritten). */
  readonly force: boolean;
}

/** The plugin `banter init` puts in plugins/ as an example, with its test. */
const SAMPLE_PLUGIN = 'hello';

/** The test script `npm init` writes, which a bot project's real one may replace. */
const NPM_INIT_TEST = 'echo "Error: no test specified" && exit 1';

interface Manifest {
  type?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * `banter init [dir]`: create a bot project — package.json, tsconfig.json, config.ts on the console backend,
 * a sample plugin in plugins/ and its test — so that `npm install && npm test && npm start` work in it. In a
 * folder that already has a package.json (after `npm init`, or `npm install banter`), the missing scripts and
 * dependencies are added to it and nothing in it is changed.
 */
export function initProject(args: InitArgs): Promise<number> {
  return scaffolding(() => init(args));
}

async function init(args: InitArgs): Promise<number> {
  const target = resolve(args.dir);
  const projectName = npmName(basename(target));
  const values = {
    ...baseValues(),
    projectName,
    botName: projectName.replace(/^@[^/]+\//, '').replace(/[^\w.-]/g, '-'),
    samplePlugin: SAMPLE_PLUGIN,
    ...pluginValues(SAMPLE_PLUGIN),
  };
  const files = [...(await renderTemplate('bot', values)), ...(await renderTemplate('plugin', values))];
  const current = await readManifest(join(target, 'package.json'));
  const write = current ? files.map((file) => (file.path === 'package.json' ? merged(current, file) : file)) : files;
  const retyped = current?.type !== undefined && current.type !== 'module' ? `; "type" changed from "${current.type}" to "module"` : '';
  refuseOverwrite(target, (await existing(target, files)).filter((path) => path !== 'package.json'), args.force);
  await writeFiles(target, write);

  const where = shortPath(target);
  process.stdout.write(
    `Created a Banter bot in ${target}:\n${write.map((file) => `  ${file.path}${file.path === 'package.json' && current ? ` (merged${retyped})` : ''}\n`).join('')}` +
      `Next:\n${where ? `  cd ${where}\n` : ''}  npm install\n  npm test     # type-check and the ${SAMPLE_PLUGIN} plugin's test\n  npm start    # the bot on the console: try !${SAMPLE_PLUGIN}\n`,
  );
  return EXIT.ok;
}

/** A folder name as an npm package name: lower case, `-` for anything npm does not allow. */
function npmName(folder: string): string {
  const name = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '');
  return name || 'banter-bot';
}

async function readManifest(path: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as Manifest;
  } catch (cause) {
    throw new BanterError('E_SCAFFOLD', `${path} is not valid JSON; fix it or run banter init in a new folder.`, { cause });
  }
}

/**
 * The project's package.json with what a bot project needs added; what it already says wins, except `type`,
 * which must be `module` (config.ts and the plugins are ES modules). `npm init` writes `commonjs` there.
 */
function merged(current: Manifest, file: RenderedFile): RenderedFile {
  const template = JSON.parse(file.content) as Manifest;
  const scripts = { ...template.scripts, ...current.scripts };
  if (current.scripts?.['test'] === NPM_INIT_TEST) scripts['test'] = template.scripts!['test']!;
  const manifest: Manifest = {
    ...current,
    type: 'module',
    scripts,
    dependencies: { ...template.dependencies, ...current.dependencies },
    devDependencies: { ...template.devDependencies, ...current.devDependencies },
  };
  return { path: file.path, content: `${JSON.stringify(manifest, null, 2)}\n` };
}
