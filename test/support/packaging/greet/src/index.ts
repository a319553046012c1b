import { Plugin, command, type Message } from 'banter';

/** Greets people, and remembers how many times it greeted each one. */
export class Greet extends Plugin {
  static override metadata = { name: 'greet', description: 'Greets people and counts the greetings' };

  @command({ name: 'greet', help: 'Greet someone, or whoever asks', syntax: '[name]' })
  async greet(msg: Message, args: string) {
    const who = args || msg.frm.nick;
    const times = await this.storage.update<number>(`greeted:${who}`, (count = 0) => count + 1);
    return times === 1 ? `hello ${who}` : `hello again ${who} (${times} times now)`;
  }
}
