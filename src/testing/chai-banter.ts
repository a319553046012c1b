import type { Card } from '../card.ts';
import type { PluginInfo } from '../plugin-services.ts';

/** What an expected answer may be: the replies joined by newlines, a pattern for them, or each reply in order. */
export type ExpectedAnswer = string | RegExp | readonly string[];

declare global {
  // Merged into @types/chai's namespace, so `expect(bot).to.answer(…)` type-checks once the plugin is used.
  namespace Chai {
    interface Assertion {
      /**
       * On a `TestBot`: say `text` and check the replies (joined by newlines for a string or pattern, or one by
       * one for a list). Without `expected`, that there is any reply; with `.not`, the opposite. Await it.
       */
      answer(text: string, expected?: ExpectedAnswer): Promise<void>;
      /** On a message: that it is addressed to `identifier` (`#ops`, `@alice`), compared as text. */
      addressedTo(identifier: string): Assertion;
      /** On a message: that it is in a thread (that one, when `threadId` is given). */
      inThread(threadId?: string): Assertion;
      /** On a message: that it carries a card (with at least these fields, compared deeply). */
      card(expected?: Partial<Card>): Assertion;
      /** On a `TestBot` or `Bot`: that the plugin `name` is loaded and active (the failure shows its error). */
      activePlugin(name: string): Assertion;
    }
  }
}

/** The parts of an assertion the helpers use; chai's `Assertion` has them. */
interface AssertionContext {
  // chai's own name for the value under test.
  readonly _obj: unknown;
  assert(expression: unknown, message: string, negatedMessage: string, expected?: unknown, actual?: unknown, showDiff?: boolean): void;
}

/** The parts of chai that {@link banterAssertions} uses, so `banter/testing` needs no runtime chai of its own. */
export interface ChaiWithAssertion {
  readonly Assertion: {
    // `any[]`: chai hands the caller's arguments through untyped; each method below declares its own.
    addMethod(name: string, method: (this: AssertionContext, ...args: any[]) => unknown): void;
  };
}

/** The parts of chai's `utils` that {@link banterAssertions} uses. */
export interface ChaiComparison {
  eql(a: unknown, b: unknown): boolean;
}

interface Speaker {
  replies(text: string): Promise<string[]>;
}
interface PluginOwner {
  plugins(): PluginInfo[];
}
interface Addressed {
  readonly to: unknown;
  readonly threadId?: string;
  readonly extras?: Readonly<Record<string, unknown>>;
}

/**
 * Chai assertions for plugin tests, in the words of a chat transcript. Register once per test file (or in a
 * mocha setup file) with `use(banterAssertions)` from `chai`.
 *
 * @example
 * ```ts
 * import { expect, use } from 'chai';
 * import { Plugin, command } from 'banter';
 * import { banterAssertions, createTestBot } from 'banter/testing';
 * use(banterAssertions);
 * class Greeter extends Plugin {
 *   static override metadata = { name: 'greeter' };
 *   @command() hi() { return 'hello'; }
 * }
 * const bot = await createTestBot({ plugins: [Greeter] });
 * await expect(bot).to.answer('!hi', 'hello');
 * await expect(bot.in('#ops')).to.answer('!hi', /hel+o/);
 * expect(bot).to.have.activePlugin('greeter');
 * await bot.stop();
 * ```
 */
export function banterAssertions(chai: ChaiWithAssertion, utils: ChaiComparison): void {
  const { Assertion } = chai;

  Assertion.addMethod('answer', async function (this: AssertionContext, text: string, expected?: ExpectedAnswer) {
    const speaker = this._obj as Partial<Speaker> | null;
    if (typeof speaker?.replies !== 'function') throw new TypeError('expect(x).to.answer() needs a TestBot, from createTestBot()');
    const replies = await speaker.replies(text);
    const said = replies.length === 0 ? 'nothing' : JSON.stringify(replies.join('\n'));
    if (expected === undefined) {
      this.assert(replies.length > 0, `expected an answer to "${text}", but the bot said nothing`, `expected no answer to "${text}", but the bot said ${said}`);
    } else if (typeof expected === 'string') {
      const joined = replies.join('\n');
      this.assert(joined === expected, `expected "${text}" to be answered #{exp}, but the bot said ${said}`, `expected "${text}" not to be answered #{exp}`, expected, joined, true);
    } else if (expected instanceof RegExp) {
      this.assert(expected.test(replies.join('\n')), `expected "${text}" to be answered with text matching #{exp}, but the bot said ${said}`, `expected "${text}" not to be answered with text matching #{exp}, but the bot said ${said}`, expected, replies.join('\n'));
    } else {
      this.assert(utils.eql(replies, [...expected]), `expected "${text}" to be answered #{exp}, but the replies were #{act}`, `expected "${text}" not to be answered #{exp}`, [...expected], replies, true);
    }
  });

  Assertion.addMethod('addressedTo', function (this: AssertionContext, identifier: string) {
    const to = String(addressed(this._obj, 'addressedTo').to);
    this.assert(to === identifier, 'expected the message to be addressed to #{exp}, but it went to #{act}', 'expected the message not to be addressed to #{exp}', identifier, to);
  });

  Assertion.addMethod('inThread', function (this: AssertionContext, threadId?: string) {
    const actual = addressed(this._obj, 'inThread').threadId;
    if (threadId === undefined) {
      this.assert(actual !== undefined, 'expected the message to be in a thread, but it is not', `expected the message not to be in a thread, but it is in ${actual}`);
    } else {
      this.assert(actual === threadId, 'expected the message to be in thread #{exp}, but it is in #{act}', 'expected the message not to be in thread #{exp}', threadId, actual);
    }
  });

  Assertion.addMethod('card', function (this: AssertionContext, expected?: Partial<Card>) {
    const card = addressed(this._obj, 'card').extras?.['card'] as Record<string, unknown> | undefined;
    if (expected === undefined || card === undefined) {
      this.assert(card !== undefined, 'expected the message to carry a card, but it is plain text', 'expected the message not to carry a card, but it carries #{act}', undefined, card);
      return;
    }
    const subset = Object.fromEntries(Object.keys(expected).map((key) => [key, card[key]]));
    this.assert(utils.eql(subset, expected), 'expected the card to have #{exp}, but it has #{act}', 'expected the card not to have #{exp}', expected, subset, true);
  });

  Assertion.addMethod('activePlugin', function (this: AssertionContext, name: string) {
    const owner = this._obj as { bot?: PluginOwner } & Partial<PluginOwner>;
    const plugins = typeof owner?.plugins === 'function' ? owner.plugins() : owner?.bot?.plugins();
    if (!plugins) throw new TypeError('expect(x).to.have.activePlugin() needs a TestBot or a Bot');
    const plugin = plugins.find((p) => p.name === name);
    const state = plugin ? `${plugin.state}${plugin.error ? ` (${plugin.error})` : ''}` : `not loaded (loaded: ${plugins.map((p) => p.name).join(', ') || 'none'})`;
    this.assert(plugin?.state === 'active', `expected plugin "${name}" to be active, but it is ${state}`, `expected plugin "${name}" not to be active`);
  });
}

function addressed(value: unknown, assertion: string): Addressed {
  if (typeof value !== 'object' || value === null || !('to' in value)) {
    throw new TypeError(`expect(x).to.be.${assertion}() needs a message, e.g. one of the replies from bot.exchange()`);
  }
  return value as Addressed;
}
