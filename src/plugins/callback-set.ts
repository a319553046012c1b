import type { Logger } from '../logger.ts';
import type { Plugin } from '../plugin.ts';
import { withTimeout, isThenable } from '../dispatch/with-timeout.ts';
import { BanterError } from '../errors/banter-error.ts';

/** The optional plugin hooks the bot fans events out to. */
export type CallbackName =
  | 'onMessage'
  | 'onMention'
  | 'onPresence'
  | 'onReaction'
  | 'onRoomJoined'
  | 'onRoomLeft'
  | 'onRoomTopic'
  | 'onBotMessage'
  | 'onCardAction'
  | 'onConnect'
  | 'onDisconnect';

const CALLBACKS: readonly CallbackName[] = [
  'onMessage',
  'onMention',
  'onPresence',
  'onReaction',
  'onRoomJoined',
  'onRoomLeft',
  'onRoomTopic',
  'onBotMessage',
  'onCardAction',
  'onConnect',
  'onDisconnect',
];

/**
 * Which active plugins implement which hook, kept as one list per hook so an event only visits plugins that
 * asked for it (no per-message scan over every plugin). A hook that throws or hangs is logged and skipped;
 * it never stops the others or the bot.
 */
export class CallbackSet {
  // A plain object of arrays: `has()` runs several times per message, and a property read beats a Map lookup.
  readonly #lists = Object.fromEntries(CALLBACKS.map((name) => [name, []])) as unknown as Record<CallbackName, Plugin<unknown>[]>;
  readonly #log: Logger;
  readonly #timeoutMs: number;

  constructor(log: Logger, timeoutMs: number) {
    this.#log = log;
    this.#timeoutMs = timeoutMs;
  }

  /** Register every hook `plugin` implements. */
  add(plugin: Plugin<unknown>): void {
    for (const name of CALLBACKS) if (typeof plugin[name] === 'function') this.#lists[name].push(plugin);
  }

  /** Unregister `plugin` from every hook. */
  remove(plugin: Plugin<unknown>): void {
    for (const name of CALLBACKS) this.#lists[name] = this.#lists[name].filter((p) => p !== plugin);
  }

  /** Whether any active plugin implements `name`. */
  has(name: CallbackName): boolean {
    return this.#lists[name].length > 0;
  }

  /** Call hook `name` on every plugin that has it, concurrently; resolves when all have finished. */
  async emit(name: CallbackName, ...args: unknown[]): Promise<void> {
    const list = this.#lists[name];
    if (list.length === 0) return;
    await Promise.all(list.map((plugin) => this.call(plugin, name, args)));
  }

  private async call(plugin: Plugin<unknown>, name: CallbackName, args: unknown[]): Promise<void> {
    try {
      const hook = plugin[name] as (...a: unknown[]) => unknown;
      const result = hook.apply(plugin, args);
      if (isThenable(result)) {
        await withTimeout(
          result,
          this.#timeoutMs,
          () => new BanterError('E_CALLBACK_TIMEOUT', `${plugin.name}.${name} did not finish within ${this.#timeoutMs} ms`),
        );
      }
    } catch (err) {
      this.#log.error({ err, plugin: plugin.name, callback: name }, 'plugin callback failed');
    }
  }
}
