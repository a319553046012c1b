import yargs from 'yargs';
import { builtinBackendNames } from '../resolve-backend.ts';
import { VERSION } from '../version.ts';
import { checkConfig } from './check-config-command.ts';
import { EXIT } from './exit-codes.ts';
import { listPlugins } from './plugins-command.ts';
import { reportError } from './report-error.ts';
import { runBot, type ConfigArgs } from './run-command.ts';
import { exportCommand, importCommand, type StorageArgs } from './storage-command.ts';

/** Run the `banter` command line with `argv` (without node and script); resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const configOptions = {
    config: { type: 'string', default: 'config.ts', describe: 'configuration file' },
    backend: { type: 'string', describe: `backend to use instead of config.ts's (${builtinBackendNames().join(', ')}, or a package)` },
  } as const;
  const guard = <A extends ConfigArgs>(action: (args: A) => Promise<number>) => async (args: A) => {
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
    .demandCommand(1, 'name a command: run, check-config, plugins or storage')
    .strict()
    .version(VERSION)
    .help()
    .alias('help', 'h')
    .fail((message, err, y) => {
      if (err) throw err;
      y.showHelp((text: string) => process.stderr.write(`${text}\n\n${message}\n`));
      code = EXIT.usage;
    })
    .exitProcess(false);
  await parser.parseAsync();
  return code;
}
