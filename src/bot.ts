import { inject, injectable } from 'inversify';
import type { Backend, BackendEventSink, SentMessage } from './backend.ts';
import type { Capability } from './capabilities.ts';
import type { Card } from './card.ts';
import type { BanterConfig } from './config/config-schema.ts';
import type { CardActionEvent, FileUpload, Presence, PresenceStatus, Reaction, RoomEvent } from './events.ts';
import type { Identifier, Person, Room } from './identifiers.ts';
import type { Logger } from './logger.ts';
import type { Message } from './message.ts';
import type { BotStatus, CommandInfo, PluginInfo, PluginServices, SendOptions } from './plugin-services.ts';
import type { StorageProvider } from './storage.ts';
import type { CommandSpec } from './commands/command-spec.ts';
import { TOKENS } from './di/tokens.ts';
import { Authorizer } from './authorization/authorizer.ts';
import { CommandExecutor } from './dispatch/command-executor.ts';
import { CommandTable } from './dispatch/command-table.ts';
import { Outbox } from './dispatch/outbox.ts';
import { Router } from './dispatch/router.ts';
import { CallbackSet } from './plugins/callback-set.ts';
import { PluginManager } from './plugins/plugin-manager.ts';
import type { LoadedPlugin } from './plugins/plugin-loader.ts';

const DONE: Promise<void> = Promise.resolve();
/** The core's namespace for plugin configuration set from chat (plugin names cannot contain dots). */
const CORE_PLUGIN_CONFIG = 'core.plugin-config';

/**
 * The bot: it has a backend (it does not extend one), receives its events, routes messages to commands and
 * fans events out to plugin hooks. It is also the {@link PluginServices} every plugin uses. Built by the
 * composition root ({@link createBot}); one per inversify container.
 */
@injectable()
export class Bot implements BackendEventSink, PluginServices {
  /** Loads, activates and deactivates plugins. */
  readonly pluginManager: PluginManager;
  readonly #config: BanterConfig;
  readonly #log: Logger;
  readonly #backend: Backend;
  readonly #storage: StorageProvider;
  readonly #table: CommandTable;
  readonly #callbacks: CallbackSet;
  readonly #authorizer: Authorizer;
  readonly #outbox: Outbox;
  readonly #router: Router;
  readonly #executor: CommandExecutor;
  readonly #sources: readonly LoadedPlugin[];
  readonly #startedAt = new Date();
  #messagesIn = 0;
  #connected = false;
  #ready = false;
  #readyWaiters: Array<() => void> = [];
  #stopping: Promise<void> | undefined;
  #stopped!: () => void;
  readonly #stoppedPromise = new Promise<void>((resolve) => (this.#stopped = resolve));

  constructor(
    @inject(TOKENS.Config) config: BanterConfig,
    @inject(TOKENS.Logger) log: Logger,
    @inject(TOKENS.Backend) backend: Backend,
    @inject(TOKENS.Storage) storage: StorageProvider,
    @inject(CommandTable) table: CommandTable,
    @inject(CallbackSet) callbacks: CallbackSet,
    @inject(Authorizer) authorizer: Authorizer,
    @inject(Outbox) outbox: Outbox,
    @inject(Router) router: Router,
    @inject(CommandExecutor) executor: CommandExecutor,
    @inject(TOKENS.PluginSources) sources: readonly LoadedPlugin[],
  ) {
    this.#sources = sources;
    this.#config = config;
    this.#log = log;
    this.#backend = backend;
    this.#storage = storage;
    this.#table = table;
    this.#callbacks = callbacks;
    this.#authorizer = authorizer;
    this.#outbox = outbox;
    this.#router = router;
    this.#executor = executor;
    this.pluginManager = new PluginManager({
      table,
      callbacks,
      executor,
      storage,
      services: this,
      log,
      pluginConfig: config.plugins.config,
      hookTimeoutMs: config.commandTimeoutMs,
    });
  }

  /** The backend this bot talks through. */
  get backend(): Backend {
    return this.#backend;
  }

  /**
   * Register plugins (failing loudly on name clashes), connect the backend, activate the plugins in
   * dependency order, then start handling messages.
   */
  async start(): Promise<void> {
    this.pluginManager.register(this.#sources);
    await this.#storage.ready?.();
    this.pluginManager.useConfigStore(await this.#storage.open(CORE_PLUGIN_CONFIG));
    this.#backend.attach(this);
    await this.#backend.connect();
    this.#connected = true;
    const nick = this.#backend.botIdentifier.nick.toLowerCase();
    const name = this.#config.name.toLowerCase();
    this.#router.setAltPrefixes(this.#config.altPrefixes?.map((p) => p.toLowerCase()) ?? [...new Set([name, `@${name}`, nick, `@${nick}`])]);
    await this.pluginManager.activateAll();
    this.#ready = true;
    for (const wake of this.#readyWaiters.splice(0)) wake();
    await this.#callbacks.emit('onConnect');
    this.#log.info({ backend: this.#backend.mode, plugins: this.pluginManager.info().filter((p) => p.state === 'active').length }, 'bot ready');
  }

  /** Deactivate plugins, disconnect, close storage. Safe to call more than once. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      try {
        await this.pluginManager.deactivateAll();
      } finally {
        try {
          await this.#backend.disconnect();
        } finally {
          this.#connected = false;
          await this.#storage.close();
          this.#stopped();
        }
      }
    })();
    return this.#stopping;
  }

  /** Resolves once the bot has stopped (after `stop()`, or when the backend's input ended). */
  untilStopped(): Promise<void> {
    return this.#stoppedPromise;
  }

  // ---- BackendEventSink ----

  message(message: Message): Promise<void> {
    this.#messagesIn++;
    if (!this.#ready) return this.whenReady().then(() => this.handle(message));
    return this.handle(message);
  }

  private handle(message: Message): Promise<void> {
    if (message.delayed || this.#backend.isFromSelf(message)) return DONE;
    const route = this.#router.route(message);
    let work: Promise<void> = DONE;
    if (route !== undefined) {
      if (route.kind === 'command') work = this.#executor.runCommand(message, route.entry, route.args);
      else if (route.kind === 'regex') work = this.#executor.runRegex(message, route.hits);
      else work = this.#executor.unknown(message, route.typed);
    }
    const mentions = message.mentions.length > 0 && this.#callbacks.has('onMention');
    if (!mentions && !this.#callbacks.has('onMessage')) return work;
    return Promise.all([
      work,
      this.#callbacks.emit('onMessage', message),
      mentions ? this.#callbacks.emit('onMention', message, message.mentions) : DONE,
    ]).then(() => undefined);
  }

  presence(presence: Presence): Promise<void> {
    return this.#callbacks.emit('onPresence', presence);
  }

  reaction(reaction: Reaction): Promise<void> {
    return this.#callbacks.emit('onReaction', reaction);
  }

  roomJoined(event: RoomEvent): Promise<void> {
    return this.#callbacks.emit('onRoomJoined', event);
  }

  roomLeft(event: RoomEvent): Promise<void> {
    return this.#callbacks.emit('onRoomLeft', event);
  }

  roomTopic(event: RoomEvent): Promise<void> {
    return this.#callbacks.emit('onRoomTopic', event);
  }

  cardAction(event: CardActionEvent): Promise<void> {
    return this.#callbacks.emit('onCardAction', event);
  }

  async connected(): Promise<void> {
    this.#connected = true;
    if (this.#ready) await this.#callbacks.emit('onConnect');
  }

  async disconnected(reason?: unknown): Promise<void> {
    this.#connected = false;
    this.#log.warn({ reason: reason instanceof Error ? reason.message : reason }, 'backend disconnected');
    await this.#callbacks.emit('onDisconnect');
  }

  async ended(reason?: string): Promise<void> {
    this.#log.info({ reason }, 'backend ended; stopping');
    await this.stop();
  }

  // ---- PluginServices ----

  get botName(): string {
    return this.#config.name;
  }

  get prefix(): string {
    return this.#config.prefix;
  }

  get mode(): string {
    return this.#backend.mode;
  }

  get botIdentifier(): Person {
    return this.#backend.botIdentifier;
  }

  send(to: Identifier, text: string, options?: SendOptions): Promise<SentMessage[]> {
    return this.#outbox.send(to, text, options);
  }

  sendCard(to: Identifier, card: Card, options?: SendOptions): Promise<SentMessage> {
    return this.#outbox.sendCard(to, card, options);
  }

  uploadFile(to: Identifier, file: FileUpload, options?: SendOptions): Promise<SentMessage> {
    return this.#outbox.uploadFile(to, file, options);
  }

  react(target: Message | SentMessage, name: string): Promise<void> {
    return this.#backend.react(target, name);
  }

  unreact(target: Message | SentMessage, name: string): Promise<void> {
    return this.#backend.unreact(target, name);
  }

  async edit(sent: SentMessage, text: string): Promise<SentMessage> {
    if (this.#backend.supports('edits')) return this.#backend.edit(sent, text);
    const [first] = await this.#outbox.send(sent.to, text);
    return first!;
  }

  delete(sent: SentMessage): Promise<void> {
    return this.#backend.delete(sent);
  }

  canRun(message: Message, command: string): Promise<boolean> {
    const entry = this.#table.get(command);
    return entry ? this.#executor.canRun(message, entry) : Promise.resolve(false);
  }

  startTyping(to: Identifier): Promise<void> {
    // Typing is cosmetic: where the backend has no indicator, there is nothing to degrade to.
    return this.#backend.supports('typing') ? this.#backend.startTyping(to) : DONE;
  }

  changePresence(status: PresenceStatus, message?: string): Promise<void> {
    return this.#backend.changePresence(status, message);
  }

  supports(capability: Capability): boolean {
    return this.#backend.supports(capability);
  }

  buildIdentifier(text: string): Identifier {
    return this.#backend.buildIdentifier(text);
  }

  queryRoom(name: string): Room {
    return this.#backend.queryRoom(name);
  }

  rooms(): Promise<Room[]> {
    return this.#backend.rooms();
  }

  async warnAdmins(text: string): Promise<void> {
    for (const admin of this.#config.admins) {
      if (/[*?]/.test(admin)) continue; // a glob names no one to write to
      try {
        await this.#outbox.send(this.#backend.buildIdentifier(admin), text);
      } catch (err) {
        this.#log.warn({ err, admin }, 'could not warn an admin');
      }
    }
  }

  isAdmin(person: Person): boolean {
    return this.#authorizer.isAdmin(person);
  }

  plugins(): PluginInfo[] {
    return this.pluginManager.info();
  }

  pluginConfiguration(name: string): Promise<{ readonly value: unknown; readonly source: string }> {
    return this.pluginManager.configuration(name);
  }

  configurePlugin(name: string, config: unknown): Promise<void> {
    return this.pluginManager.configure(name, config);
  }

  activatePlugin(name: string): Promise<void> {
    return this.pluginManager.activate(name);
  }

  deactivatePlugin(name: string): Promise<void> {
    return this.pluginManager.deactivate(name);
  }

  restartPlugin(name: string): Promise<void> {
    return this.pluginManager.restart(name);
  }

  commands(): CommandInfo[] {
    const infos: CommandInfo[] = [];
    for (const plugin of this.pluginManager.info()) {
      const instance = this.pluginManager.instance(plugin.name);
      if (!instance) continue;
      for (const name of plugin.commands) {
        const entry = this.#table.get(name);
        const spec = entry?.plugin === plugin.name ? entry.spec : undefined;
        if (spec) infos.push(toInfo(plugin.name, spec));
      }
      for (const entry of [...this.#table.prefixedRegex, ...this.#table.hearRegex]) {
        if (entry.plugin === plugin.name) infos.push(toInfo(plugin.name, entry.spec));
      }
    }
    return infos;
  }

  status(): BotStatus {
    return {
      name: this.#config.name,
      backend: this.#backend.mode,
      connected: this.#connected,
      startedAt: this.#startedAt,
      storage: this.#storage.description,
      messagesIn: this.#messagesIn,
      commandsRun: this.#executor.stats.run,
      commandsFailed: this.#executor.stats.failed,
    };
  }

  private whenReady(): Promise<void> {
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }
}

function toInfo(plugin: string, s: CommandSpec): CommandInfo {
  return {
    name: s.name,
    plugin,
    kind: s.kind,
    help: s.help,
    syntax: s.syntax,
    hidden: s.hidden,
    admin: s.admin,
    aliases: s.aliases,
    prefixed: s.kind === 'regex' ? s.prefixed : true,
  };
}
