import { Plugin, UserError, command, type ConversationInfo, type Message } from 'banter';

/**
 * `!flows …`: the conversations plugins offer and those in progress. Anyone sees the flows and their own
 * conversations and can stop them; admins see and stop everyone's.
 */
export class FlowsPlugin extends Plugin {
  static override metadata = { name: 'flows', description: 'Multi-step conversations: list, status, stop' };

  @command({ name: 'flows list', help: 'The conversations plugins offer' })
  list(): string {
    const flows = this.bot.flows.definitions();
    if (flows.length === 0) return 'No plugin offers a conversation.';
    return flows.map((f) => `${f.plugin}:${f.flow} (${f.scope === 'room' ? 'room-wide' : 'one person'})${f.description ? ` — ${f.description}` : ''}`).join('\n');
  }

  @command({ name: 'flows status', help: 'Conversations in progress (yours; everyone\'s for admins)' })
  status(msg: Message): string {
    const mine = this.visible(msg);
    if (mine.length === 0) return 'No conversation in progress.';
    return mine.map(describe).join('\n');
  }

  @command({ name: 'flows stop', help: 'End your conversation here (or the one named) without finishing it', syntax: '[flow]' })
  async stop(msg: Message, args: string): Promise<string> {
    const flow = args.trim();
    const place = String(msg.room ?? msg.frm);
    const who = msg.frm.aclattr;
    // Yours, and room-wide ones in this room; all of those here, or the one named wherever it is.
    const here = (c: ConversationInfo) => c.place === place;
    const ended = await this.bot.flows.cancel(
      (c) => (c.startedBy === who || (c.scope === 'room' && here(c))) && (flow ? c.flow === flow : here(c)),
    );
    if (ended.length === 0) throw new UserError(flow ? `You have no ${flow} conversation going on.` : 'No conversation of yours is going on here.');
    return `Ended ${ended.map((c) => c.flow).join(', ')}.`;
  }

  @command({ name: 'flows kill', help: 'End someone\'s conversations', syntax: '<user> [flow]', admin: true })
  async kill(_msg: Message, args: string): Promise<string> {
    const [user, flow] = args.trim().split(/\s+/);
    if (!user) throw new UserError(`Usage: ${this.bot.prefix}flows kill <user> [flow]`);
    const ended = await this.bot.flows.cancel((c) => c.startedBy === user && (!flow || c.flow === flow));
    if (ended.length === 0) return `${user} has no conversation${flow ? ` named ${flow}` : ''} in progress.`;
    return `Ended ${ended.map(describe).join('; ')}.`;
  }

  private visible(msg: Message): ConversationInfo[] {
    const all = this.bot.flows.conversations();
    if (this.bot.isAdmin(msg.frm)) return all;
    const who = msg.frm.aclattr;
    return all.filter((c) => c.startedBy === who);
  }
}

function describe(c: ConversationInfo): string {
  const where = c.inRoom ? `in ${c.place}` : 'in a direct message';
  return `${c.plugin}:${c.flow} with ${c.scope === 'room' ? 'the room' : c.startedBy} ${where}, waiting at "${c.step}" until ${c.expiresAt.toISOString()}`;
}
