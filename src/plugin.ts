import type { Capability } from './capabilities.ts';
import type { Card } from './card.ts';
import type { CardActionEvent, FileUpload, Presence, Reaction, RoomEvent } from './events.ts';
import type { Identifier, Person, Room } from './identifiers.ts';
import type { Logger } from './logger.ts';
import type { Message } from './message.ts';
import type { PluginMetadata } from './plugin-metadata.ts';
import type { PluginServices, SendOptions } from './plugin-services.ts';
import type { PluginStorage } from './plugin-storage.ts';
import type { SentMessage } from './backend.ts';
import type { Awaitable } from './decorators/handler-types.ts';
import { PluginStateError } from './errors/plugin-state-error.ts';
import type { PluginSchedule } from './scheduling/plugin-schedule.ts';
import type { ScheduledJob } from './scheduling/scheduler.ts';

/** What the plugin manager hands a plugin's constructor. */
export interface PluginContext<Config = unknown> {
  readonly name: string;
  /** The plugin's configuration, validated against `metadata.config` with defaults applied. */
  readonly config: Config;
  readonly storage: PluginStorage;
  readonly log: Logger;
  readonly services: PluginServices;
  /** Another active plugin, if `name` is in this plugin's `dependsOn`. */
  readonly getPlugin: (name: string) => Plugin<unknown>;
  /**
   * This activation's pollers and schedules (`startPoller`, `@cron`), stopped by the manager on deactivation.
   * The plugin manager always passes it; a plugin built by hand without it cannot start pollers.
   */
  readonly schedule?: PluginSchedule;
}

// Survives duplicated copies of banter in node_modules, where instanceof would not.
const PLUGIN_BRAND = Symbol.for('banter.plugin');

/**
 * Base class of every plugin. Declare `static metadata`, decorate methods with `@command`,
 * `@regexCommand`, `@argCommand` or `@commandFilter`, and override the optional hooks you need
 * (`activate`, `deactivate`, `onMessage`, `onMention`, `onPresence`, `onReaction`, `onRoomJoined`,
 * `onRoomLeft`, `onRoomTopic`, `onBotMessage`, `onCardAction`). The manager calls the hooks around its own
 * bookkeeping, so there is no `super` call to forget.
 *
 * @example
 * ```ts
 * import { Plugin, command, type Message } from 'banter';
 * export class Hello extends Plugin {
 *   static override metadata = { name: 'hello', description: 'Greets people' };
 *   @command({ help: 'Say hello' })
 *   hi(msg: Message) {
 *     return `hello ${msg.frm.nick}`;
 *   }
 * }
 * ```
 */
export abstract class Plugin<Config = unknown> {
  /** Name, description, dependencies and config schema: every plugin class sets it. */
  static metadata: PluginMetadata | undefined = undefined;
  static readonly [PLUGIN_BRAND] = true;

  /** The plugin's name (from its metadata). */
  readonly name: string;
  /** Validated configuration. */
  readonly config: Config;
  /** This plugin's own namespace of the bot's store. */
  protected readonly storage: PluginStorage;
  /** Logger tagged with the plugin's name. */
  protected readonly log: Logger;
  /** Everything else the bot offers. */
  protected readonly bot: PluginServices;
  readonly #getPlugin: (name: string) => Plugin<unknown>;
  readonly #schedule: PluginSchedule | undefined;

  constructor(context: PluginContext<Config>) {
    this.name = context.name;
    this.config = context.config;
    this.storage = context.storage;
    this.log = context.log;
    this.bot = context.services;
    this.#getPlugin = context.getPlugin;
    this.#schedule = context.schedule;
  }

  /** Called after the plugin's commands are registered; throw to mark the plugin failed. */
  activate?(): Awaitable<void>;
  /** Called before the plugin's commands are removed (stop timers and connections here). */
  deactivate?(): Awaitable<void>;
  /** Every message the bot receives that is not its own, commands included. */
  onMessage?(message: Message): Awaitable<void>;
  /** A message that mentions people (the backend decides what counts as a mention). */
  onMention?(message: Message, people: readonly Person[]): Awaitable<void>;
  onPresence?(presence: Presence): Awaitable<void>;
  onReaction?(reaction: Reaction): Awaitable<void>;
  onRoomJoined?(event: RoomEvent): Awaitable<void>;
  onRoomLeft?(event: RoomEvent): Awaitable<void>;
  onRoomTopic?(event: RoomEvent): Awaitable<void>;
  /** Every message the bot sends. */
  onBotMessage?(message: Message): Awaitable<void>;
  onCardAction?(event: CardActionEvent): Awaitable<void>;
  /** The backend connected (again). */
  onConnect?(): Awaitable<void>;
  /** The backend lost its connection. */
  onDisconnect?(): Awaitable<void>;

  /** Send text to a person or room. Long text is split at the backend's size limit. */
  protected send(to: Identifier, text: string, options?: SendOptions): Promise<SentMessage[]> {
    return this.bot.send(to, text, options);
  }

  /** Send a card; backends without cards get its text rendering. */
  protected sendCard(to: Identifier, card: Card, options?: SendOptions): Promise<SentMessage> {
    return this.bot.sendCard(to, card, options);
  }

  /** Upload a file; throws NotSupportedError where the backend has no files. */
  protected uploadFile(to: Identifier, file: FileUpload, options?: SendOptions): Promise<SentMessage> {
    return this.bot.uploadFile(to, file, options);
  }

  /** React to a message; throws NotSupportedError where the backend has no reactions. */
  protected react(target: Message | SentMessage, name: string): Promise<void> {
    return this.bot.react(target, name);
  }

  /** Replace a sent message's text (sent anew where the backend has no edits). */
  protected edit(sent: SentMessage, text: string): Promise<SentMessage> {
    return this.bot.edit(sent, text);
  }

  /** Whether the current backend has `capability`. */
  protected supports(capability: Capability): boolean {
    return this.bot.supports(capability);
  }

  protected buildIdentifier(text: string): Identifier {
    return this.bot.buildIdentifier(text);
  }

  protected queryRoom(name: string): Room {
    return this.bot.queryRoom(name);
  }

  protected warnAdmins(text: string): Promise<void> {
    return this.bot.warnAdmins(text);
  }

  /**
   * Call `fn` every `intervalMs` milliseconds, the first time `intervalMs` from now, with `this` as the plugin
   * (so `this.startPoller(60_000, this.check)` works). `fn` may be async. An error or rejection is logged and
   * the poller continues; when a run is still going as the next one falls due, that next run is skipped.
   * Every poller stops when the plugin is deactivated. Returns the job, which `stopPoller` also accepts.
   */
  protected startPoller(intervalMs: number, fn: (at: Date) => unknown, options: { readonly name?: string } = {}): ScheduledJob {
    if (!this.#schedule) {
      throw new PluginStateError(this.name, `Plugin "${this.name}" was built without a scheduler; let the plugin manager (or createTestBot) create it.`);
    }
    return this.#schedule.every(intervalMs, (at) => fn.call(this, at), fn, options.name ?? (fn.name.replace(/^bound /, '') || undefined));
  }

  /** Stop a poller: the job `startPoller` returned, or every poller started with `fn`. Returns how many stopped. */
  protected stopPoller(target: ScheduledJob | ((at: Date) => unknown)): number {
    return this.#schedule?.stop(target) ?? 0;
  }

  /**
   * Start this plugin's flow `name` (a method decorated with `@flow`) where `message` was said, with `state` as
   * its starting state (plain data; it is stored), and ask the first question. Throws a UserError when a
   * conversation is already going on there.
   */
  protected startFlow<State>(name: string, message: Message, state: State): Promise<void> {
    return this.bot.flows.start(this.name, name, message, state);
  }

  /** Another plugin this one declared in `dependsOn`. */
  protected getPlugin<P extends Plugin<unknown>>(name: string): P {
    return this.#getPlugin(name) as P;
  }

  /** Whether `value` is a plugin class (works across duplicated copies of banter). */
  static isPluginClass(value: unknown): value is PluginClass {
    return typeof value === 'function' && (value as unknown as Record<symbol, unknown>)[PLUGIN_BRAND] === true;
  }
}

/** A concrete plugin class, as listed in config or passed to `createTestBot`. */
export type PluginClass = (new (context: PluginContext<never>) => Plugin<unknown>) & {
  metadata: PluginMetadata | undefined;
};
