import { Plugin, command, isOccupant, type Message } from 'banter';

/** `!echo` and `!whoami`. */
export class UtilsPlugin extends Plugin {
  static override metadata = { name: 'utils', description: 'Echo and identity' };

  @command({ help: 'Repeat what you say', syntax: '<text>' })
  echo(_msg: Message, args: string): string {
    return args;
  }

  @command({ help: 'How the bot sees you (the aclattr is what permissions match)' })
  whoami(msg: Message): string {
    const who = msg.frm;
    const lines = [
      `identifier: ${String(who)}`,
      `id: ${who.id}`,
      `nick: ${who.nick}`,
      `fullname: ${who.fullname}`,
      `aclattr: ${who.aclattr}`,
    ];
    if (who.email) lines.push(`email: ${who.email}`);
    if (who.client) lines.push(`client: ${who.client}`);
    if (isOccupant(who)) lines.push(`room: ${who.room}`);
    lines.push(`admin: ${this.bot.isAdmin(who) ? 'yes' : 'no'}`);
    return lines.join('\n');
  }
}
