import { declareFilter } from '../commands/command-registry-metadata.ts';
import { assertLegacyDecorator } from './decorator-target.ts';
import type { CommandFilterHandler } from './handler-types.ts';

/**
 * Declare a method that sees every command after authorization and before it runs. It may let it run,
 * block it (return `null`), or change its arguments (return `{ args }`). Filters run in plugin activation
 * order. A filter that throws blocks the command (in doubt, do not run); a `UserError` it throws is replied.
 *
 * @example
 * ```ts
 * import { Plugin, commandFilter, type CommandInvocation } from 'banter';
 * export class NoFridayDeploys extends Plugin {
 *   static override metadata = { name: 'no-friday-deploys' };
 *   @commandFilter()
 *   guard(call: CommandInvocation) {
 *     if (call.command === 'deploy' && new Date().getDay() === 5) return null;
 *     return undefined;
 *   }
 * }
 * ```
 */
export function commandFilter() {
  return <Handler extends CommandFilterHandler>(target: object, key: string, _descriptor: TypedPropertyDescriptor<Handler>): void => {
    assertLegacyDecorator('commandFilter', key);
    declareFilter(target.constructor, key);
  };
}
