import { inject, injectable } from 'inversify';
import type { Backend, BackendEventSink } from './backend.ts';
import type { BanterConfig } from './config/config-schema.ts';
import type { CardActionEvent, Presence, Reaction, RoomEvent } from './events.ts';
import type { Person } from './identifiers.ts';
import type { Logger } from './logger.ts';
import type { Message } from './message.ts';
import type { BotStatus, CommandInfo, PluginInfo, PluginServices } from './plugin-services.ts';
import type { StorageProvider } from './storage.ts';
import { activeCommands } from './plugins/active-commands.ts';
import { BotChatActions } from './bot-chat-actions.ts';
import { TOKENS } from './di/tokens.ts';
import { Authorizer } from './authorization/authorizer.ts';
import { AccessRules, type AccessControl } from './authorization/access-rules.ts';
import { Conversations, type FlowControl } from './flows/conversations.ts';
import { AuditLog, type AuditEntry } from './audit/audit-log.ts';
import type { WebServer } from './web/web-server.ts';
import { Confirmations } from './dispatch/confirmations.ts';
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
const CORE_ACL = 'core.acl';
const CORE_FLOWS = 'core.flows';

/**
 * The bot: it has a backend (it does not extend one), receives its events, routes messages to commands and
 * fans events out to plugin hooks. It is also the {@link PluginServices} every plugin uses, its chat actions
 * inherited from {@link BotChatActions}. Built by the composition root ({@link createBot}); one per inversify
 * container.
 */
@injectable()
export class Bot extends BotChatActions implements BackendEventSink, PluginServices {
  // TypeScript `private` rather than `#private`: in a decorated class esbuild (and so tsx) lowers `#fields`
  // to WeakMap lookups, which measurably slowed every message (docs/performance.md).
  /** Loads, activates and deactivates plugins. */
  readonly pluginManager: PluginManager;
  private readonly _storage: StorageProvider;
  private readonly _table: CommandTable;
  private readonly _callbacks: CallbackSet;
  private readonly _authorizer: Authorizer;
  private readonly _accessRules: AccessRules;
  private readonly _flows: Conversations;
  private readonly _router: Router;
  private readonly _executor: CommandExecutor;
  private readonly _audit: AuditLog;
  private readonly _confirmations: Confirmations;
  private readonly _sources: readonly LoadedPlugin[];
  private readonly _startedAt = new Date();
  private _messagesIn = 0;
  private _connected = false;
  private _web: WebServer | undefined;
  private _restartRequested = false;
  /** Set once a stop is asked for: messages arriving after that are not handled. */
  private _closing = false;
  private _ready = false;
  private _readyWaiters: Array<() => void> = [];
  private _stopping: Promise<void> | undefined;
  private _stopped!: () => void;
  private readonly _stoppedPromise = new Promise<void>((resolve) => (this._stopped = resolve));

  constructor(
    @inject(TOKENS.Config) config: BanterConfig,
    @inject(TOKENS.Logger) log: Logger,
    @inject(TOKENS.Backend) backend: Backend,
    @inject(TOKENS.Storage) storage: StorageProvider,
    @inject(CommandTable) table: CommandTable,
    @inject(CallbackSet) callbacks: CallbackSet,
    @inject(Authorizer) authorizer: Authorizer,
    @inject(AccessRules) accessRules: AccessRules,
    @inject(Conversations) flows: Conversations,
    @inject(Outbox) outbox: Outbox,
    @inject(Router) router: Router,
    @inject(CommandExecutor) executor: CommandExecutor,
    @inject(AuditLog) audit: AuditLog,
    @inject(Confirmations) confirmations: Confirmations,
    @inject(TOKENS.PluginSources) sources: readonly LoadedPlugin[],
  ) {
    super(config, log, backend, outbox);
    this._sources = sources;
    this._storage = storage;
    this._table = table;
    this._callbacks = callbacks;
    this._authorizer = authorizer;
    this._accessRules = accessRules;
    this._flows = flows;
    this._router = router;
    this._executor = executor;
    this._audit = audit;
    this._confirmations = confirmations;
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
    return this._backend;
  }

  /**
   * Register plugins (failing loudly on name clashes), connect the backend, activate the plugins in
   * dependency order, then start handling messages.
   */
  async start(): Promise<void> {
    this.pluginManager.register(this._sources);
    await this._storage.ready?.();
    this.pluginManager.useConfigStore(await this._storage.open(CORE_PLUGIN_CONFIG));
    await this._accessRules.load(await this._storage.open(CORE_ACL));
    this._backend.attach(this);
    await this._backend.connect();
    this._connected = true;
    const nick = this._backend.botIdentifier.nick.toLowerCase();
    const name = this._config.name.toLowerCase();
    this._router.setAltPrefixes(this._config.altPrefixes?.map((p) => p.toLowerCase()) ?? [...new Set([name, `@${name}`, nick, `@${nick}`])]);
    await this.pluginManager.activateAll();
    await this.announceCommands();
    await this._flows.load(await this._storage.open(CORE_FLOWS));
    this._ready = true;
    for (const wake of this._readyWaiters.splice(0)) wake();
    await this._callbacks.emit('onConnect');
    await this._web?.start();
    this._log.info({ backend: this._backend.mode, plugins: this.pluginManager.info().filter((p) => p.state === 'active').length }, 'bot ready');
  }

  /** Deactivate plugins, disconnect, close storage. Safe to call more than once. */
  stop(): Promise<void> {
    this._closing = true;
    this._stopping ??= (async () => {
      try {
        await this._web?.stop(); // first: no webhook may reach a plugin being deactivated
        this._flows.close();
        await this.pluginManager.deactivateAll();
      } finally {
        try {
          await this._backend.disconnect();
        } finally {
          this._connected = false;
          await this._storage.close();
          this._stopped();
        }
      }
    })();
    return this._stopping;
  }

  /** Whether the bot was stopped by a restart request (the CLI then starts a new one). */
  get restartRequested(): boolean {
    return this._restartRequested;
  }

  shutdown(): void {
    this.requestStop(false);
  }

  restart(): void {
    this.requestStop(true);
  }

  // After the current turn, so the command that asked still gets its reply out.
  private requestStop(restart: boolean): void {
    this._restartRequested = restart;
    this._closing = true;
    setImmediate(() => void this.stop());
  }

  /** Resolves once the bot has stopped (after `stop()`, or when the backend's input ended). */
  untilStopped(): Promise<void> {
    return this._stoppedPromise;
  }

  // ---- BackendEventSink ----

  message(message: Message): Promise<void> {
    this._messagesIn++;
    if (!this._ready) return this.whenReady().then(() => this.handle(message));
    return this.handle(message);
  }

  private handle(message: Message): Promise<void> {
    if (message.delayed || this._closing || this._backend.isFromSelf(message)) return DONE;
    // An answer to a confirmation or to a flow's question is not routed as a command, and a quiet message (an IRC
    // NOTICE) is not handled at all; hooks still see both.
    let work: Promise<void> | undefined;
    if (message.quiet) work = DONE;
    else if (this._confirmations.waiting) work = this._confirmations.answer(message);
    if (work === undefined && this._flows.waiting) work = this._flows.answer(message);
    if (work === undefined) {
      work = DONE;
      const route = this._router.route(message);
      if (route !== undefined) {
        if (route.kind === 'command') work = this._executor.runCommand(message, route.entry, route.args);
        else if (route.kind === 'regex') work = this._executor.runRegex(message, route.hits);
        else work = this._executor.unknown(message, route.typed);
      }
    }
    const mentions = message.mentions.length > 0 && this._callbacks.has('onMention');
    if (!mentions && !this._callbacks.has('onMessage')) return work;
    return Promise.all([
      work,
      this._callbacks.emit('onMessage', message),
      mentions ? this._callbacks.emit('onMention', message, message.mentions) : DONE,
    ]).then(() => undefined);
  }

  presence(presence: Presence): Promise<void> {
    return this._callbacks.emit('onPresence', presence);
  }

  reaction(reaction: Reaction): Promise<void> {
    return this._callbacks.emit('onReaction', reaction);
  }

  roomJoined(event: RoomEvent): Promise<void> {
    return this._callbacks.emit('onRoomJoined', event);
  }

  roomLeft(event: RoomEvent): Promise<void> {
    return this._callbacks.emit('onRoomLeft', event);
  }

  roomTopic(event: RoomEvent): Promise<void> {
    return this._callbacks.emit('onRoomTopic', event);
  }

  cardAction(event: CardActionEvent): Promise<void> {
    return this._callbacks.emit('onCardAction', event);
  }

  async connected(): Promise<void> {
    this._connected = true;
    if (this._ready) await this._callbacks.emit('onConnect');
  }

  async disconnected(reason?: unknown): Promise<void> {
    this._connected = false;
    this._log.warn({ reason: reason instanceof Error ? reason.message : reason }, 'backend disconnected');
    await this._callbacks.emit('onDisconnect');
  }

  async ended(reason?: string): Promise<void> {
    this._log.info({ reason }, 'backend ended; stopping');
    await this.stop();
  }

  // ---- PluginServices (the chat actions are in BotChatActions) ----

  get hideRestricted(): boolean {
    return this._authorizer.hideRestricted;
  }

  canRun(message: Message, command: string): Promise<boolean> {
    const entry = this._table.get(command);
    return entry ? this._executor.canRun(message, entry) : Promise.resolve(false);
  }

  /** The web server (webhooks, health, metrics) when `web.enabled`; it starts and stops with the bot. */
  get web(): WebServer | undefined {
    return this._web;
  }

  /** Serve webhooks, health and metrics with `server`; the composition root calls it before `start()`. */
  useWebServer(server: WebServer): void {
    this._web = server;
  }

  /** Multi-step conversations (`@flow`). */
  get flows(): FlowControl {
    return this._flows;
  }

  /** Runtime access rules and explanations (`!acl`). */
  get access(): AccessControl {
    return this._accessRules;
  }

  isAdmin(person: Person): boolean {
    return this._authorizer.isAdmin(person);
  }

  plugins(): PluginInfo[] {
    return this.pluginManager.info();
  }

  audit(limit?: number, user?: string): AuditEntry[] {
    return this._audit.recent(limit, user);
  }

  pluginConfiguration(name: string): Promise<{ readonly value: unknown; readonly source: string }> {
    return this.pluginManager.configuration(name);
  }

  configurePlugin(name: string, config: unknown): Promise<void> {
    return this.pluginManager.configure(name, config);
  }

  async activatePlugin(name: string): Promise<void> {
    await this.pluginManager.activate(name);
    await this.announceCommands();
  }

  async deactivatePlugin(name: string): Promise<void> {
    await this.pluginManager.deactivate(name);
    await this.announceCommands();
  }

  /** Tell the backend which commands exist now (Discord's slash commands); its failure never stops the bot. */
  private async announceCommands(): Promise<void> {
    try {
      await this._backend.commandsChanged(this.commands());
    } catch (err) {
      this._log.warn({ err }, 'the backend could not register the commands with the service');
    }
  }

  restartPlugin(name: string): Promise<void> {
    return this.pluginManager.restart(name);
  }

  async reloadPlugin(name: string): Promise<void> {
    await this.pluginManager.reload(name);
    await this.announceCommands();
  }

  commands(): CommandInfo[] {
    return activeCommands(this.pluginManager, this._table);
  }

  async checkStorage(): Promise<string | undefined> {
    try {
      await this._storage.ready?.();
      return undefined;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  status(): BotStatus {
    return {
      name: this._config.name,
      backend: this._backend.mode,
      connected: this._connected,
      startedAt: this._startedAt,
      storage: this._storage.description,
      messagesIn: this._messagesIn,
      commandsRun: this._executor.stats.run,
      commandsFailed: this._executor.stats.failed,
    };
  }

  private whenReady(): Promise<void> {
    return new Promise((resolve) => this._readyWaiters.push(resolve));
  }
}
