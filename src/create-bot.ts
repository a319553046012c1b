import { dirname } from 'node:path';
import { Container } from 'inversify';
import type { Backend } from './backend.ts';
import { Bot } from './bot.ts';
import { builtinPlugins, openStorage } from './builtins.ts';
import type { BanterConfig, BanterConfigInput } from './config/config-schema.ts';
import { validateConfig } from './config/validate-config.ts';
import { createLogger, type Logger } from './logger.ts';
import type { PluginClass } from './plugin.ts';
import type { StorageProvider } from './storage.ts';
import { TOKENS } from './di/tokens.ts';
import { Authorizer } from './authorization/authorizer.ts';
import { AccessRules } from './authorization/access-rules.ts';
import { AuditLog } from './audit/audit-log.ts';
import { Confirmations } from './dispatch/confirmations.ts';
import { CommandExecutor } from './dispatch/command-executor.ts';
import { CommandTable } from './dispatch/command-table.ts';
import { Outbox } from './dispatch/outbox.ts';
import { Router } from './dispatch/router.ts';
import { CallbackSet } from './plugins/callback-set.ts';
import { loadPluginsFromDirectory, loadPluginsFromPackage, type LoadedPlugin } from './plugins/plugin-loader.ts';
import { createBackend } from './resolve-backend.ts';
import { Scheduler } from './scheduling/scheduler.ts';
import { WebhookRouter } from './web/webhook-router.ts';
import { systemClock } from './scheduling/clock.ts';
import { Conversations } from './flows/conversations.ts';
import type { PluginManager } from './plugins/plugin-manager.ts';
import type { Clock } from './scheduling/clock.ts';
import { resolve } from 'node:path';

/** How to build a bot. Anything not given is built from the configuration. */
export interface CreateBotOptions {
  /** Validated or raw configuration (raw is validated here). */
  readonly config?: BanterConfig | BanterConfigInput;
  /** Path of the config file the configuration came from; relative paths in it start at its folder. */
  readonly configPath?: string;
  /** Use this backend instead of the configured one (tests, embedding). */
  readonly backend?: Backend;
  /** Use this store instead of `storage.url`. */
  readonly storage?: StorageProvider;
  readonly logger?: Logger;
  /** Plugin classes to load in addition to the configured ones. */
  readonly plugins?: readonly PluginClass[];
  /** Where pollers and cron schedules get the time; real time when not given (tests pass a `ManualClock`). */
  readonly clock?: Clock;
}

/**
 * The composition root: builds one inversify container for one bot, with its configuration, logger,
 * backend, store, dispatch pipeline and plugin sources, and returns the (not yet started) {@link Bot}.
 * Nothing is shared between two bots.
 *
 * @example
 * ```ts
 * import { createBot } from 'banter';
 * const bot = await createBot({ config: { backend: 'text', storage: { url: 'memory://' } } });
 * await bot.start();
 * await bot.stop();
 * ```
 */
export async function createBot(options: CreateBotOptions = {}): Promise<Bot> {
  // Validation is idempotent, so an already validated configuration passes through unchanged.
  const config = validateConfig(options.config ?? {});
  const baseDir = options.configPath ? dirname(resolve(options.configPath)) : process.cwd();
  const log = options.logger ?? createLogger({ level: config.log.level, destination: config.log.file, name: config.name });
  // The store's module loads while the backend and the plugins are prepared and the container is built. Opening
  // the provider connects nothing yet (Bot.start does), so a failure below leaves nothing open.
  const storageOpening = options.storage ? Promise.resolve(options.storage) : openStorage(config.storage.url, baseDir);
  storageOpening.catch(() => undefined); // awaited below; this only keeps an earlier failure from orphaning it
  const backend = options.backend ?? (await createBackend(config.backend, { botName: config.name, log: log.child({ backend: config.backend }), config, baseDir }));
  const sources = await collectPlugins(config, baseDir, options.plugins ?? []);

  const container = new Container();
  container.bind(TOKENS.Config).toConstantValue(config);
  container.bind(TOKENS.Logger).toConstantValue(log);
  container.bind(TOKENS.Backend).toConstantValue(backend);
  container.bind(TOKENS.PluginSources).toConstantValue(sources);
  container.bind(CommandTable).toResolvedValue(() => new CommandTable()).inSingletonScope();
  container.bind(CallbackSet).toDynamicValue(() => new CallbackSet(log, config.commandTimeoutMs)).inSingletonScope();
  container.bind(Confirmations).toDynamicValue(() => new Confirmations(config.confirmTimeoutMs)).inSingletonScope();
  container.bind(AuditLog).toDynamicValue(() => new AuditLog(log.child({ component: 'audit' }))).inSingletonScope();
  container.bind(Authorizer).toDynamicValue(() => new Authorizer(config.admins, config.access)).inSingletonScope();
  container
    .bind(AccessRules)
    .toDynamicValue((ctx) => new AccessRules(ctx.get(Authorizer), ctx.get(CommandTable), log.child({ component: 'acl' })))
    .inSingletonScope();
  container
    .bind(Outbox)
    .toDynamicValue((ctx) => new Outbox(backend, ctx.get(CallbackSet)))
    .inSingletonScope();
  container
    .bind(Router)
    .toDynamicValue(
      (ctx) =>
        new Router(ctx.get(CommandTable), {
          prefix: config.prefix,
          altPrefixes: config.altPrefixes ?? [],
          prefixOptionalInDirect: config.prefixOptionalInDirect,
        }),
    )
    .inSingletonScope();
  container
    .bind(CommandExecutor)
    .toDynamicValue(
      (ctx) =>
        new CommandExecutor(ctx.get(Outbox), ctx.get(Authorizer), ctx.get(CommandTable), ctx.get(AuditLog), ctx.get(Confirmations), log, {
          prefix: config.prefix,
          commandTimeoutMs: config.commandTimeoutMs,
          suppressUnknownCommand: config.suppressUnknownCommand,
        }),
    )
    .inSingletonScope();
  container
    .bind(Scheduler)
    .toDynamicValue(() => new Scheduler(options.clock, log.child({ component: 'scheduler' })))
    .inSingletonScope();
  // Conversations look plugins up when answers arrive, long after the bot (which owns the manager) is built.
  let manager: PluginManager | undefined;
  container
    .bind(Conversations)
    .toDynamicValue(
      (ctx) => {
        const router = ctx.get(Router);
        return new Conversations({
          backend,
          outbox: ctx.get(Outbox),
          plugin: (name) => manager?.instance(name),
          activePlugins: () => manager?.activeInstances() ?? [],
          isCommand: (message) => router.isExplicitCommand(message),
          clock: options.clock ?? systemClock,
          log: log.child({ component: 'flows' }),
          defaultTimeoutMs: config.flows.timeoutMs,
          handlerTimeoutMs: config.commandTimeoutMs,
        });
      },
    )
    .inSingletonScope();
  container.bind(TOKENS.Storage).toConstantValue(await storageOpening);
  container.bind(Bot).toSelf().inSingletonScope();
  const bot = container.get(Bot);
  manager = bot.pluginManager;
  bot.pluginManager.useScheduler(container.get(Scheduler));
  const webhooks = new WebhookRouter(config.web.enabled, log.child({ component: 'web' }));
  bot.pluginManager.useWebhooks(webhooks);
  if (config.web.enabled) {
    // Loaded only here, so a bot without a web server never loads fastify or prom-client.
    const { WebServer } = await import('./web/web-server.ts');
    const deps = { config: config.web, commandTimeoutMs: config.commandTimeoutMs, log: log.child({ component: 'web' }), webhooks, bot };
    bot.useWebServer(new WebServer({ ...deps, audit: container.get(AuditLog), outbox: container.get(Outbox) }));
  }
  return bot;
}

/** Every plugin the configuration asks for: built-ins, classes, folders and packages, minus `exclude`. */
export async function collectPlugins(config: BanterConfig, baseDir: string, extra: readonly PluginClass[]): Promise<LoadedPlugin[]> {
  const { builtins, classes, dirs, packages, exclude } = config.plugins;
  const found: LoadedPlugin[] = [];
  if (builtins !== false) {
    for (const pluginClass of await builtinPlugins()) {
      if (builtins === true || builtins.includes(pluginClass.metadata!.name)) found.push({ ok: true, pluginClass, source: 'builtin' });
    }
  }
  for (const pluginClass of [...classes, ...extra]) found.push({ ok: true, pluginClass, source: 'class' });
  for (const dir of dirs) found.push(...(await loadPluginsFromDirectory(resolve(baseDir, dir))));
  for (const name of packages) found.push(...(await loadPluginsFromPackage(name, baseDir)));
  return found.filter((p) => !exclude.includes(p.ok ? p.pluginClass.metadata!.name : p.name));
}
