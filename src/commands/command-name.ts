import { BanterError } from '../errors/banter-error.ts';

const VALID_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*(?: [\p{L}\p{N}][\p{L}\p{N}_.-]*)*$/u;

/**
 * The canonical form of a command name: trimmed, lower-case, words separated by one space. Method names map
 * `_` to a space (`plugin_config` → `plugin config`), as in Errbot.
 */
export function normalizeCommandName(raw: string, fromMethod = false): string {
  const spaced = fromMethod ? raw.replace(/_/g, ' ') : raw;
  const name = spaced.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!VALID_NAME.test(name)) {
    throw new BanterError(
      'E_COMMAND_NAME',
      `"${raw}" is not a valid command name: use letters, digits, "-", "_" or "." in words separated by spaces.`,
    );
  }
  return name;
}
