import {
  MemoryBackend,
  Message,
  isRoom,
  renderCardAsText,
  type Card,
  type CardActionEvent,
  type Capabilities,
  type FileUpload,
  type MemoryBackendOptions,
  type MemoryPerson,
  type MemoryRoom,
  type Person,
  type PresenceStatus,
  type Room,
  type SentMessage,
} from 'banter';

/** Every capability on: plugin tests can exercise all of them; turn some off to test degradation. */
const ALL_CAPABILITIES: Capabilities = { threads: true, reactions: true, cards: true, files: true, edits: true, typing: true };

/** Where a test message comes from. */
export interface SayOptions {
  /** Who says it: `@alice` or a person; default the bot's default user. */
  readonly as?: string | MemoryPerson;
  /** Room to say it in (`#ops`); a direct message to the bot when absent. */
  readonly in?: string | MemoryRoom;
  /** Thread to say it in. */
  readonly thread?: string;
  /** Say it as a message that must not be answered (like an IRC NOTICE): only hooks see it. */
  readonly quiet?: boolean;
}

/** Something the bot did besides sending a message, recorded in order. */
export type TestAction =
  | { readonly type: 'react' | 'unreact'; readonly messageId: string; readonly name: string }
  | { readonly type: 'edit'; readonly messageId: string; readonly text: string }
  | { readonly type: 'delete'; readonly messageId: string }
  | { readonly type: 'upload'; readonly to: string; readonly file: FileUpload }
  | { readonly type: 'typing'; readonly to: string };

/**
 * An in-memory backend whose every event is awaitable: `say()` resolves with exactly the replies to that
 * message, once the bot has finished with it. No sleeps, no polling.
 */
export class TestBackend extends MemoryBackend {
  readonly mode: string = 'test';
  /** Every message the bot sent, in order. */
  readonly sent: Message[] = [];
  /** Reactions, edits, uploads and typing, in order. */
  readonly actions: TestAction[] = [];
  /** Who speaks when `say()` is not told. */
  defaultUser: MemoryPerson;
  readonly #collectors = new Map<Message, Message[]>();
  #connected = false;

  constructor(options: MemoryBackendOptions & { user?: string } = {}) {
    super(options, ALL_CAPABILITIES);
    this.defaultUser = this.person((options.user ?? '@tester').replace(/^@/, ''));
  }

  get connected(): boolean {
    return this.#connected;
  }

  async connect(): Promise<void> {
    this.#connected = true;
  }

  async disconnect(): Promise<void> {
    this.#connected = false;
  }

  async send(message: Message): Promise<SentMessage> {
    const id = this.nextId();
    this.sent.push(message);
    this.collect(message);
    return { id, to: message.to, threadId: message.threadId };
  }

  override async sendCard(to: Person | Room, card: Card, inReplyTo?: Message, thread?: string): Promise<SentMessage> {
    if (!this.capabilities.cards) this.unsupported('sendCard');
    const threadId = this.capabilities.threads && isRoom(to) ? (thread ?? inReplyTo?.threadId) : undefined;
    const message = new Message({ body: renderCardAsText(card), frm: this.botIdentifier, to, threadId, inReplyTo, extras: { card } });
    return this.send(message);
  }

  override async react(target: Message | SentMessage, name: string): Promise<void> {
    if (!this.capabilities.reactions) this.unsupported('react');
    this.actions.push({ type: 'react', messageId: target.id ?? '', name });
  }

  override async unreact(target: Message | SentMessage, name: string): Promise<void> {
    if (!this.capabilities.reactions) this.unsupported('unreact');
    this.actions.push({ type: 'unreact', messageId: target.id ?? '', name });
  }

  override async edit(sent: SentMessage, text: string): Promise<SentMessage> {
    if (!this.capabilities.edits) this.unsupported('edit');
    this.actions.push({ type: 'edit', messageId: sent.id, text });
    return sent;
  }

  override async delete(sent: SentMessage): Promise<void> {
    if (!this.capabilities.edits) this.unsupported('delete');
    this.actions.push({ type: 'delete', messageId: sent.id });
  }

  override async uploadFile(to: Person | Room, file: FileUpload): Promise<SentMessage> {
    if (!this.capabilities.files) this.unsupported('uploadFile');
    this.actions.push({ type: 'upload', to: String(to), file });
    return { id: this.nextId(), to };
  }

  override async startTyping(to: Person | Room): Promise<void> {
    if (!this.capabilities.typing) this.unsupported('startTyping');
    this.actions.push({ type: 'typing', to: String(to) });
  }

  /** Say `text` and resolve with the bot's replies to it, once the bot has finished handling it. */
  async say(text: string, options: SayOptions = {}): Promise<Message[]> {
    const said = this.incoming(text, this.speaker(options.as), this.roomOf(options.in), options.thread);
    const message = options.quiet ? said.with({ quiet: true }) : said;
    const replies: Message[] = [];
    this.#collectors.set(message, replies);
    try {
      await this.receive(message);
    } finally {
      this.#collectors.delete(message);
    }
    return replies;
  }

  /** Someone (not the bot) changes presence. */
  presenceOf(who: string, status: PresenceStatus, message?: string): Promise<void> {
    return this.receivePresence({ who: this.speaker(who), status, message });
  }

  /** Someone reacts to a message. */
  reactAs(who: string, target: Message | SentMessage, name: string, action: 'added' | 'removed' = 'added'): Promise<void> {
    return this.receiveReaction({ reactor: this.speaker(who), action, name, target: target.to, messageId: target.id ?? '' });
  }

  /** Someone presses a card button. */
  pressButton(event: Omit<CardActionEvent, 'who'> & { who: string }): Promise<void> {
    return this.receiveCardAction({ ...event, who: this.speaker(event.who) });
  }

  /** Someone joins a room (the bot's own joins go through `joinRoom`). */
  async joinAs(who: string, room: string): Promise<void> {
    const memoryRoom = this.queryRoom(room);
    const person = this.speaker(who);
    this.chat.add(memoryRoom.name, person.id);
    await this.receiveRoomJoined({ room: memoryRoom, who: person });
  }

  private speaker(who: string | MemoryPerson | undefined): MemoryPerson {
    if (who === undefined) return this.defaultUser;
    return typeof who === 'string' ? this.person(who.replace(/^@/, '')) : who;
  }

  private roomOf(room: string | MemoryRoom | undefined): MemoryRoom | undefined {
    return typeof room === 'string' ? this.queryRoom(room) : room;
  }

  private collect(message: Message): void {
    let origin = message.inReplyTo;
    while (origin?.inReplyTo) origin = origin.inReplyTo;
    if (origin) this.#collectors.get(origin)?.push(message);
  }
}
