import type { AccessControl } from './authorization/access-rules.ts';
import type { FlowControl } from './flows/conversations.ts';
import type { Capability } from './capabilities.ts';
import type { Card } from './card.ts';
import type { FileUpload, PresenceStatus } from './events.ts';
import type { Identifier, Person, Room } from './identifiers.ts';
import type { Message } from './message.ts';
import type { SentMessage } from './backend.ts';
import type { AuditEntry } from './audit/audit-log.ts';

/** Where and how {@link PluginServices.send} delivers. */
export interface SendOptions {
  /** Post in the thread of this message (or in the room when the backend has no threads). */
  readonly inReplyTo?: Message;
}

/** A command as `help` and admin tools see it. */
export interface CommandInfo {
  readonly name: string;
  readonly plugin: string;
  readonly kind: 'plain' | 'regex' | 'args';
  readonly help: string;
  readonly syntax: string | undefined;
  readonly hidden: boolean;
  readonly admin: boolean;
  readonly aliases: readonly string[];
  /** For regex commands: whether they need the prefix. */
  readonly prefixed: boolean;
}

/** Lifecycle state of a plugin. */
export type PluginState = 'loaded' | 'active' | 'inactive' | 'failed';

/** A plugin as the `plugins` and `status` commands see it. */
export interface PluginInfo {
  readonly name: string;
  readonly description: string;
  readonly version: string | undefined;
  readonly state: PluginState;
  /** Why the plugin failed, when it did. */
  readonly error: string | undefined;
  readonly dependsOn: readonly string[];
  readonly commands: readonly string[];
  /** Where it was loaded from: `builtin`, `class`, a package name, or the module's file. */
  readonly source: string;
}

/** A snapshot of the bot for `status` and health checks. */
export interface BotStatus {
  readonly name: string;
  readonly backend: string;
  readonly connected: boolean;
  readonly startedAt: Date;
  readonly storage: string;
  readonly messagesIn: number;
  readonly commandsRun: number;
  readonly commandsFailed: number;
}

/**
 * What the bot offers every plugin, through the plugin's own helper methods. Built-in plugins use nothing
 * else, so third-party plugins can do everything they do.
 */
export interface PluginServices {
  /** The bot's name (for mentions and alternative prefixes). */
  readonly botName: string;
  /** The command prefix, `!` unless configured. */
  readonly prefix: string;
  /** The backend's `mode`. */
  readonly mode: string;
  readonly botIdentifier: Person;
  send(to: Identifier, text: string, options?: SendOptions): Promise<SentMessage[]>;
  sendCard(to: Identifier, card: Card, options?: SendOptions): Promise<SentMessage>;
  uploadFile(to: Identifier, file: FileUpload, options?: SendOptions): Promise<SentMessage>;
  react(target: Message | SentMessage, name: string): Promise<void>;
  /** Remove the bot's reaction (throws NotSupportedError where the backend has no reactions). */
  unreact(target: Message | SentMessage, name: string): Promise<void>;
  /**
   * Replace the text of a message the bot sent. Where the backend has no edits, the new text is sent as a
   * new message to the same place, and that message is returned.
   */
  edit(sent: SentMessage, text: string): Promise<SentMessage>;
  /** Delete a message the bot sent (throws NotSupportedError where the backend has no edits). */
  delete(sent: SentMessage): Promise<void>;
  /** Whether `help` should leave out what the asker may not run (`access.hideRestricted` in config.ts). */
  readonly hideRestricted: boolean;
  /** Whether the sender of `message` may run `command` now (authorization and filters, as a dry run). */
  canRun(message: Message, command: string): Promise<boolean>;
  startTyping(to: Identifier): Promise<void>;
  changePresence(status: PresenceStatus, message?: string): Promise<void>;
  supports(capability: Capability): boolean;
  buildIdentifier(text: string): Identifier;
  queryRoom(name: string): Room;
  rooms(): Promise<Room[]>;
  /** Send `text` to every configured admin. */
  warnAdmins(text: string): Promise<void>;
  /** Whether `person` is a configured admin (matched on `aclattr`). */
  isAdmin(person: Person): boolean;
  /** The access rules in force, runtime rules added in chat, and what they decide (the `acl` plugin's tools). */
  readonly access: AccessControl;
  /** Multi-step conversations: start one, see and cancel those in progress (`@flow`, docs/flows.md). */
  readonly flows: FlowControl;
  commands(): CommandInfo[];
  /** Stop the bot once the current command has answered; `banter run` then exits. */
  shutdown(): void;
  /** Stop the bot once the current command has answered; `banter run` then starts it again with config.ts reloaded. */
  restart(): void;
  /** The most recent command executions, newest first (optionally one user's, by aclattr). */
  audit(limit?: number, user?: string): AuditEntry[];
  plugins(): PluginInfo[];
  /** A plugin's configuration as it applies now, and where it comes from (`chat`, `config.ts`, `defaults`). */
  pluginConfiguration(name: string): Promise<{ readonly value: unknown; readonly source: string }>;
  /**
   * Validate and store a plugin's configuration (it then overrides config.ts and survives restarts), and
   * restart the plugin with it. Rejects with a UserError listing the problems, storing nothing, if invalid.
   */
  configurePlugin(name: string, config: unknown): Promise<void>;
  activatePlugin(name: string): Promise<void>;
  /** Refuses while an active plugin depends on it. */
  deactivatePlugin(name: string): Promise<void>;
  /** Deactivate and activate again with a fresh instance (and its current configuration). */
  restartPlugin(name: string): Promise<void>;
  /** Load a plugin's code again from its file (folder plugins); UserError says why when it cannot. */
  reloadPlugin(name: string): Promise<void>;
  status(): BotStatus;
  /** Ask the store whether it answers: undefined when it does, else what is wrong. */
  checkStorage(): Promise<string | undefined>;
}
