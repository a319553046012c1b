import { BanterError } from '../errors/banter-error.ts';

// Names are checked against the ASCII rule first and the Unicode one only when that fails. V8 parses a regex
// literal with Unicode property classes when the literal is evaluated (about a millisecond at start-up here) and
// compiles it on first use (milliseconds more), so the Unicode rule is built only when a non-ASCII name needs it.
const VALID_ASCII_NAME = /^[a-z0-9][a-z0-9_.-]*(?: [a-z0-9][a-z0-9_.-]*)*$/;
let validName: RegExp | undefined;

function isValidUnicodeName(name: string): boolean {
  validName ??= new RegExp('^[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]*(?: [\\p{L}\\p{N}][\\p{L}\\p{N}_.-]*)*$', 'u');
  return validName.test(name);
}

/**
 * The canonical form of a command name: trimmed, lower-case, words separated by one space. Method names map
 * `_` to a space (`plugin_config` → `plugin config`), as in Errbot.
 */
export function normalizeCommandName(raw: string, fromMethod = false): string {
  const spaced = fromMethod ? raw.replace(/_/g, ' ') : raw;
  const name = spaced.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!VALID_ASCII_NAME.test(name) && !isValidUnicodeName(name)) {
    throw new BanterError(
      'E_COMMAND_NAME',
      `"${raw}" is not a valid command name: use letters, digits, "-", "_" or "." in words separated by spaces.`,
    );
  }
  return name;
}
