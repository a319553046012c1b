import { CommandConflictError } from '../errors/command-conflict-error.ts';
import type { CommandEntry } from './command-entry.ts';

/** A plain or argument command found by name, with the text after its name (also the router's route). */
export interface CommandMatch {
  readonly kind: 'command';
  readonly entry: CommandEntry;
  readonly args: string;
}

/** The characters `\s` matches, compared by code: this runs on every character of a command name. */
function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    (code > 127 &&
      (code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
        code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff))
  );
}

/**
 * The active commands. Plain and argument commands sit in a Map keyed by their normalised name (and aliases),
 * so a lookup costs the same with 10 commands or 10 000: it tries at most `maxWords` keys, where
 * `maxWords` is the longest multi-word name (`plugin config` → 2), longest first.
 */
export class CommandTable {
  readonly #byName = new Map<string, CommandEntry>();
  #prefixedRegex: CommandEntry[] = [];
  #hearRegex: CommandEntry[] = [];
  #maxWords = 1;
  /** Lookups performed; a work counter for the regression test, not a timer. */
  lookups = 0;

  /** Add one plugin's commands; throws CommandConflictError before changing anything on a clash. */
  add(entries: readonly CommandEntry[]): void {
    const seen = new Map<string, string>();
    for (const entry of entries) {
      if (entry.spec.kind === 'regex') continue;
      for (const name of [entry.spec.name, ...entry.spec.aliases]) {
        const existing = this.#byName.get(name)?.plugin ?? seen.get(name);
        if (existing !== undefined) throw new CommandConflictError(name, existing, entry.plugin);
        seen.set(name, entry.plugin);
      }
    }
    for (const entry of entries) {
      if (entry.spec.kind === 'regex') {
        (entry.spec.prefixed ? this.#prefixedRegex : this.#hearRegex).push(entry);
        continue;
      }
      for (const name of [entry.spec.name, ...entry.spec.aliases]) {
        this.#byName.set(name, entry);
        this.#maxWords = Math.max(this.#maxWords, name.split(' ').length);
      }
    }
  }

  /** Remove every command of `plugin`. */
  removePlugin(plugin: string): void {
    for (const [name, entry] of this.#byName) if (entry.plugin === plugin) this.#byName.delete(name);
    this.#prefixedRegex = this.#prefixedRegex.filter((e) => e.plugin !== plugin);
    this.#hearRegex = this.#hearRegex.filter((e) => e.plugin !== plugin);
    this.#maxWords = 1;
    for (const name of this.#byName.keys()) this.#maxWords = Math.max(this.#maxWords, name.split(' ').length);
  }

  /** Regex commands tried on messages addressed to the bot. */
  get prefixedRegex(): readonly CommandEntry[] {
    return this.#prefixedRegex;
  }

  /** Regex commands tried on every message that is not a command. */
  get hearRegex(): readonly CommandEntry[] {
    return this.#hearRegex;
  }

  /** Every name (and alias) of a plain or argument command. */
  names(): IterableIterator<string> {
    return this.#byName.keys();
  }

  /** The entry registered under exactly this normalised name. */
  get(name: string): CommandEntry | undefined {
    return this.#byName.get(name);
  }

  /**
   * Find the command `text` starts with, from index `from` (where the prefix ends). Names are case-insensitive and
   * the longest multi-word name wins: `plugin config x` finds `plugin config` before `plugin`. Only the
   * first `maxWords` words are read, so a 1 MB message costs no more than a short one.
   */
  lookup(text: string, from = 0): CommandMatch | undefined {
    const length = text.length;
    let start = from;
    while (start < length && isSpace(text.charCodeAt(start))) start++;
    if (start === length) return undefined;
    if (this.#maxWords === 1) {
      let end = start;
      // Names are stored in lower case; most are typed that way, so toLowerCase (a copy) is called only when needed.
      let lowerCase = true;
      for (let code = 0; end < length && !isSpace((code = text.charCodeAt(end))); end++) {
        if ((code >= 65 && code <= 90) || code > 127) lowerCase = false;
      }
      this.lookups++;
      const name = text.slice(start, end);
      const entry = this.#byName.get(lowerCase ? name : name.toLowerCase());
      return entry ? { kind: 'command', entry, args: argsAfter(text, end) } : undefined;
    }
    const words: string[] = [];
    const ends: number[] = [];
    let position = start;
    while (words.length < this.#maxWords && position < length) {
      let end = position;
      while (end < length && !isSpace(text.charCodeAt(end))) end++;
      words.push(text.slice(position, end).toLowerCase());
      ends.push(end);
      position = end;
      while (position < length && isSpace(text.charCodeAt(position))) position++;
    }
    for (let count = words.length; count >= 1; count--) {
      this.lookups++;
      const entry = this.#byName.get(count === 1 ? words[0]! : words.slice(0, count).join(' '));
      if (entry) return { kind: 'command', entry, args: argsAfter(text, ends[count - 1]!) };
    }
    return undefined;
  }
}

/** The argument text after a command name ending at `end`: surrounding blanks removed, inner newlines kept. */
function argsAfter(text: string, end: number): string {
  if (end >= text.length) return '';
  // The usual shape, "name args" with one space and no trailing blank, needs one slice and no trim.
  if (text.charCodeAt(end) === 32 && !isSpace(text.charCodeAt(end + 1)) && !isSpace(text.charCodeAt(text.length - 1))) {
    return text.slice(end + 1);
  }
  return text.slice(end).trim();
}
