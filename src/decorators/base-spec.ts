import type { CommandOptions } from '../commands/command-spec.ts';
import { normalizeCommandName } from '../commands/command-name.ts';
import { BanterError } from '../errors/banter-error.ts';

/** The fields every command kind shares, with defaults applied. */
export function baseSpec(method: string, name: string, options: CommandOptions) {
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
    throw new BanterError('E_COMMAND_OPTIONS', `Command "${name}": timeoutMs must be a positive number of milliseconds.`);
  }
  return {
    method,
    name,
    help: options.help ?? '',
    hidden: options.hidden ?? false,
    admin: options.admin ?? false,
    aliases: (options.aliases ?? []).map((a) => normalizeCommandName(a)),
    timeoutMs: options.timeoutMs,
    private: options.private ?? false,
    thread: options.thread ?? false,
    secret: options.secret ?? false,
    confirm: options.confirm ?? false,
  };
}
