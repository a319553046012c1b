import type { RegexCommandOptions } from '../commands/command-spec.ts';
import { normalizeCommandName } from '../commands/command-name.ts';
import { declareCommand } from '../commands/command-registry-metadata.ts';
import { BanterError } from '../errors/banter-error.ts';
import type { RegexCommandHandler, RegexMatchAllHandler } from './handler-types.ts';
import { assertLegacyDecorator } from './decorator-target.ts';
import { baseSpec } from './base-spec.ts';

/**
 * Declare a plugin method that runs when a message matches `pattern`. Prefixed (the default) patterns are
 * tried on messages addressed to the bot when no plain command matched; with `prefixed: false` the pattern
 * is tried on every message that is not a command, like Hubot's `hear`.
 *
 * @example
 * ```ts
 * import { Plugin, regexCommand, type Message } from 'banter';
 * export class Tickets extends Plugin {
 *   static override metadata = { name: 'tickets' };
 *   @regexCommand(/\b(OPS-\d+)\b/, { prefixed: false, help: 'Links ticket ids' })
 *   link(_msg: Message, match: RegExpExecArray) {
 *     return `https://tracker.example.org/${match[1]}`;
 *   }
 * }
 * ```
 */
export function regexCommand(pattern: RegExp, options: RegexCommandOptions = {}) {
  return <Handler extends RegexCommandHandler | RegexMatchAllHandler>(
    target: object,
    key: string,
    _descriptor: TypedPropertyDescriptor<Handler>,
  ): void => {
    assertLegacyDecorator('regexCommand', key);
    const matchAll = options.matchAll ?? false;
    if (matchAll && !pattern.global) {
      throw new BanterError('E_COMMAND_OPTIONS', `regexCommand ${key}: matchAll needs a global pattern (add the g flag).`);
    }
    // A global or sticky pattern keeps lastIndex between calls; a fresh copy per use would allocate, so
    // single-match commands use a non-global copy.
    const stored = matchAll ? pattern : new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
    const name = options.name ? normalizeCommandName(options.name) : normalizeCommandName(key, true);
    declareCommand(target.constructor, {
      kind: 'regex',
      ...baseSpec(key, name, options),
      pattern: stored,
      prefixed: options.prefixed ?? true,
      matchAll,
      syntax: options.syntax ?? pattern.toString(),
    });
  };
}
