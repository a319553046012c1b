import type { Argv } from 'yargs';
import type { Card } from '../card.ts';

/** One reply: text (markdown) or a card. */
export type CommandReply = string | Card;

/**
 * What a command handler may return: one reply, nothing, or an (async) iterable of replies, each sent as it
 * is produced. A Promise of any of these is awaited.
 */
export type CommandResult =
  | CommandReply
  | void
  | undefined
  | null
  | AsyncIterable<CommandReply | undefined | null>
  | Iterable<CommandReply | undefined | null>;

/** Options every command decorator takes. */
export interface CommandOptions {
  /** Name typed in chat; defaults to the method name with `_` turned into a space, lower-cased. */
  readonly name?: string;
  /** One-line description shown by `help`. */
  readonly help?: string;
  /** Left out of `help` listings (still runnable). */
  readonly hidden?: boolean;
  /** Only configured admins may run it. */
  readonly admin?: boolean;
  /** Other names for the same command. */
  readonly aliases?: readonly string[];
  /** Give up after this long (default: `commandTimeoutMs` from config). */
  readonly timeoutMs?: number;
  /** Always answer in a direct message. */
  readonly private?: boolean;
  /** Answer in a thread on services that have threads. */
  readonly thread?: boolean;
  /** Its arguments are secret: the audit log records `[redacted]` instead of them. */
  readonly secret?: boolean;
  /** Ask the sender to answer yes before running it (dangerous commands). */
  readonly confirm?: boolean;
}

/** Options of {@link command}. */
export interface PlainCommandOptions extends CommandOptions {
  /** Argument syntax shown by `help`, e.g. `<service> [env]`. */
  readonly syntax?: string;
}

/** Options of {@link regexCommand}. */
export interface RegexCommandOptions extends CommandOptions {
  /**
   * When true (default) the pattern is tried on what follows the prefix of a message addressed to the bot.
   * When false it is tried on every message, addressed or not (a "hear" listener).
   */
  readonly prefixed?: boolean;
  /** Pass every match (a global regex's `matchAll`) instead of the first. */
  readonly matchAll?: boolean;
  /** How the command is shown in help. */
  readonly syntax?: string;
}

/** Options of {@link argCommand}. */
export interface ArgCommandOptions extends CommandOptions {
  /** Positional arguments in yargs syntax, e.g. `<service> [env]`. */
  readonly usage?: string;
  /** Declare positionals' types and options on the yargs instance. */
  readonly args?: (yargs: Argv) => Argv;
}

interface SpecBase {
  /** Method on the plugin that handles the command. */
  readonly method: string;
  /** Normalised name (lower-case, single spaces). */
  readonly name: string;
  readonly help: string;
  readonly hidden: boolean;
  readonly admin: boolean;
  readonly aliases: readonly string[];
  readonly timeoutMs: number | undefined;
  readonly private: boolean;
  readonly thread: boolean;
  readonly secret: boolean;
  readonly confirm: boolean;
  readonly syntax: string | undefined;
}

/** A `@command`: looked up by name, handler gets the rest of the line. */
export interface PlainCommandSpec extends SpecBase {
  readonly kind: 'plain';
}

/** A `@regexCommand`: tried in order after plain lookup. */
export interface RegexCommandSpec extends SpecBase {
  readonly kind: 'regex';
  readonly pattern: RegExp;
  readonly prefixed: boolean;
  readonly matchAll: boolean;
}

/** An `@argCommand`: looked up by name, the rest of the line parsed by yargs. */
export interface ArgCommandSpec extends SpecBase {
  readonly kind: 'args';
  readonly usage: string;
  readonly configure: ((yargs: Argv) => Argv) | undefined;
}

/** What a command decorator records about a method. */
export type CommandSpec = PlainCommandSpec | RegexCommandSpec | ArgCommandSpec;
