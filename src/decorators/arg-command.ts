import type { ArgCommandOptions } from '../commands/command-spec.ts';
import { normalizeCommandName } from '../commands/command-name.ts';
import { declareCommand } from '../commands/command-registry-metadata.ts';
import type { ArgCommandHandler } from './handler-types.ts';
import { assertLegacyDecorator } from './decorator-target.ts';
import { baseSpec } from './base-spec.ts';

/**
 * Declare a command whose arguments are parsed by yargs: positionals from `usage`, options from `args`.
 * Parse errors and `--help` are answered in chat with the usage; the handler only runs with valid arguments.
 *
 * @example
 * ```ts
 * import { Plugin, argCommand, type Message } from 'banter';
 * export class Deployer extends Plugin {
 *   static override metadata = { name: 'deployer' };
 *   @argCommand({
 *     help: 'Deploy a service',
 *     usage: '<service> [env]',
 *     args: (y) => y.positional('env', { choices: ['staging', 'prod'], default: 'staging' })
 *                   .option('force', { type: 'boolean', default: false }),
 *   })
 *   deploy(_msg: Message, args: { service: string; env: string; force: boolean }) {
 *     return `deploying ${args.service} to ${args.env}${args.force ? ' (forced)' : ''}`;
 *   }
 * }
 * ```
 */
export function argCommand(options: ArgCommandOptions = {}) {
  return <Handler extends ArgCommandHandler>(target: object, key: string, _descriptor: TypedPropertyDescriptor<Handler>): void => {
    assertLegacyDecorator('argCommand', key);
    const name = options.name ? normalizeCommandName(options.name) : normalizeCommandName(key, true);
    const usage = options.usage?.trim() ?? '';
    declareCommand(target.constructor, {
      kind: 'args',
      ...baseSpec(key, name, options),
      usage,
      configure: options.args,
      syntax: usage ? `${usage} [options]` : '[options]',
    });
  };
}
