import type { PlainCommandOptions } from '../commands/command-spec.ts';
import { normalizeCommandName } from '../commands/command-name.ts';
import { declareCommand } from '../commands/command-registry-metadata.ts';
import type { PlainCommandHandler } from './handler-types.ts';
import { assertLegacyDecorator } from './decorator-target.ts';
import { baseSpec } from './base-spec.ts';

/**
 * Declare a plugin method as a chat command. The handler receives the message and the text after the
 * command name, and returns a reply (`string` or `Card`), nothing, or an (async) iterable of replies.
 *
 * @example
 * ```ts
 * import { Plugin, command, type Message } from 'banter';
 * export class Greeter extends Plugin {
 *   static override metadata = { name: 'greeter', description: 'Says hello' };
 *   @command({ help: 'Say hello to someone', syntax: '[name]' })
 *   hello(msg: Message, args: string) {
 *     return `hello ${args || msg.frm.nick}`;
 *   }
 * }
 * ```
 */
export function command(options: PlainCommandOptions = {}) {
  return <Handler extends PlainCommandHandler>(target: object, key: string, _descriptor: TypedPropertyDescriptor<Handler>): void => {
    assertLegacyDecorator('command', key);
    const name = options.name ? normalizeCommandName(options.name) : normalizeCommandName(key, true);
    declareCommand(target.constructor, { kind: 'plain', ...baseSpec(key, name, options), syntax: options.syntax });
  };
}
