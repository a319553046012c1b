import type { Message } from '../message.ts';
import type { CommandResult } from '../commands/command-spec.ts';

/** A value or a promise of it. */
export type Awaitable<T> = T | Promise<T>;

/** Handler of a `@command`: the message and the text after the command name. */
export type PlainCommandHandler = (message: Message, args: string) => Awaitable<CommandResult>;

/** Handler of a `@regexCommand`: the message and the match (or every match with `matchAll`). */
export type RegexCommandHandler = (
  message: Message,
  match: RegExpMatchArray & RegExpExecArray,
  // With `matchAll: true` the second argument is an array of matches; handlers declare what they use.
) => Awaitable<CommandResult>;

/** Handler of a `@regexCommand({ matchAll: true })`. */
export type RegexMatchAllHandler = (message: Message, matches: RegExpExecArray[]) => Awaitable<CommandResult>;

/** Handler of an `@argCommand`: the message and the arguments as parsed by yargs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ArgCommandHandler = (message: Message, args: any) => Awaitable<CommandResult>;

/** What a command filter sees about a command that is about to run. */
export interface CommandInvocation {
  readonly message: Message;
  /** Command name as registered (`plugin config`). */
  readonly command: string;
  /** Plugin that owns the command. */
  readonly plugin: string;
  /** Raw argument text. */
  readonly args: string;
  /** True when `help` asks whether the command would run, without running it. */
  readonly dryRun: boolean;
}

/**
 * What a command filter decides:
 * - `undefined`: run the command as it is;
 * - `{ args }`: run it with other argument text (for a regex command, the text the pattern is matched on);
 * - `null` or `false`: block it, answering "<command> was blocked by the <plugin> plugin.";
 * - `{ deny }`: block it, answering with this text;
 * - `{ ignore: true }`: block it without answering.
 */
export type CommandFilterVerdict =
  | void
  | undefined
  | null
  | false
  | { readonly args: string }
  | { readonly deny: string }
  | { readonly ignore: true };

/** Handler of a `@commandFilter`. */
export type CommandFilterHandler = (invocation: CommandInvocation) => Awaitable<CommandFilterVerdict>;
