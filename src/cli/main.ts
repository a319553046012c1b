import yargs from 'yargs';
import { builtinBackendNames } from '../resolve-backend.ts';
import { VERSION } from '../version.ts';
import { checkConfig } from './check-config-command.ts';
import { EXIT } from './exit-codes.ts';
import { initProject, type InitArgs } from './init-command.ts';
import { newCommand, type NewArgs } from './new-command.ts';
import { listPlugins } from './plugins-command.ts';
import { reportError } from './report-error.ts';
import { runBot } from './run-command.ts';
import { exportCommand, importCommand, type StorageArgs } from './storage-command.ts';

/** Run the `banter` command line with `argv` (without node and script); resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const configOptions = {
    config: { type: 'string', default: 'config.ts', describe: 'configuration file' },
    backend: { type: 'string', describe: `backend to use instead of config.ts's (${builtinBackendNames().join(', ')}, or a package)` },
  } as const;
  // yargs still calls a command's handler after .fail() has reported a usage error (an unknown option, a bad
  // choice); the command must not run then, and the usage exit code must stand.
  let usageError = false;
  const guard = <A,>(action: (args: A) => Promise<number>) => async (args: A) => {
    if (usageError) return;
    try {
      code = await action(args);
    } catch (err) {
      code = reportError(err);
    }
  };
  const parser = yargs(argv)
    .scriptName('banter')
    .usage('$0 <command> [options]')
    .command('run', 'start the bot (the console unless config.ts says otherwise)', configOptions, guard(runBot))
    .command('check-config', 'validate config.ts without connecting', configOptions, guard(checkConfig))
    .command('plugins', 'list the plugins config.ts loads and their commands', configOptions, guard(listPlugins))
    .command('storage', 'back up, move or inspect the bot\'s stored data', (y) =>
      y
        .command(
          'export',
          'write every namespace (or those named) as JSON',
          { ...configOptions, namespace: { type: 'string', array: true, describe: 'only these namespaces' }, out: { type: 'string', describe: 'file to write instead of standard output' } },
          guard<StorageArgs>(exportCommand),
        )
        .command(
          'import [file]',
          'write an export back into the store (file, or - for standard input)',
          { ...configOptions, namespace: { type: 'string', array: true, describe: 'only these namespaces' }, replace: { type: 'boolean', default: false, describe: 'clear each namespace first' } },
          guard<StorageArgs>(importCommand),
        )
        .demandCommand(1, 'name a storage command: export or import'),
    )
    .command(
      'init [dir]',
      'create a bot project: package.json, config.ts, a sample plugin and its test',
      (y) =>
        y
          .positional('dir', { type: 'string', default: '.', describe: 'the project folder (created if missing)' })
          .option('force', { type: 'boolean', default: false, describe: 'overwrite files that are already there' }),
      (args) => guard<InitArgs>(initProject)({ dir: args.dir, force: args.force }),
    )
    .command(
      'new <kind> <name>',
      'create a plugin (in this bot project, or --package) or a backend package',
      (y) =>
        y
          .positional('kind', { choices: ['plugin', 'backend'] as const, demandOption: true, describe: 'what to create' })
          .positional('name', { type: 'string', demandOption: true, describe: 'its name, e.g. deploy-tools' })
          .option('package', { type: 'boolean', default: false, describe: 'a plugin as an npm package of its own' })
          .option('dir', { type: 'string', default: '.', describe: 'the bot project, or where to create the package folder' })
          .option('package-name', { type: 'string', describe: 'the npm name (default banter-plugin-<name> / banter-backend-<name>)' })
          .option('force', { type: 'boolean', default: false, describe: 'overwrite files that are already there' }),
      // A bad kind or a missing name reaches here too (see usageError); the types must still hold.
      (args) =>
        (args.kind === 'plugin' || args.kind === 'backend') && typeof args.name === 'string'
          ? guard<NewArgs>(newCommand)({ kind: args.kind, name: args.name, package: args.package, dir: args.dir, packageName: args.packageName, force: args.force })
          : undefined,
    )
    .demandCommand(1, 'name a command: run, init, new, check-config, plugins or storage')
    .strict()
    .version(VERSION)
    .help()
    .alias('help', 'h')
    .fail((message, err, y) => {
      if (err) throw err;
      y.showHelp((text: string) => process.stderr.write(`${text}\n\n${message}\n`));
      code = EXIT.usage;
      usageError = true;
    })
    .exitProcess(false);
  await parser.parseAsync();
  return code;
}
