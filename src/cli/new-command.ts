import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BanterError } from '../errors/banter-error.ts';
import { EXIT } from './exit-codes.ts';
import { baseValues, camelCase, checkName, existing, pascalCase, pluginValues, refuseOverwrite, renderTemplate, scaffolding, shortPath, writeFiles, type RenderedFile } from './scaffold.ts';

/** Arguments of `banter new plugin|backend <name>`. */
export interface NewArgs {
  readonly kind: 'plugin' | 'backend';
  /** The plugin's or backend's name: `deploy-tools`, `mychat`. */
  readonly name: string;
  /** A plugin as its own npm package instead of a folder in the bot project (backends always are packages). */
  readonly package: boolean;
  /** The bot project (for a plugin in a project), or the folder to create the package folder in. */
  readonly dir: string;
  /** The npm name of the package; `banter-plugin-<name>` / `banter-backend-<name>` unless given (scopes allowed). */
  readonly packageName?: string;
  readonly force: boolean;
}

const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;

/**
 * `banter new plugin <name>` adds a plugin and its test to the bot project in `dir`; with `--package` it
 * creates the plugin as an npm package of its own. `banter new backend <name>` creates a backend package: a
 * skeleton backend, its identifiers and options, and a test running Banter's conformance suites, which fails
 * until the skeleton is written.
 */
export function newCommand(args: NewArgs): Promise<number> {
  return scaffolding(() => create(args));
}

async function create(args: NewArgs): Promise<number> {
  checkName(args.name, args.kind);
  if (args.kind === 'plugin' && !args.package) return newPluginInProject(args);
  const prefix = args.kind === 'plugin' ? 'banter-plugin-' : 'banter-backend-';
  const packageName = args.packageName ?? `${prefix}${args.name}`;
  if (!PACKAGE_NAME.test(packageName) || packageName.length > 214) {
    throw new BanterError('E_SCAFFOLD', `"${packageName}" is not an npm package name; use lower case, e.g. "${prefix}${args.name}" or "@acme/${prefix}${args.name}".`);
  }
  const target = join(resolve(args.dir), packageName.replace(/^@[^/]+\//, ''));
  const values =
    args.kind === 'plugin'
      ? { ...baseValues(), ...pluginValues(args.name), packageName }
      : {
          ...baseValues(),
          name: args.name,
          className: pascalCase(args.name),
          camelName: camelCase(args.name),
          envName: args.name.toUpperCase().replace(/-/g, '_'),
          packageName,
          description: `A Banter backend for ${args.name}`,
        };
  const files = await renderTemplate(args.kind === 'plugin' ? 'plugin-package' : 'backend-package', values);
  refuseOverwrite(target, await existing(target, files), args.force);
  await writeFiles(target, files);
  const where = shortPath(target) || '.';
  const after =
    args.kind === 'backend'
      ? '  npm test     # fails until the skeleton is written: each missing member names itself (see README.md)\n'
      : '  npm test\n';
  process.stdout.write(`Created ${packageName} in ${target}:\n${list(files)}Next:\n  cd ${where}\n  npm install\n${after}  npm pack     # the package as npm publish would publish it\n`);
  return EXIT.ok;
}

async function newPluginInProject(args: NewArgs): Promise<number> {
  const project = resolve(args.dir);
  const config = join(project, 'config.ts');
  try {
    await access(config);
  } catch {
    throw new BanterError(
      'E_SCAFFOLD',
      `${project} is not a bot project (it has no config.ts). Run this in a bot project (banter init makes one), pass --dir <project>, ` +
        'or add --package to make the plugin an npm package of its own.',
    );
  }
  const files = await renderTemplate('plugin', { ...baseValues(), ...pluginValues(args.name) });
  refuseOverwrite(project, await existing(project, files), args.force);
  await writeFiles(project, files);
  // config.ts is TypeScript the user owns; a look at its text is enough to know whether to point at plugins.dirs.
  const listed = /['"]\.\/plugins\/?['"]/.test(await readFile(config, 'utf8'));
  const hint = listed ? '' : 'config.ts does not list ./plugins in plugins.dirs: add it, or the bot will not load the plugin.\n';
  process.stdout.write(`Created the ${args.name} plugin in ${project}:\n${list(files)}${hint}Try it: npm test, then !${args.name} after npm start.\n`);
  return EXIT.ok;
}

function list(files: readonly RenderedFile[]): string {
  return files.map((file) => `  ${file.path}\n`).join('');
}
