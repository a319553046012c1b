import { BanterError } from './banter-error.ts';

/**
 * Two plugins (or one plugin twice) claim the same command name. Banter refuses to start rather than rename one
 * of them behind the user's back.
 */
export class CommandConflictError extends BanterError {
  readonly command: string;
  readonly plugins: readonly [string, string];

  constructor(command: string, first: string, second: string) {
    super(
      'E_COMMAND_CONFLICT',
      first === second
        ? `Plugin "${first}" declares the command "${command}" twice; give one of them another name.`
        : `Plugins "${first}" and "${second}" both declare the command "${command}"; ` +
            `rename one (the \`name\` option of its decorator) or leave one plugin out.`,
    );
    this.command = command;
    this.plugins = [first, second];
  }
}
