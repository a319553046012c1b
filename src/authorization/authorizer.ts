import { isRoom, type Person } from '../identifiers.ts';
import type { Message } from '../message.ts';
import type { CommandEntry } from '../dispatch/command-entry.ts';
import type { AccessConfig, AccessRule } from './access-rule.ts';
import { compileGlob } from './glob.ts';
import type { RuntimeAccessRule } from './runtime-access-rule.ts';

/** An access rule with its globs compiled, and where it comes from. */
interface CompiledRule {
  readonly source: AccessRuleSource;
  readonly allowUsers?: readonly RegExp[];
  readonly denyUsers?: readonly RegExp[];
  readonly allowRooms?: readonly RegExp[];
  readonly denyRooms?: readonly RegExp[];
  readonly allowPrivate: boolean;
  readonly allowGroup: boolean;
  readonly allowArgs?: readonly RegExp[];
  readonly denyArgs?: readonly RegExp[];
}

/** Where the rule that decides a command comes from: a runtime rule (numbered from 1) or a config.ts key. */
export interface AccessRuleSource {
  readonly origin: 'runtime' | 'config';
  /** The `plugin:command` glob the rule is filed under. */
  readonly pattern: string;
  /** Position among the runtime rules (1-based); absent for config rules. */
  readonly number?: number;
  readonly rule: AccessRule;
}

/** What the authorization stage decides for one person, command and place, and why. */
export interface AccessDecision {
  /** The rule that applies, or undefined when no rule names the command. */
  readonly source: AccessRuleSource | undefined;
  /** Why the command is refused; undefined when it may run. */
  readonly refusal: string | undefined;
}

/**
 * Plugins whose commands runtime rules never apply to, so that an admin can always see and undo what was added
 * in chat (config.ts rules still apply to them).
 */
const RUNTIME_EXEMPT_PLUGINS = new Set(['acl']);

/**
 * The authorization stage of dispatch, part of the core so it cannot be left out by excluding a plugin
 * (Errbot issue #1050). It matches the sender's secure `aclattr` and the room's `aclattr`, never a display
 * name. The rule for each command is found once and cached, so a command no rule names costs one lookup.
 * Runtime rules (added in chat with `!acl add`, kept in storage) are consulted before config.ts's, first match
 * wins across both.
 */
export class Authorizer {
  readonly #admins: readonly RegExp[];
  readonly #rules: ReadonlyArray<readonly [RegExp, AccessRuleSource]>;
  #runtime: ReadonlyArray<readonly [RegExp, AccessRuleSource]> = [];
  #compiled = new WeakMap<CommandEntry, CompiledRule | null>();
  /** Refuse without answering. */
  readonly silent: boolean;
  /** Whether `help` leaves out what the asker may not run. */
  readonly hideRestricted: boolean;

  /** `admins` are globs matched against `aclattr` (`@alice`, `U0123ABC`, `alice@example.org`). */
  constructor(admins: readonly string[], access?: AccessConfig) {
    this.#admins = admins.map((a) => compileGlob(a));
    this.#rules = Object.entries(access?.rules ?? {}).map(([pattern, rule]) => [compileKey(pattern), { origin: 'config', pattern, rule }]);
    this.silent = access?.silent ?? false;
    this.hideRestricted = access?.hideRestricted ?? true;
  }

  /** Replace the runtime rules (in order); every command's rule is looked up again on its next use. */
  useRuntimeRules(rules: readonly RuntimeAccessRule[]): void {
    this.#runtime = rules.map((r, i) => [compileKey(r.pattern), { origin: 'runtime', pattern: r.pattern, number: i + 1, rule: r.rule }]);
    this.#compiled = new WeakMap();
  }

  /** The rules in the order they are consulted: runtime rules first, then config.ts's. */
  rules(): AccessRuleSource[] {
    return [...this.#runtime, ...this.#rules].map(([, source]) => source);
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

  /** The rule that applies to `entry` and what it decides for `message` (the sender and place) and `args`. */
  explain(message: Message, entry: CommandEntry, args: string): AccessDecision {
    const refusal = this.deny(message, entry, args);
    return { source: this.#compiled.get(entry)?.source, refusal };
  }

  private compile(entry: CommandEntry): CompiledRule | null {
    const key = `${entry.plugin}:${entry.spec.name}`;
    const candidates = RUNTIME_EXEMPT_PLUGINS.has(entry.plugin) ? this.#rules : [...this.#runtime, ...this.#rules];
    const source = candidates.find(([pattern]) => pattern.test(key))?.[1];
    if (!source) return null;
    const { rule } = source;
    const compile = (list?: readonly string[]) => list?.map((g) => compileGlob(g));
    return {
      source,
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

/** A rule key is a `plugin:command` glob, matched case-insensitively; without `:` it means any plugin. */
function compileKey(pattern: string): RegExp {
  return compileGlob(pattern.includes(':') ? pattern : `*:${pattern}`, true);
}

function matchesAny(patterns: readonly RegExp[], text: string): boolean {
  for (const pattern of patterns) if (pattern.test(text)) return true;
  return false;
}
