import type { Capabilities, Capability } from './capabilities.ts';
import type { Card } from './card.ts';
import type { CardActionEvent, FileUpload, Presence, PresenceStatus, Reaction, RoomEvent } from './events.ts';
import type { Identifier, JoinOptions, Person, Room } from './identifiers.ts';
import type { Message } from './message.ts';
import type { CommandInfo } from './plugin-services.ts';
import { BanterError } from './errors/banter-error.ts';
import { NotSupportedError } from './errors/not-supported-error.ts';

/** How a reply should be addressed. */
export interface ReplyOptions {
  /** Answer in a direct message even when the command was said in a room. */
  readonly private?: boolean;
  /** Answer in the command's thread (or start one) on services with threads. */
  readonly thread?: boolean;
}

/** What a backend returns for a message it delivered: enough to edit, delete or react to it later. */
export interface SentMessage {
  readonly id: string;
  readonly to: Identifier;
  readonly threadId?: string;
}

/**
 * Where a backend delivers what happens on the service. The bot implements it and hands it to
 * {@link Backend.attach} before `connect()`. Each method resolves when the core has finished with the event
 * (commands run, replies sent), which is what makes the test backend awaitable without sleeps.
 */
export interface BackendEventSink {
  message(message: Message): Promise<void>;
  presence(presence: Presence): Promise<void>;
  reaction(reaction: Reaction): Promise<void>;
  roomJoined(event: RoomEvent): Promise<void>;
  roomLeft(event: RoomEvent): Promise<void>;
  roomTopic(event: RoomEvent): Promise<void>;
  cardAction(event: CardActionEvent): Promise<void>;
  connected(): Promise<void>;
  disconnected(reason?: unknown): Promise<void>;
  /** The service ended for good (the console's input closed): the bot stops. */
  ended(reason?: string): Promise<void>;
}

/**
 * A chat service. Subclasses fill in the abstract members (the compiler names any that are missing) and
 * override the optional ones their service supports, declaring them in {@link Backend.capabilities}. The base
 * implementations of optional members throw {@link NotSupportedError}: never a silent no-op.
 *
 * A backend turns service events into Banter events (through the protected `receive…` helpers) and Banter
 * messages into service calls, and nothing else: it does not dispatch commands.
 */
export abstract class Backend {
  /** Short name of the service: `text`, `test`, `irc`, `slack`… */
  abstract readonly mode: string;
  /** What this backend can do beyond plain text. */
  abstract readonly capabilities: Capabilities;
  /** Longest message the service accepts, in characters; longer replies are split on word boundaries. */
  abstract readonly maxMessageSize: number;
  /** The bot's own identity on the service (known after `connect()`). */
  abstract get botIdentifier(): Person;

  /** Connect and start delivering events; resolves once the bot can send. */
  abstract connect(): Promise<void>;
  /** Disconnect and release every resource (sockets, timers); resolves when done. */
  abstract disconnect(): Promise<void>;
  /** Deliver a message. `message.to` is a Person (DM) or a Room. */
  abstract send(message: Message): Promise<SentMessage>;
  /** Parse text (as printed by `String(identifier)`) into a Person, RoomOccupant or Room. */
  abstract buildIdentifier(text: string): Identifier;
  /** Address a reply to `message`: same room or DM, same thread, or privately when asked. */
  abstract buildReply(message: Message, text: string, options?: ReplyOptions): Message;
  /** Join a room by name (creating it where the service does that). */
  abstract joinRoom(name: string, options?: JoinOptions): Promise<Room>;
  /** A handle to a room by name; it may not exist yet. */
  abstract queryRoom(name: string): Room;
  /** The rooms the bot is in. */
  abstract rooms(): Promise<Room[]>;
  /** Set the bot's own presence. */
  abstract changePresence(status: PresenceStatus, message?: string): Promise<void>;

  #sink: BackendEventSink | undefined;

  /** Called by the bot before `connect()`; events go to `sink` from then on. */
  attach(sink: BackendEventSink): void {
    this.#sink = sink;
  }

  /** Whether this backend declares `capability`. */
  supports(capability: Capability): boolean {
    return this.capabilities[capability];
  }

  /** Whether a message was sent by the bot itself; the core never answers those. */
  isFromSelf(message: Message): boolean {
    return message.frm.aclattr === this.botIdentifier.aclattr;
  }

  // ---- optional capabilities: override the ones you declare ----

  /** Add a reaction to a message (capability `reactions`). */
  react(_target: Message | SentMessage, _name: string): Promise<void> {
    return this.unsupported('react');
  }

  /** Remove the bot's reaction from a message (capability `reactions`). */
  unreact(_target: Message | SentMessage, _name: string): Promise<void> {
    return this.unsupported('unreact');
  }

  /** Replace the text of a message the bot sent (capability `edits`). */
  edit(_sent: SentMessage, _text: string): Promise<SentMessage> {
    return this.unsupported('edit');
  }

  /** Delete a message the bot sent (capability `edits`). */
  delete(_sent: SentMessage): Promise<void> {
    return this.unsupported('delete');
  }

  /**
   * Render a card natively (capability `cards`); the core sends its text rendering otherwise. `inReplyTo` is the
   * message answered; `threadId`, when given, is the thread the card goes in — the one this backend's
   * `buildReply` chose for the reply (`thread: true`), or the thread of a plugin's `inReplyTo`, which may not exist
   * yet (a thread id equal to `inReplyTo.id` asks for a thread started from that message).
   */
  sendCard(_to: Person | Room, _card: Card, _inReplyTo?: Message, _threadId?: string): Promise<SentMessage> {
    return this.unsupported('sendCard');
  }

  /** Upload a file (capability `files`). */
  uploadFile(_to: Person | Room, _file: FileUpload, _inReplyTo?: Message): Promise<SentMessage> {
    return this.unsupported('uploadFile');
  }

  /**
   * The bot calls this once its plugins are active, and again after a plugin is activated or deactivated,
   * with every command it can run now. A service with a command menu of its own (Discord's slash commands)
   * registers them here; most have none, so the default does nothing. A failure is logged, never fatal.
   */
  commandsChanged(_commands: readonly CommandInfo[]): Promise<void> {
    return Promise.resolve();
  }

  /** Show the typing indicator (capability `typing`). */
  startTyping(_to: Person | Room): Promise<void> {
    return this.unsupported('startTyping');
  }

  // ---- for subclasses: deliver service events to the core ----

  /** Deliver an incoming message; resolves when the core has handled it. */
  protected receive(message: Message): Promise<void> {
    return this.sink.message(message);
  }

  /** Deliver a presence change. */
  protected receivePresence(presence: Presence): Promise<void> {
    return this.sink.presence(presence);
  }

  /** Deliver a reaction. */
  protected receiveReaction(reaction: Reaction): Promise<void> {
    return this.sink.reaction(reaction);
  }

  /** Deliver a room join (the bot's or someone's). */
  protected receiveRoomJoined(event: RoomEvent): Promise<void> {
    return this.sink.roomJoined(event);
  }

  /** Deliver a room departure. */
  protected receiveRoomLeft(event: RoomEvent): Promise<void> {
    return this.sink.roomLeft(event);
  }

  /** Deliver a topic change. */
  protected receiveRoomTopic(event: RoomEvent): Promise<void> {
    return this.sink.roomTopic(event);
  }

  /** Deliver a card button press. */
  protected receiveCardAction(event: CardActionEvent): Promise<void> {
    return this.sink.cardAction(event);
  }

  /** Tell the core the connection is up (again). */
  protected notifyConnected(): Promise<void> {
    return this.sink.connected();
  }

  /** Tell the core the connection dropped. */
  protected notifyDisconnected(reason?: unknown): Promise<void> {
    return this.sink.disconnected(reason);
  }

  /** Tell the core the service ended for good, so the bot stops (the console at end of input). */
  protected notifyEnded(reason?: string): Promise<void> {
    return this.sink.ended(reason);
  }

  /** Throw the typed error for a member this backend lacks. */
  protected unsupported(member: string, detail?: string): never {
    throw new NotSupportedError(this.mode, member, detail);
  }

  private get sink(): BackendEventSink {
    if (!this.#sink) {
      throw new BanterError(
        'E_BACKEND_DETACHED',
        `The ${this.mode} backend delivered an event before a bot attached to it; call attach() before connect().`,
      );
    }
    return this.#sink;
  }
}
