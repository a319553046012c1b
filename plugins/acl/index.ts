import { Plugin, UserError, argCommand, command, isRoom, type AccessRule, type AccessRuleSource, type Message, type Person, type Room } from 'banter';

/** The rule fields `!acl add` accepts, as options (`--allow-users @alice @bob`). */
const LIST_OPTIONS = {
  'allow-users': 'allowUsers',
  'deny-users': 'denyUsers',
  'allow-rooms': 'allowRooms',
  'deny-rooms': 'denyRooms',
  'allow-args': 'allowArgs',
  'deny-args': 'denyArgs',
} as const;

interface AddArgs {
  readonly pattern: string;
  readonly at?: number;
  readonly private?: boolean;
  readonly group?: boolean;
  readonly [option: string]: unknown;
}

interface ExplainArgs {
  readonly user: string;
  readonly command: string[];
  readonly in?: string;
  readonly args?: string;
}

/**
 * `!acl …`: see the access rules in force, add and remove runtime rules (kept in storage, applied at once,
 * consulted before config.ts's), and ask what applies to a person and a command. Admin only. Runtime rules
 * never apply to these commands, so a rule added by mistake can always be removed.
 */
export class AclPlugin extends Plugin {
  static override metadata = { name: 'acl', description: 'Access rules: show, explain, add and remove' };

  @command({ name: 'acl list', help: 'The access rules in the order they are consulted', admin: true })
  list(): string {
    const rules = this.bot.access.rules();
    if (rules.length === 0) return 'No access rules: every command is open to everyone, except admin-only ones.';
    return rules.map(describeRule).join('\n');
  }

  @argCommand({
    name: 'acl add',
    help: 'Add a runtime access rule for a plugin:command glob',
    usage: '<pattern>',
    admin: true,
    args: (y) => {
      let withOptions = y.positional('pattern', { type: 'string', describe: 'plugin:command glob, e.g. "deploy:*"' });
      for (const option of Object.keys(LIST_OPTIONS)) withOptions = withOptions.option(option, { type: 'string', array: true });
      return withOptions
        .option('private', { type: 'boolean', describe: 'allowed in direct messages (--no-private: not)' })
        .option('group', { type: 'boolean', describe: 'allowed in rooms (--no-group: not)' })
        .option('at', { type: 'number', describe: 'position among the runtime rules (1 = consulted first)' });
    },
  })
  async add(msg: Message, args: AddArgs): Promise<string> {
    const rule: Record<string, unknown> = {};
    for (const [option, field] of Object.entries(LIST_OPTIONS)) {
      const values = args[option] as string[] | undefined;
      if (values) rule[field] = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
    }
    if (args.private !== undefined) rule['allowPrivate'] = args.private;
    if (args.group !== undefined) rule['allowGroup'] = args.group;
    const number = await this.bot.access.addRule(args.pattern, rule as AccessRule, msg.frm, args.at);
    return `Added runtime rule ${number}: ${describeRule(this.bot.access.rules()[number - 1]!)}`;
  }

  @command({ name: 'acl remove', help: 'Remove a runtime access rule by its number in acl list', syntax: '<number>', admin: true })
  async remove(_msg: Message, args: string): Promise<string> {
    const number = Number(args.trim());
    if (!args.trim() || !Number.isInteger(number)) throw new UserError(`Give the rule's number, as shown by ${this.bot.prefix}acl list.`);
    const removed = await this.bot.access.removeRule(number);
    return `Removed runtime rule ${number} (${removed.pattern}, added by ${removed.addedBy}).`;
  }

  @argCommand({
    name: 'acl explain',
    help: 'Which rule applies when a person runs a command, and what it decides',
    usage: '<user> <command..>',
    admin: true,
    args: (y) =>
      y
        .positional('user', { type: 'string' })
        .positional('command', { type: 'string', array: true })
        .option('in', { type: 'string', describe: 'a room (default: a direct message)' })
        .option('args', { type: 'string', describe: 'the argument text to check' }),
  })
  explain(_msg: Message, args: ExplainArgs): string {
    const person = this.bot.buildIdentifier(args.user);
    if (isRoom(person)) throw new UserError(`${args.user} is a room; name a person first.`);
    const where: Person | Room = args.in ? this.bot.queryRoom(args.in) : (person as Person);
    const decision = this.bot.access.explain(person as Person, args.command.join(' '), where, args.args ?? '');
    const place = isRoom(where) ? `in ${where.name}` : 'in a direct message';
    const verdict = decision.refusal ? `may not run it ${place}: ${decision.refusal}` : `may run it ${place}`;
    const by = decision.source ? `decided by ${describeRule(decision.source)}` : 'no rule names this command';
    return `${args.user} → ${decision.plugin}:${decision.command}: ${verdict} (${by}).`;
  }
}

function describeRule(source: AccessRuleSource): string {
  const where = source.origin === 'runtime' ? `runtime rule ${source.number}` : 'config.ts rule';
  const parts = Object.entries(source.rule)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`);
  return `${where} "${source.pattern}": ${parts.join(' ') || '(no restrictions)'}`;
}
