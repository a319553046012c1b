import { isAbsolute } from 'node:path';
import type { Logger } from '../logger.ts';
import type { Plugin, PluginContext } from '../plugin.ts';
import type { PluginMetadata } from '../plugin-metadata.ts';
import type { PluginInfo, PluginServices } from '../plugin-services.ts';
import { PluginStorage } from '../plugin-storage.ts';
import type { KeyValueStore, StorageProvider } from '../storage.ts';
import { commandsOf } from '../commands/command-registry-metadata.ts';
import type { CommandTable } from '../dispatch/command-table.ts';
import type { CommandExecutor, RegisteredFilter } from '../dispatch/command-executor.ts';
import { isThenable, withTimeout } from '../dispatch/with-timeout.ts';
import { CommandConflictError } from '../errors/command-conflict-error.ts';
import { PluginLoadError } from '../errors/plugin-load-error.ts';
import { PluginStateError } from '../errors/plugin-state-error.ts';
import { BanterError } from '../errors/banter-error.ts';
import { UserError } from '../errors/user-error.ts';
import type { CallbackSet } from './callback-set.ts';
import { dependencyOrder } from './dependency-order.ts';
import { importPluginAgain, type LoadedPlugin } from './plugin-loader.ts';
import type { PluginRecord } from './plugin-record.ts';
import { PluginConfigurations, type PluginConfigurationSource } from './plugin-configurations.ts';
import { commandEntriesOf, filtersOfInstance, startCrons, validMetadata } from './plugin-declarations.ts';
import { Scheduler } from '../scheduling/scheduler.ts';
import { PluginSchedule } from '../scheduling/plugin-schedule.ts';
import type { PluginWebhooks } from '../web/plugin-webhooks.ts';

/** What the plugin manager needs from the bot. */
export interface PluginManagerDeps {
  readonly table: CommandTable;
  readonly callbacks: CallbackSet;
  readonly executor: CommandExecutor;
  readonly storage: StorageProvider;
  readonly services: PluginServices;
  readonly log: Logger;
  /** `plugins.config` from config.ts: raw configuration per plugin name. */
  readonly pluginConfig: Readonly<Record<string, unknown>>;
  /** Longest an `activate`/`deactivate` hook may take. */
  readonly hookTimeoutMs: number;
}

/**
 * Loads, orders, activates and deactivates plugins. Structural mistakes fail loudly at load (two plugins with
 * one name, two commands with one name); a plugin whose import, configuration or `activate` fails is marked
 * failed with its reason and the bot keeps running without it.
 */
export class PluginManager {
  readonly #deps: PluginManagerDeps;
  readonly #records = new Map<string, PluginRecord>();
  #activationOrder: string[] = [];
  /** The command filters of each active plugin, bound to its instance. */
  readonly #filters = new Map<string, RegisteredFilter[]>();
  /** Each plugin's configuration: config.ts's, or what was set from chat, which takes precedence. */
  readonly #configurations: PluginConfigurations;
  /** Runs the plugins' pollers and cron schedules; real time unless the bot was given another clock. */
  #scheduler: Scheduler;
  /** The schedule of each active (or activating) plugin, closed when it stops. */
  readonly #schedules = new Map<string, PluginSchedule>();
  /** Serves the active plugins' `@webhook` methods; none until the bot is given one (`useWebhooks`). */
  #webhooks: PluginWebhooks | undefined;

  constructor(deps: PluginManagerDeps) {
    this.#deps = deps;
    this.#configurations = new PluginConfigurations(deps.pluginConfig);
    this.#scheduler = new Scheduler(undefined, deps.log.child({ component: 'scheduler' }));
  }

  /** Serve the plugins' `@webhook` methods through `webhooks` from their activation on; call before activating. */
  useWebhooks(webhooks: PluginWebhooks): void {
    this.#webhooks = webhooks;
  }

  /** Use `scheduler` (the bot's, with its clock) for the plugins' pollers and schedules; call before activating. */
  useScheduler(scheduler: Scheduler): void {
    if (this.#schedules.size > 0) throw new BanterError('E_SCHEDULER', 'the scheduler cannot be replaced while plugins are active');
    this.#scheduler = scheduler;
  }

  /** The scheduler running the plugins' pollers and cron schedules (`jobs()` lists them). */
  get scheduler(): Scheduler {
    return this.#scheduler;
  }

  /**
   * Take loaded plugins into the manager. Throws PluginLoadError for two plugins with one name or bad
   * metadata, and CommandConflictError for two commands with one name.
   */
  register(loaded: readonly LoadedPlugin[]): void {
    for (const item of loaded) {
      if (!item.ok) {
        this.#deps.log.error({ plugin: item.name, err: item.cause }, item.reason);
        this.#records.set(item.name, {
          name: item.name,
          pluginClass: undefined,
          metadata: { name: item.name },
          source: item.source,
          state: 'failed',
          error: item.reason,
          instance: undefined,
        });
        continue;
      }
      const metadata = validMetadata(item.pluginClass);
      const existing = this.#records.get(metadata.name);
      if (existing) {
        throw new PluginLoadError(metadata.name, `two plugins are named "${metadata.name}" (${existing.source} and ${item.source}); rename one`);
      }
      this.#records.set(metadata.name, {
        name: metadata.name,
        pluginClass: item.pluginClass,
        metadata,
        source: item.source,
        state: 'loaded',
        error: undefined,
        instance: undefined,
      });
    }
    this.checkCommandNames();
  }

  /** Where configuration set from chat is kept (the core's own namespace). */
  useConfigStore(store: KeyValueStore): void {
    this.#configurations.useStore(store);
  }

  /** A plugin's configuration as it applies now, and where it comes from. */
  configuration(name: string): Promise<{ readonly value: unknown; readonly source: PluginConfigurationSource }> {
    return this.#configurations.current(this.record(name).metadata);
  }

  /**
   * Validate `raw` against the plugin's schema, store it (it then takes precedence over config.ts and
   * survives restarts) and, if the plugin is active, restart it with the new configuration. Throws UserError
   * listing what is wrong, and stores nothing, when it does not validate.
   */
  async configure(name: string, raw: unknown): Promise<void> {
    const record = this.record(name);
    await this.#configurations.set(record.metadata, raw);
    if (record.state === 'active') await this.restart(name);
  }

  /** Deactivate and activate one plugin again (a new instance), keeping its dependents active. */
  async restart(name: string): Promise<void> {
    const record = this.record(name);
    if (record.state === 'active') await this.stop(record);
    await this.activate(name);
  }

  /**
   * Load plugin `name`'s code again from its file and put it in service: activated if the plugin was active or
   * had failed, left inactive if it was deactivated.
   * Plugins given as classes, built-ins and packages are loaded once per process: UserError says so. When the new
   * code does not import or activate, the previous code is put back and UserError says why.
   */
  async reload(name: string): Promise<void> {
    const old = this.record(name);
    if (!isAbsolute(old.source)) {
      const origin = old.source === 'builtin' ? 'is built in' : old.source === 'class' ? 'is given as a class' : `comes from the package ${old.source}`;
      throw new UserError(`"${name}" ${origin}: its code is loaded once per process, so restart the process to load new code.`);
    }
    const fresh = await importPluginAgain(old.source, name, old.pluginClass !== undefined);
    if (!fresh.ok) throw new UserError(`Kept the running code of "${name}": ${fresh.reason}`);
    const metadata = validMetadata(fresh.pluginClass);
    if (metadata.name !== name) throw new UserError(`Kept the running code of "${name}": the new code names its plugin "${metadata.name}".`);
    const previous = old.state;
    if (previous === 'active') await this.stop(old);
    try {
      const state = previous === 'inactive' ? 'inactive' : 'loaded';
      this.#records.set(name, { name, pluginClass: fresh.pluginClass, metadata, source: old.source, state, error: undefined, instance: undefined });
      this.checkCommandNames();
      if (state === 'loaded') await this.activate(name);
    } catch (err) {
      this.#records.set(name, { ...old, state: previous === 'active' ? 'loaded' : previous, instance: undefined });
      if (previous === 'active') await this.activate(name).catch((again: unknown) => this.#deps.log.error({ err: again, plugin: name }, 'the previous code failed to activate again'));
      throw new UserError(`Kept the previous code of "${name}": ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Activate every loaded plugin in dependency order; failures are recorded, not thrown. */
  async activateAll(): Promise<void> {
    const dependencies = new Map<string, readonly string[]>();
    for (const record of this.#records.values()) {
      if (record.state !== 'failed') dependencies.set(record.name, record.metadata.dependsOn ?? []);
    }
    const { order, problems } = dependencyOrder(dependencies);
    for (const [name, reason] of problems) this.markFailed(this.#records.get(name)!, reason);
    for (const name of order) {
      const record = this.#records.get(name)!;
      if (record.state === 'active') continue;
      try {
        await this.activate(name);
      } catch (err) {
        if (err instanceof CommandConflictError) throw err;
        // activate() recorded the failure and logged it.
      }
    }
  }

  /** Activate one plugin (its dependencies must be active). Throws PluginLoadError when it fails. */
  async activate(name: string): Promise<void> {
    const record = this.record(name);
    if (record.state === 'active') return;
    const pluginClass = record.pluginClass;
    if (!pluginClass) throw new PluginStateError(name, `Plugin "${name}" cannot be activated: ${record.error}`);
    for (const dependency of record.metadata.dependsOn ?? []) {
      if (this.#records.get(dependency)?.state !== 'active') {
        throw new PluginStateError(name, `Plugin "${name}" needs "${dependency}" to be active first.`);
      }
    }
    let instance: Plugin<unknown> | undefined;
    let registered = false;
    const log = this.#deps.log.child({ plugin: name });
    const schedule = new PluginSchedule(this.#scheduler, name, log);
    this.#schedules.set(name, schedule);
    try {
      const config = this.#configurations.validate(record.metadata, (await this.configuration(name)).value);
      const context: PluginContext<unknown> = {
        name,
        config,
        // Opened on first use: a plugin that stores nothing costs no connection (Redis: one per namespace).
        storage: new PluginStorage(() => this.#deps.storage.open(name), this.#deps.storage.description),
        log,
        services: this.#deps.services,
        getPlugin: (other) => this.dependencyOf(record.metadata, other),
        schedule,
      };
      instance = new pluginClass(context as PluginContext<never>);
      this.#deps.table.add(commandEntriesOf(name, pluginClass, instance));
      registered = true;
      if (instance.activate) await this.runHook(name, 'activate', () => instance!.activate!());
      startCrons(pluginClass, instance, schedule);
      this.#webhooks?.add(name, pluginClass, instance);
    } catch (err) {
      this.closeSchedule(name);
      this.#webhooks?.remove(name);
      if (registered) this.#deps.table.removePlugin(name);
      if (err instanceof CommandConflictError) {
        this.markFailed(record, err.message);
        throw err;
      }
      const reason = err instanceof Error ? err.message : String(err);
      this.markFailed(record, reason, err);
      throw new PluginLoadError(name, reason, { cause: err });
    }
    record.instance = instance;
    record.state = 'active';
    record.error = undefined;
    this.#filters.set(name, filtersOfInstance(name, pluginClass, instance));
    this.#deps.callbacks.add(instance);
    this.#activationOrder.push(name);
    this.refreshFilters();
  }

  /** Deactivate one plugin; refuses while an active plugin depends on it. */
  async deactivate(name: string): Promise<void> {
    const record = this.record(name);
    if (record.state !== 'active' || !record.instance) return;
    const dependents = [...this.#records.values()].filter(
      (r) => r.state === 'active' && (r.metadata.dependsOn ?? []).includes(name),
    );
    if (dependents.length) {
      throw new PluginStateError(
        name,
        `Plugin "${name}" is needed by ${dependents.map((d) => `"${d.name}"`).join(', ')}; deactivate those first.`,
      );
    }
    await this.stop(record);
  }

  /** Take an active plugin out of service and call its deactivate hook. */
  private async stop(record: PluginRecord): Promise<void> {
    const name = record.name;
    const instance = record.instance!;
    this.#deps.callbacks.remove(instance);
    this.#deps.table.removePlugin(name);
    this.#webhooks?.remove(name);
    this.#activationOrder = this.#activationOrder.filter((n) => n !== name);
    this.#filters.delete(name);
    this.refreshFilters();
    record.state = 'inactive';
    record.instance = undefined;
    if (instance.deactivate) {
      try {
        await this.runHook(name, 'deactivate', () => instance.deactivate!());
      } catch (err) {
        this.#deps.log.error({ err, plugin: name }, 'plugin deactivate hook failed');
      }
    }
    this.closeSchedule(name);
  }

  /** Stop every poller and cron schedule of plugin `name`'s activation. */
  private closeSchedule(name: string): void {
    this.#schedules.get(name)?.close();
    this.#schedules.delete(name);
  }

  /** Deactivate every active plugin, dependents first. */
  async deactivateAll(): Promise<void> {
    try {
      for (const name of [...this.#activationOrder].reverse()) await this.deactivate(name);
    } finally {
      // Nothing may outlive the bot, whatever happened above.
      for (const name of [...this.#schedules.keys()]) this.closeSchedule(name);
      this.#scheduler.stopAll();
    }
  }

  /** The active instance of plugin `name`. */
  instance(name: string): Plugin<unknown> | undefined {
    return this.#records.get(name)?.instance;
  }

  /** The instances of every active plugin, in load order. */
  activeInstances(): Plugin<unknown>[] {
    return [...this.#records.values()].flatMap((r) => (r.state === 'active' && r.instance ? [r.instance] : []));
  }

  /** Every plugin with its state, in load order. */
  info(): PluginInfo[] {
    return [...this.#records.values()].map((r) => ({
      name: r.name,
      description: r.metadata.description ?? '',
      version: r.metadata.version,
      state: r.state,
      error: r.error,
      dependsOn: r.metadata.dependsOn ?? [],
      commands: r.pluginClass ? commandsOf(r.pluginClass).map((c) => c.name) : [],
      source: r.source,
    }));
  }

  private record(name: string): PluginRecord {
    const record = this.#records.get(name);
    if (!record) {
      const known = [...this.#records.keys()].join(', ') || 'none';
      throw new PluginStateError(name, `There is no plugin named "${name}". Loaded plugins: ${known}.`);
    }
    return record;
  }

  private markFailed(record: PluginRecord, reason: string, cause?: unknown): void {
    record.state = 'failed';
    record.error = reason;
    record.instance = undefined;
    this.#deps.log.error({ plugin: record.name, err: cause }, `plugin ${record.name} failed: ${reason}`);
  }

  private dependencyOf(metadata: PluginMetadata, other: string): Plugin<unknown> {
    if (!(metadata.dependsOn ?? []).includes(other)) {
      throw new PluginStateError(
        metadata.name,
        `Plugin "${metadata.name}" asked for "${other}", which is not in its dependsOn; add it there.`,
      );
    }
    const instance = this.#records.get(other)?.instance;
    if (!instance) throw new PluginStateError(metadata.name, `Plugin "${other}" is not active.`);
    return instance;
  }

  private runHook(name: string, hook: string, run: () => unknown): Promise<unknown> {
    const result = run();
    if (!isThenable(result)) return Promise.resolve(result);
    const ms = this.#deps.hookTimeoutMs;
    return withTimeout(result, ms, () => new BanterError('E_HOOK_TIMEOUT', `${hook}() of plugin "${name}" did not finish within ${ms} ms`));
  }

  /** The executor's filters: each active plugin's, in activation order (read once, when it was activated). */
  private refreshFilters(): void {
    this.#deps.executor.setFilters(this.#activationOrder.flatMap((name) => this.#filters.get(name) ?? []));
  }

  private checkCommandNames(): void {
    const owners = new Map<string, string>();
    for (const record of this.#records.values()) {
      if (!record.pluginClass) continue;
      for (const spec of commandsOf(record.pluginClass)) {
        if (spec.kind === 'regex') continue;
        for (const name of [spec.name, ...spec.aliases]) {
          const owner = owners.get(name);
          if (owner !== undefined) throw new CommandConflictError(name, owner, record.name);
          owners.set(name, record.name);
        }
      }
    }
  }
}
