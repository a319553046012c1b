import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  Backend,
  IdentifierError,
  Message,
  isOccupant,
  isRoom,
  type BackendContext,
  type Capabilities,
  type Identifier,
  type Person,
  type PresenceStatus,
  type ReplyOptions,
  type Room,
  type SentMessage,
} from 'banter';
import { MychatOccupant, MychatPerson, MychatRoom } from './mychat-identifiers.ts';
import { MychatService, type Post } from './mychat-service.ts';
import type { MychatOptions } from './options.ts';

/** `alice> text` or `alice in #general> text`. */
const SCRIPT_LINE = /^([\w.-]+)(?: in (#[\w.-]+))?> ?(.*)$/;

/**
 * The mychat backend: a bot on a {@link MychatService}. With the `script` option it plays the script's lines as
 * people talking to the bot, prints the bot's messages, and stops after the last line.
 */
export class MychatBackend extends Backend {
  /** mychat is plain text: no threads, reactions, cards, files, edits or typing. */
  static readonly CAPABILITIES: Capabilities = { threads: false, reactions: false, cards: false, files: false, edits: false, typing: false };

  readonly mode = 'mychat';
  readonly capabilities: Capabilities = MychatBackend.CAPABILITIES;
  readonly maxMessageSize = 2000;
  readonly options: MychatOptions;
  readonly context: BackendContext;
  readonly service: MychatService;
  presence: PresenceStatus = 'online';
  readonly #bot: MychatPerson;
  #disconnect: (() => void) | undefined;

  constructor(options: MychatOptions, context: BackendContext, service = new MychatService()) {
    super();
    this.options = options;
    this.context = context;
    this.service = service;
    this.#bot = new MychatPerson(context.botName);
  }

  get botIdentifier(): Person {
    return this.#bot;
  }

  async connect(): Promise<void> {
    // Read the script before connecting, so a wrong path fails the start instead of a silent bot.
    const script = this.options.script ? await readFile(resolve(this.context.baseDir, this.options.script), 'utf8') : undefined;
    this.#disconnect = this.service.connect(this.#bot.id, (post) => this.receive(this.#incoming(post)));
    for (const room of this.options.rooms) await this.joinRoom(room);
    if (script !== undefined) void this.#play(script);
  }

  async disconnect(): Promise<void> {
    this.#disconnect?.();
    this.#disconnect = undefined;
  }

  async send(message: Message): Promise<SentMessage> {
    const post = isRoom(message.to)
      ? await this.service.post(this.#bot.id, { room: message.to.name }, message.body)
      : await this.service.post(this.#bot.id, { to: message.to.id }, message.body);
    if (this.options.script) process.stdout.write(`[${message.to}] ${this.#bot.id}: ${message.body}\n`);
    return { id: post.id, to: message.to };
  }

  buildIdentifier(text: string): Identifier {
    const value = text.trim();
    const occupant = /^(#[\w.-]+)\/@?([\w.-]+)$/.exec(value);
    if (occupant) return new MychatOccupant(new MychatPerson(occupant[2]!), this.queryRoom(occupant[1]!));
    if (/^#[\w.-]+$/.test(value)) return this.queryRoom(value);
    const person = /^@([\w.-]+)$/.exec(value);
    if (person) return new MychatPerson(person[1]!);
    throw new IdentifierError(text, '@person, #room or #room/person');
  }

  buildReply(message: Message, text: string, options?: ReplyOptions): Message {
    const sender = isOccupant(message.frm) ? new MychatPerson(message.frm.id, message.frm.nick) : message.frm;
    const to = options?.private || !isRoom(message.to) ? sender : message.to;
    return new Message({ body: text, frm: this.#bot, to, inReplyTo: message });
  }

  async joinRoom(name: string): Promise<Room> {
    const room = this.queryRoom(name);
    await room.join();
    return room;
  }

  queryRoom(name: string): MychatRoom {
    return new MychatRoom(name, this);
  }

  async rooms(): Promise<Room[]> {
    return this.service.roomsOf(this.#bot.id).map((name) => this.queryRoom(name));
  }

  async changePresence(status: PresenceStatus): Promise<void> {
    this.presence = status;
  }

  #incoming(post: Post): Message {
    const person = new MychatPerson(post.from);
    const room = post.room === undefined ? undefined : this.queryRoom(post.room);
    return new Message({ id: post.id, body: post.text, frm: room ? new MychatOccupant(person, room) : person, to: room ?? this.#bot });
  }

  /** Say each line of the script as its person, one after the other, then end the bot. */
  async #play(script: string): Promise<void> {
    for (const line of script.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const match = SCRIPT_LINE.exec(line);
      if (!match) {
        process.stderr.write(`mychat: cannot read the script line "${line}"; write "alice> text" or "alice in #room> text"\n`);
        continue;
      }
      const [, who, room, text] = match;
      if (room) this.service.join(room, who!);
      await this.service.post(who!, room ? { room } : { to: this.#bot.id }, text!);
    }
    await this.notifyEnded('the script is over');
  }
}
