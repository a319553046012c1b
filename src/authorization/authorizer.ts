import { isRoom, type Person } from '../identifiers.ts';
import type { Message } from '../message.ts';
import type { CommandEntry } from '../dispatch/command-entry.ts';
import type { AccessConfig, AccessRule } from './access-rule.ts';
import { compileGlob } from './glob.ts';

/** An access rule with its globs compiled, or `null` when no rule applies to a command. */
interface CompiledRule {
  readonly allowUsers?: readonly RegExp[];
  readonly denyUsers?: readonly RegExp[];
  readonly allowRooms?: readonly RegExp[];
  readonly denyRooms?: readonly RegExp[];
  readonly allowPrivate: boolean;
  readonly allowGroup: boolean;
  readonly allowArgs?: readonly RegExp[];
  readonly denyArgs?: readonly RegExp[];
}

/**
 * The authorization stage of dispatch, part of the core so it cannot be left out by excluding a plugin
 * (Errbot issue #1050). It matches the sender's secure `aclattr` and the room's `aclattr`, never a display
 * name. The rule for each command is found once and cached, so a command no rule names costs one lookup.
 */
export class Authorizer {
  readonly #admins: readonly RegExp[];
  readonly #rules: ReadonlyArray<readonly [RegExp, AccessRule]>;
  readonly #compiled = new WeakMap<CommandEntry, CompiledRule | null>();
  /** Refuse without answering. */
  readonly silent: boolean;
  /** Whether `help` leaves out what the asker may not run. */
  readonly hideRestricted: boolean;

  /** `admins` are globs matched against `aclattr` (`@alice`, `U0123ABC`, `alice@example.org`). */
  constructor(admins: readonly string[], access?: AccessConfig) {
    this.#admins = admins.map((a) => compileGlob(a));
    this.#rules = Object.entries(access?.rules ?? {}).map(([key, rule]) => [compileGlob(key.includes(':') ? key : `*:${key}`, true), rule]);
    this.silent = access?.silent ?? false;
    this.hideRestricted = access?.hideRestricted ?? true;
  }

  /** Whether `person` is a configured admin. */
  isAdmin(person: Person): boolean {
    return matchesAny(this.#admins, person.aclattr);
  }

  /**
   * Why the sender of `message` may not run `entry` with `args`, or undefined when they may. Checked in
   * Errbot's order: arguments, users, where (rooms or direct message), then admin-only.
   */
  deny(message: Message, entry: CommandEntry, args: string): string | undefined {
    let rule = this.#compiled.get(entry);
    if (rule === undefined) {
      rule = this.compile(entry);
      this.#compiled.set(entry, rule);
    }
    const name = entry.spec.name;
    if (rule !== null) {
      if ((rule.allowArgs && !matchesAny(rule.allowArgs, args)) || (rule.denyArgs && matchesAny(rule.denyArgs, args))) {
        return `You are not allowed to run "${name}" with these arguments.`;
      }
      const who = message.frm.aclattr;
      if ((rule.allowUsers && !matchesAny(rule.allowUsers, who)) || (rule.denyUsers && matchesAny(rule.denyUsers, who))) {
        return `You are not allowed to run "${name}".`;
      }
      const room = message.to;
      if (isRoom(room)) {
        if (!rule.allowGroup) return `"${name}" cannot be run in rooms; ask me in a direct message.`;
        if ((rule.allowRooms && !matchesAny(rule.allowRooms, room.aclattr)) || (rule.denyRooms && matchesAny(rule.denyRooms, room.aclattr))) {
          return `"${name}" cannot be run in ${room.name}.`;
        }
      } else if (!rule.allowPrivate) {
        return `"${name}" cannot be run in a direct message; use it in a room.`;
      }
    }
    if (entry.spec.admin && !this.isAdmin(message.frm)) return `You are not allowed to run "${name}": it is for bot admins only.`;
    return undefined;
  }

  private compile(entry: CommandEntry): CompiledRule | null {
    const key = `${entry.plugin}:${entry.spec.name}`;
    const rule = this.#rules.find(([pattern]) => pattern.test(key))?.[1];
    if (!rule) return null;
    const compile = (list?: readonly string[]) => list?.map((g) => compileGlob(g));
    return {
      allowUsers: compile(rule.allowUsers),
      denyUsers: compile(rule.denyUsers),
      allowRooms: compile(rule.allowRooms),
      denyRooms: compile(rule.denyRooms),
      allowPrivate: rule.allowPrivate ?? true,
      allowGroup: rule.allowGroup ?? true,
      allowArgs: compile(rule.allowArgs),
      denyArgs: compile(rule.denyArgs),
    };
  }
}

function matchesAny(patterns: readonly RegExp[], text: string): boolean {
  for (const pattern of patterns) if (pattern.test(text)) return true;
  return false;
}
