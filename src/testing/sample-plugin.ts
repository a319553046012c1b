import { Plugin } from '../plugin.ts';
import { command } from '../decorators/command.ts';
import { argCommand } from '../decorators/arg-command.ts';
import { regexCommand } from '../decorators/regex-command.ts';
import { UserError } from '../errors/user-error.ts';
import type { Message } from '../message.ts';
import type { Card } from '../card.ts';

/**
 * The plugin the shared end-to-end suite drives through every backend: one command of each kind and each
 * way a command can answer or fail.
 */
export class SamplePlugin extends Plugin {
  static override metadata = { name: 'sample', description: 'Exercises every kind of command' };

  @command({ help: 'Answers pong' })
  ping(): string {
    return 'pong';
  }

  @command({ name: 'sample echo', help: 'Repeats its arguments', syntax: '<text>' })
  echo(_msg: Message, args: string): string {
    return args;
  }

  @argCommand({
    help: 'Adds two numbers',
    usage: '<a> <b>',
    args: (y) => y.positional('a', { type: 'number' }).positional('b', { type: 'number' }),
  })
  add(_msg: Message, args: { a: number; b: number }): string {
    if (Number.isNaN(args.a) || Number.isNaN(args.b)) throw new UserError('a and b must be numbers, e.g. !add 2 3');
    return String(args.a + args.b);
  }

  @regexCommand(/^shout (.+)$/i, { help: 'Shouts', syntax: 'shout <text>' })
  shout(_msg: Message, match: RegExpExecArray): string {
    return match[1]!.toUpperCase();
  }

  @command({ help: 'Counts to n, one reply each', syntax: '<n>' })
  async *count(_msg: Message, args: string): AsyncGenerator<string> {
    const n = Math.min(Number.parseInt(args, 10) || 3, 10);
    for (let i = 1; i <= n; i++) yield String(i);
  }

  @command({ help: 'Fails with a message for the user' })
  refuse(): never {
    throw new UserError('I refuse, politely.');
  }

  @command({ help: 'Crashes' })
  crash(): never {
    throw new Error('secret internal detail at /srv/app.ts:42');
  }

  @command({ help: 'Says where it was asked' })
  whereami(msg: Message): string {
    return msg.room ? `in ${msg.room.name}` : 'in a direct message';
  }

  @command({ name: 'sample card', help: 'Answers with a card' })
  card(): Card {
    return { title: 'Sample status', fields: [['health', 'green']], fallback: undefined };
  }
}
