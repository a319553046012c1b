import { Plugin, command, type AuditEntry, type Message } from 'banter';

/** `!audit`: who ran what, where, and how it ended (admins only). */
export class AuditPlugin extends Plugin {
  static override metadata = { name: 'audit', description: 'The record of commands run' };

  @command({ help: 'Recent command runs, newest first', syntax: '[count] [@user]', admin: true })
  audit(_msg: Message, args: string): string {
    const words = args.split(/\s+/).filter(Boolean);
    const count = Math.min(Number(words.find((w) => /^\d+$/.test(w)) ?? 10), 100);
    const user = words.find((w) => !/^\d+$/.test(w));
    const entries = this.bot.audit(count, user);
    if (entries.length === 0) return user ? `No commands recorded for ${user}.` : 'No commands recorded yet.';
    return entries.map(line).join('\n');
  }
}

function line(e: AuditEntry): string {
  const args = e.args ? ` ${e.args}` : '';
  const id = e.errorId ? ` (error id ${e.errorId})` : '';
  return `${e.at.toISOString()} ${e.user} in ${e.where}: ${e.command}${args} → ${e.outcome}${id}, ${e.durationMs.toFixed(1)} ms`;
}
