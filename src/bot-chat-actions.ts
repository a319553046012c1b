import type { Backend, SentMessage } from './backend.ts';
import type { Capability } from './capabilities.ts';
import type { Card } from './card.ts';
import type { BanterConfig } from './config/config-schema.ts';
import type { Outbox } from './dispatch/outbox.ts';
import type { FileUpload, PresenceStatus } from './events.ts';
import type { Identifier, Person, Room } from './identifiers.ts';
import type { Logger } from './logger.ts';
import type { Message } from './message.ts';
import type { SendOptions } from './plugin-services.ts';

const DONE: Promise<void> = Promise.resolve();

/**
 * The chat actions of {@link PluginServices} — sending text, cards and files, reacting, editing, typing, presence,
 * identifiers and rooms — over one backend and the bot's outbox, degrading where the backend lacks a capability
 * (an edit becomes a new message, typing does nothing). {@link Bot} extends it with the lifecycle, the event sink
 * and the plugin, access and flow controls.
 */
export abstract class BotChatActions {
  // Protected, not `#private`: Bot reads them too.
  protected readonly _config: BanterConfig;
  protected readonly _log: Logger;
  protected readonly _backend: Backend;
  protected readonly _outbox: Outbox;

  protected constructor(config: BanterConfig, log: Logger, backend: Backend, outbox: Outbox) {
    this._config = config;
    this._log = log;
    this._backend = backend;
    this._outbox = outbox;
  }

  get botName(): string {
    return this._config.name;
  }

  get prefix(): string {
    return this._config.prefix;
  }

  get mode(): string {
    return this._backend.mode;
  }

  get botIdentifier(): Person {
    return this._backend.botIdentifier;
  }

  send(to: Identifier, text: string, options?: SendOptions): Promise<SentMessage[]> {
    return this._outbox.send(to, text, options);
  }

  sendCard(to: Identifier, card: Card, options?: SendOptions): Promise<SentMessage> {
    return this._outbox.sendCard(to, card, options);
  }

  uploadFile(to: Identifier, file: FileUpload, options?: SendOptions): Promise<SentMessage> {
    return this._outbox.uploadFile(to, file, options);
  }

  react(target: Message | SentMessage, name: string): Promise<void> {
    return this._backend.react(target, name);
  }

  unreact(target: Message | SentMessage, name: string): Promise<void> {
    return this._backend.unreact(target, name);
  }

  async edit(sent: SentMessage, text: string): Promise<SentMessage> {
    if (this._backend.supports('edits')) return this._backend.edit(sent, text);
    const [first] = await this._outbox.send(sent.to, text);
    return first!;
  }

  delete(sent: SentMessage): Promise<void> {
    return this._backend.delete(sent);
  }

  startTyping(to: Identifier): Promise<void> {
    // Typing is cosmetic: where the backend has no indicator, there is nothing to degrade to.
    return this._backend.supports('typing') ? this._backend.startTyping(to) : DONE;
  }

  changePresence(status: PresenceStatus, message?: string): Promise<void> {
    return this._backend.changePresence(status, message);
  }

  supports(capability: Capability): boolean {
    return this._backend.supports(capability);
  }

  buildIdentifier(text: string): Identifier {
    return this._backend.buildIdentifier(text);
  }

  queryRoom(name: string): Room {
    return this._backend.queryRoom(name);
  }

  rooms(): Promise<Room[]> {
    return this._backend.rooms();
  }

  async warnAdmins(text: string): Promise<void> {
    for (const admin of this._config.admins) {
      if (/[*?]/.test(admin)) continue; // a glob names no one to write to
      try {
        await this._outbox.send(this._backend.buildIdentifier(admin), text);
      } catch (err) {
        this._log.warn({ err, admin }, 'could not warn an admin');
      }
    }
  }
}
