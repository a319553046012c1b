import { BanterError } from '../errors/banter-error.ts';

const VALID_NAME = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*(?: [\p{L}\p{N}][\p{L}\p{N}_.-]*)*$/u;
// The same rule for ASCII names, tried first: V8 compiles a regex on its first use, and the Unicode classes above
// take milliseconds to compile, which a bot whose commands are all ASCII then never pays at start-up.
const VALID_ASCII_NAME = /^[a-z0-9][a-z0-9_.-]*(?: [a-z0-9][a-z0-9_.-]*)*$/;

/**
 * The canonical form of a command name: trimmed, lower-case, words separated by one space. Method names map
 * `_` to a space (`plugin_config` → `plugin config`), as in Errbot.
 */
export function normalizeCommandName(raw: string, fromMethod = false): string {
  const spaced = fromMethod ? raw.replace(/_/g, ' ') : raw;
  const name = spaced.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!VALID_ASCII_NAME.test(name) && !VALID_NAME.test(name)) {
    throw new BanterError(
      'E_COMMAND_NAME',
      `"${raw}" is not a valid command name: use letters, digits, "-", "_" or "." in words separated by spaces.`,
    );
  }
  return name;
}
