import { Plugin, command, UserError, type CommandInfo, type Message } from 'banter';

/**
 * `!help`: every command by plugin, one plugin's commands, or one command's syntax. Hidden commands are left
 * out, and so is whatever the asker may not run (admin-only commands, commands a filter would block).
 */
export class HelpPlugin extends Plugin {
  static override metadata = { name: 'help', description: 'Lists commands and explains them' };

  @command({ help: 'List commands, or explain a plugin or command', syntax: '[plugin | command]' })
  async help(msg: Message, args: string): Promise<string> {
    const visible: CommandInfo[] = [];
    for (const c of this.bot.commands()) {
      // Regex commands have no name to look up, so only authorization (admin) applies to them.
      const allowed =
        !this.bot.hideRestricted || (c.kind === 'regex' ? !c.admin || this.bot.isAdmin(msg.frm) : await this.bot.canRun(msg, c.name));
      if (!c.hidden && allowed) visible.push(c);
    }
    const topic = args.trim().toLowerCase().replace(new RegExp(`^${escape(this.bot.prefix)}`), '');
    if (!topic) return this.overview(visible);
    const plugin = this.bot.plugins().find((p) => p.name === topic && p.state === 'active');
    if (plugin) {
      const commands = visible.filter((c) => c.plugin === plugin.name);
      return [`**${plugin.name}**${plugin.description ? ` — ${plugin.description}` : ''}`, ...commands.map((c) => this.line(c))].join('\n');
    }
    const found = visible.find((c) => c.name === topic || c.aliases.includes(topic));
    if (found) return this.detail(found);
    throw new UserError(`There is no plugin or command named "${args.trim()}". ${this.bot.prefix}help lists them.`);
  }

  private overview(commands: CommandInfo[]): string {
    const lines = [`Commands (prefix ${this.bot.prefix}; ${this.bot.prefix}help <command> for details):`];
    for (const plugin of this.bot.plugins()) {
      const own = commands.filter((c) => c.plugin === plugin.name);
      if (own.length === 0) continue;
      lines.push(`**${plugin.name}**${plugin.description ? ` — ${plugin.description}` : ''}`);
      for (const c of own) lines.push(this.line(c));
    }
    return lines.join('\n');
  }

  private line(c: CommandInfo): string {
    const usage = c.kind === 'regex' ? (c.syntax ?? c.name) : `${this.bot.prefix}${c.name}${c.syntax ? ` ${c.syntax}` : ''}`;
    return `  ${usage}${c.help ? ` — ${c.help}` : ''}${c.admin ? ' (admin)' : ''}`;
  }

  private detail(c: CommandInfo): string {
    const lines = [this.line(c).trim(), `plugin: ${c.plugin}`];
    if (c.aliases.length) lines.push(`aliases: ${c.aliases.map((a) => this.bot.prefix + a).join(', ')}`);
    if (c.kind === 'args') lines.push(`options: ${this.bot.prefix}${c.name} --help`);
    if (c.kind === 'regex' && !c.prefixed) lines.push('runs on any message that matches, without the prefix');
    return lines.join('\n');
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
