/**
 * Banter's public API: everything a backend, plugin or storage adapter may use. In-tree backends/,
 * plugins/ and storage/ import only this module (as `banter`), exactly as a third-party package would.
 */

// errors
export { BanterError } from './errors/banter-error.ts';
export { UserError } from './errors/user-error.ts';
export { NotSupportedError } from './errors/not-supported-error.ts';
export { ConfigError, type ConfigIssue } from './errors/config-error.ts';
export { PluginLoadError } from './errors/plugin-load-error.ts';
export { PluginStateError } from './errors/plugin-state-error.ts';
export { CommandConflictError } from './errors/command-conflict-error.ts';
export { CommandTimeoutError } from './errors/command-timeout-error.ts';
export { UnknownBackendError } from './errors/unknown-backend-error.ts';
export { IdentifierError } from './errors/identifier-error.ts';
export { StorageUnavailableError, UnserializableValueError } from './errors/storage-error.ts';

// the backend contract and its vocabulary
export { Backend, type BackendEventSink, type ReplyOptions, type SentMessage } from './backend.ts';
export { defineBackend, isBackendDefinition, type BackendContext, type BackendDefinition } from './backend-definition.ts';
export { Backoff, type BackoffOptions } from './backoff.ts';
export { backoffOptionsSchema } from './backoff-options-schema.ts';
export type { AccessConfig, AccessRule } from './authorization/access-rule.ts';
export type { AccessControl } from './authorization/access-rules.ts';
export type { AccessDecision, AccessRuleSource } from './authorization/authorizer.ts';
export type { RuntimeAccessRule } from './authorization/runtime-access-rule.ts';
export type { AuditEntry, AuditOutcome } from './audit/audit-log.ts';
export { CAPABILITIES, type Capabilities, type Capability } from './capabilities.ts';
export { isCard, renderCardAsText, type Card, type CardAction } from './card.ts';
export type { CardActionEvent, FileUpload, Presence, PresenceStatus, Reaction, RoomEvent } from './events.ts';
export { isOccupant, isPerson, isRoom, type Identifier, type JoinOptions, type Person, type Room, type RoomOccupant } from './identifiers.ts';
export { DelegatingRoom, type RoomOperations } from './delegating-room.ts';
export { Message, type MessageInit } from './message.ts';
export { splitMessage } from './dispatch/split-message.ts';

// in-memory chat, the base of the console and test backends
export { MemoryBackend, type MemoryBackendOptions } from './memory/memory-backend.ts';
export { MemoryChat } from './memory/memory-chat.ts';
export { MemoryOccupant, MemoryPerson, MemoryRoom } from './memory/memory-identifiers.ts';

// plugins
export { Plugin, type PluginClass, type PluginContext } from './plugin.ts';
export type { PluginMetadata } from './plugin-metadata.ts';
export type { BotStatus, CommandInfo, PluginInfo, PluginServices, PluginState, SendOptions } from './plugin-services.ts';
export { PluginStorage } from './plugin-storage.ts';
export { assertSerializable } from './assert-serializable.ts';
export { exportStorage, importStorage, type ImportSummary, type StorageExport } from './storage-transfer.ts';
export { command } from './decorators/command.ts';
export { regexCommand } from './decorators/regex-command.ts';
export { argCommand } from './decorators/arg-command.ts';
export { commandFilter } from './decorators/command-filter.ts';
export { cron, type CronOptions } from './decorators/cron.ts';
export { webhook } from './decorators/webhook.ts';
export { webhookResponse, isWebhookResponse, type WebhookResponse } from './web/webhook-response.ts';
export { WebhookConflictError } from './web/webhook-conflict-error.ts';
export type { FieldValues, WebhookHandler, WebhookRequest, WebhookResult } from './web/webhook-request.ts';
export type { GithubSignature, HmacSignature, WebhookBodyMode, WebhookMethod, WebhookOptions, WebhookSecret, WebhookSignature } from './web/webhook-options.ts';
export type { WebAddress, WebServer } from './web/web-server.ts';
export type { WebConfig } from './web/web-config.ts';
export type { WebhookInfo, WebhookRouter } from './web/webhook-router.ts';
export type { BotMetrics } from './web/bot-metrics.ts';
export { flow } from './decorators/flow.ts';
export type { ConversationInfo, FlowDefinition, FlowOptions, FlowReply, FlowScope, FlowStep } from './flows/flow-definition.ts';
export type { FlowControl, FlowInfo } from './flows/conversations.ts';
export { Scheduler, type CronScheduleOptions, type JobFunction, type JobOptions, type ScheduledJob } from './scheduling/scheduler.ts';
export { systemClock, type Clock, type ClockTimer } from './scheduling/clock.ts';
export type { PluginSchedule } from './scheduling/plugin-schedule.ts';
export type {
  ArgCommandHandler,
  Awaitable,
  CommandFilterHandler,
  CommandFilterVerdict,
  CommandInvocation,
  PlainCommandHandler,
  RegexCommandHandler,
  RegexMatchAllHandler,
} from './decorators/handler-types.ts';
export type {
  ArgCommandOptions,
  CommandOptions,
  CommandReply,
  CommandResult,
  PlainCommandOptions,
  RegexCommandOptions,
} from './commands/command-spec.ts';

// storage
export type { KeyValueStore, StorageProvider } from './storage.ts';

// configuration, logging, running a bot
export { defineConfig, fromEnv } from './config/define-config.ts';
export type { BanterConfig, BanterConfigInput } from './config/config-schema.ts';
export { validateConfig } from './config/validate-config.ts';
export type { ZodSchema } from './config/zod-schema.ts';
export { loadConfig, type LoadedConfig } from './config/load-config.ts';
export { createLogger, createSilentLogger, type LogFn, type Logger, type LoggerOptions, type LogLevel } from './logger.ts';
export { Bot } from './bot.ts';
export { VERSION } from './version.ts';
export { formatDuration } from './format-duration.ts';
export { createBot, collectPlugins, type CreateBotOptions } from './create-bot.ts';
export { builtinBackendNames, createBackend, findBackend } from './resolve-backend.ts';
export type { LoadedPlugin } from './plugins/plugin-loader.ts';
