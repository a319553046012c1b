import type { CommandInfo } from 'banter';

/** An option of a slash command, as Discord's API takes and returns it (only string options are made). */
export interface SlashOptionJson {
  type: 3;
  name: string;
  description: string;
  required?: boolean;
}

/** A chat-input application command, as Discord's API takes it. */
export interface SlashCommandJson {
  type: 1;
  name: string;
  description: string;
  options?: SlashOptionJson[];
  /** `"0"`: only members with Administrator see it by default (Banter's own admin check still applies). */
  default_member_permissions?: string | null;
}

/** How to turn an invocation of a slash command back into the chat command it stands for. */
export interface SlashRoute {
  /** The Banter command's name (`sample echo`). */
  readonly command: string;
  /** The slash command's option names, in the order their values go on the command line. */
  readonly options: readonly string[];
  /** Quote values that contain blanks (argument commands: yargs splits on blanks, unless quoted). */
  readonly quote: boolean;
}

/** The application commands for a set of Banter commands, and the way back from each. */
export interface SlashCommandSet {
  readonly definitions: readonly SlashCommandJson[];
  readonly routes: ReadonlyMap<string, SlashRoute>;
  /** Commands that could not be offered, and why (logged at debug level). */
  readonly skipped: ReadonlyArray<{ readonly command: string; readonly reason: string }>;
}

// Discord's rules: names of 1–32 lower-case letters, digits, "-" and "_" (other scripts' letters allowed),
// descriptions of 1–100 characters, at most 25 options and 100 chat-input commands per scope.
const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
const DESCRIPTION_MAX = 100;
const MAX_OPTIONS = 25;
const MAX_COMMANDS = 100;
/** The option for the rest of the line, when a command's syntax cannot be split into named arguments. */
const ARGUMENTS = 'arguments';
/** For argument commands: flags such as `--env prod` after the positional arguments. */
const FLAGS = 'options';

/**
 * Slash commands for Banter's commands. Each plain or argument command that is not hidden becomes one
 * application command: its name with blanks turned into `-` (`sample echo` → `/sample-echo`), its help as
 * the description, and its syntax's `<required>` and `[optional]` words as string options in order. A syntax
 * that is not a plain list of such words (`<person>…`, `[a | b]`) becomes one optional `arguments` option.
 * Regex commands have no name to type and are left out; admin commands are shown by default only to members
 * with Administrator (Banter still checks its own admins when one runs).
 */
export function buildSlashCommands(commands: readonly CommandInfo[]): SlashCommandSet {
  const definitions: SlashCommandJson[] = [];
  const routes = new Map<string, SlashRoute>();
  const skipped: Array<{ command: string; reason: string }> = [];
  for (const info of commands) {
    if (info.kind === 'regex') continue;
    if (info.hidden) {
      skipped.push({ command: info.name, reason: 'hidden' });
      continue;
    }
    const name = slashName(info.name);
    if (!NAME.test(name)) {
      skipped.push({ command: info.name, reason: `"${name}" is not a valid slash command name` });
      continue;
    }
    if (routes.has(name)) {
      skipped.push({ command: info.name, reason: `/${name} is already ${routes.get(name)!.command}` });
      continue;
    }
    if (definitions.length === MAX_COMMANDS) {
      skipped.push({ command: info.name, reason: `Discord allows at most ${MAX_COMMANDS} slash commands` });
      continue;
    }
    const options = optionsFor(info);
    const definition: SlashCommandJson = { type: 1, name, description: cut(info.help.trim() || `Runs ${info.name}`, DESCRIPTION_MAX) };
    if (options.length) definition.options = options;
    if (info.admin) definition.default_member_permissions = '0';
    definitions.push(definition);
    routes.set(name, { command: info.name, options: options.map((o) => o.name), quote: info.kind === 'args' });
  }
  return { definitions, routes, skipped };
}

/** The slash command name for a Banter command name. */
export function slashName(command: string): string {
  return command.trim().toLowerCase().replace(/\s+/g, '-');
}

/**
 * The chat text a slash invocation stands for: the command name, then the option values in syntax order
 * (quoted for argument commands when they contain blanks or quotes).
 */
export function commandLine(route: SlashRoute, values: ReadonlyMap<string, string>): string {
  const parts = [route.command];
  for (const option of route.options) {
    const value = values.get(option);
    if (value === undefined || value === '') continue;
    parts.push(route.quote && option !== FLAGS && /[\s"']/.test(value) ? JSON.stringify(value) : value);
  }
  return parts.join(' ');
}

/**
 * Whether what Discord has registered is what Banter would register, so an unchanged bot does not overwrite
 * its commands on every start. Fields Discord adds (ids, versions, localizations, defaults) are ignored.
 */
export function sameSlashCommands(registered: readonly unknown[], desired: readonly SlashCommandJson[]): boolean {
  if (registered.length !== desired.length) return false;
  const byName = new Map(desired.map((d) => [d.name, canonical(d)]));
  for (const raw of registered) {
    const entry = raw as Partial<SlashCommandJson> & { type?: number };
    if (entry.type !== undefined && entry.type !== 1) return false;
    const wanted = byName.get(String(entry.name));
    if (wanted === undefined || wanted !== canonical(entry)) return false;
  }
  return true;
}

function canonical(command: Partial<SlashCommandJson>): string {
  return JSON.stringify([
    command.name,
    command.description,
    command.default_member_permissions ?? null,
    (command.options ?? []).map((o) => [o.type, o.name, o.description, o.required ?? false]),
  ]);
}

function optionsFor(info: CommandInfo): SlashOptionJson[] {
  const syntax = (info.kind === 'args' ? (info.syntax ?? '').replace(/\s*\[options\]$/, '') : (info.syntax ?? '')).trim();
  const flags: SlashOptionJson[] =
    info.kind === 'args' ? [{ type: 3, name: FLAGS, description: 'More options, as on the command line (e.g. --env prod)', required: false }] : [];
  if (syntax === '') return flags;
  const named = namedOptions(syntax);
  if (named && named.length + flags.length <= MAX_OPTIONS) return [...named, ...flags];
  return [{ type: 3, name: ARGUMENTS, description: cut(syntax, DESCRIPTION_MAX), required: false }];
}

/** `<service> [env]` as options; undefined when the syntax is anything else. */
function namedOptions(syntax: string): SlashOptionJson[] | undefined {
  const options: SlashOptionJson[] = [];
  let optionalSeen = false;
  for (const word of syntax.split(/\s+/)) {
    const match = /^(<([^<>[\]]+)>|\[([^<>[\]]+)\])$/.exec(word);
    if (!match) return undefined;
    const required = match[2] !== undefined;
    const name = (match[2] ?? match[3]!).toLowerCase();
    // Discord wants every required option before the optional ones.
    if (!NAME.test(name) || name === FLAGS || options.some((o) => o.name === name) || (required && optionalSeen)) return undefined;
    optionalSeen ||= !required;
    options.push({ type: 3, name, description: required ? `${name} (required)` : name, required });
  }
  return options;
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
