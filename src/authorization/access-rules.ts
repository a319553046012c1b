import type { CommandTable } from '../dispatch/command-table.ts';
import { UserError } from '../errors/user-error.ts';
import type { Person, Room } from '../identifiers.ts';
import type { Logger } from '../logger.ts';
import { Message } from '../message.ts';
import type { KeyValueStore } from '../storage.ts';
import { accessRuleSchema, type AccessRule } from './access-rule.ts';
import type { AccessDecision, AccessRuleSource, Authorizer } from './authorizer.ts';
import { runtimeAccessRuleSchema, type RuntimeAccessRule } from './runtime-access-rule.ts';

const RULES_KEY = 'rules';

/** What `!acl` works with: the rules in force, runtime rules added and removed in chat, and explanations. */
export interface AccessControl {
  /** Every rule in the order they are consulted: runtime rules (numbered) first, then config.ts's. */
  rules(): AccessRuleSource[];
  /**
   * Add a runtime rule and keep it in storage; it applies at once and survives restarts. Inserted at `position`
   * (1-based) among the runtime rules, at the end when not given. Resolves to its number.
   */
  addRule(pattern: string, rule: AccessRule, addedBy: Person, position?: number): Promise<number>;
  /** Remove runtime rule number `number` (as listed by {@link rules}); resolves to what was removed. */
  removeRule(number: number): Promise<RuntimeAccessRule>;
  /**
   * What the authorization stage would decide if `person` ran `command` (its name as typed in chat) with
   * `args` in `where` (a room, or the person for a direct message). Command filters are not consulted.
   */
  explain(person: Person, command: string, where: Person | Room, args?: string): AccessDecision & { readonly command: string; readonly plugin: string };
}

/** The runtime access rules of one bot, kept in the `core.acl` namespace and handed to the {@link Authorizer}. */
export class AccessRules implements AccessControl {
  readonly #authorizer: Authorizer;
  readonly #table: CommandTable;
  readonly #log: Logger;
  #store: KeyValueStore | undefined;
  #runtime: RuntimeAccessRule[] = [];

  constructor(authorizer: Authorizer, table: CommandTable, log: Logger) {
    this.#authorizer = authorizer;
    this.#table = table;
    this.#log = log;
  }

  /** Load the stored rules (skipping, with a warning, any that no longer validate) and apply them. */
  async load(store: KeyValueStore): Promise<void> {
    this.#store = store;
    const stored = await store.get(RULES_KEY);
    const rules: RuntimeAccessRule[] = [];
    for (const [i, value] of (Array.isArray(stored) ? stored : []).entries()) {
      const parsed = runtimeAccessRuleSchema.safeParse(value);
      if (parsed.success) rules.push(parsed.data);
      else this.#log.warn({ rule: value, position: i + 1 }, 'ignoring a stored access rule that is not valid');
    }
    this.apply(rules);
  }

  rules(): AccessRuleSource[] {
    return this.#authorizer.rules();
  }

  async addRule(pattern: string, rule: AccessRule, addedBy: Person, position?: number): Promise<number> {
    const key = pattern.trim();
    if (!key) throw new UserError('Name the commands the rule applies to, as a plugin:command glob (e.g. "deploy:*" or "*:restart").');
    const parsed = accessRuleSchema.safeParse(rule);
    if (!parsed.success) throw new UserError(`That rule is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    if (Object.values(parsed.data).every((v) => v === undefined)) {
      throw new UserError('That rule restricts nothing: give at least one of allow/deny users, allow/deny rooms, private, group, allow/deny args.');
    }
    const count = this.#runtime.length;
    const at = position === undefined ? count : position - 1;
    if (!Number.isInteger(at) || at < 0 || at > count) throw new UserError(`Position must be between 1 and ${count + 1}.`);
    const next = [...this.#runtime];
    next.splice(at, 0, { pattern: key, rule: parsed.data, addedBy: addedBy.aclattr, addedAt: new Date().toISOString() });
    await this.save(next);
    return at + 1;
  }

  async removeRule(number: number): Promise<RuntimeAccessRule> {
    const removed = this.#runtime[number - 1];
    if (!Number.isInteger(number) || !removed) {
      throw new UserError(this.#runtime.length === 0 ? 'There are no runtime rules to remove.' : `There is no runtime rule ${number}; they are numbered 1 to ${this.#runtime.length}.`);
    }
    await this.save(this.#runtime.filter((_, i) => i !== number - 1));
    return removed;
  }

  explain(person: Person, command: string, where: Person | Room, args = '') {
    const name = command.trim().toLowerCase().replace(/\s+/g, ' ');
    const entry = this.#table.get(name);
    if (!entry) throw new UserError(`There is no command "${command}".`);
    const message = new Message({ body: args, frm: person, to: where });
    return { ...this.#authorizer.explain(message, entry, args), command: entry.spec.name, plugin: entry.plugin };
  }

  /** Write first, then apply: a store that is down leaves the rules in force unchanged. */
  private async save(rules: RuntimeAccessRule[]): Promise<void> {
    if (!this.#store) throw new Error('AccessRules used before load()');
    await this.#store.set(RULES_KEY, rules);
    this.apply(rules);
  }

  private apply(rules: RuntimeAccessRule[]): void {
    this.#runtime = rules;
    this.#authorizer.useRuntimeRules(rules);
  }
}
