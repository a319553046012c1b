import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { MemoryBackend, type Capabilities, type FileUpload, type MemoryRoom, type Message, type Person, type Room, type SentMessage, isRoom } from 'banter';
import { parseSwitch, SWITCH_HELP } from './console-switches.ts';

/** Options of the console backend (`backends.text` in config.ts). */
export interface TextBackendOptions {
  readonly botName?: string;
  /** Who you are at the keyboard; `@me` unless set. */
  readonly user?: string;
  /** Start in this room instead of a direct message. */
  readonly room?: string;
  readonly input?: Readable;
  readonly output?: Writable;
  /** Prompt and decorations; default: whether input is a terminal. */
  readonly interactive?: boolean;
}

const CAPABILITIES: Capabilities = { threads: false, reactions: true, cards: false, files: true, edits: true, typing: false };
// Control characters would move the cursor or ring the bell; show them instead of obeying them.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * The console: talk to the bot in a terminal, as any person and in any room, with no chat service. When
 * standard input is not a terminal it handles each line in turn and ends after the last reply, so
 * `printf '!echo hi\n' | npm start --silent` prints `hi` and exits.
 */
export class TextBackend extends MemoryBackend {
  readonly mode: string = 'text';
  readonly #input: Readable;
  readonly #output: Writable;
  readonly #interactive: boolean;
  #user;
  #room: MemoryRoom | undefined;
  #readline: Interface | undefined;
  #ended = false;

  constructor(options: TextBackendOptions = {}) {
    super({ botName: options.botName }, CAPABILITIES);
    this.#input = options.input ?? process.stdin;
    this.#output = options.output ?? process.stdout;
    this.#interactive = options.interactive ?? Boolean((this.#input as { isTTY?: boolean }).isTTY);
    this.#user = this.person((options.user ?? '@me').replace(/^@/, ''));
    if (options.room) this.#room = this.queryRoom(options.room);
  }

  async connect(): Promise<void> {
    const readline = createInterface({
      input: this.#input,
      output: this.#interactive ? this.#output : undefined,
      terminal: this.#interactive,
      crlfDelay: Infinity,
    });
    this.#readline = readline;
    if (this.#room) await this.joinRoomAs(this.#room).catch(() => undefined);
    if (this.#interactive) {
      this.print(`Talking to ${this.botIdentifier.nick} as ${this.#user}. /help lists the console switches.`);
      readline.setPrompt(this.prompt());
      readline.on('line', (line) => void this.handleLine(line).then(() => this.showPrompt()));
      readline.on('close', () => void this.end('console closed'));
      this.showPrompt();
    } else {
      void this.readAll(readline);
    }
  }

  async disconnect(): Promise<void> {
    this.#ended = true;
    this.#readline?.close();
    this.#readline = undefined;
  }

  async send(message: Message): Promise<SentMessage> {
    const id = this.nextId();
    this.print(this.decorate(message.to, message.body));
    return { id, to: message.to };
  }

  override async react(target: Message | SentMessage, name: string): Promise<void> {
    this.print(`(${this.botIdentifier.nick} reacted :${name}: to ${target.id ?? 'a message'})`);
  }

  override async unreact(target: Message | SentMessage, name: string): Promise<void> {
    this.print(`(${this.botIdentifier.nick} removed :${name}: from ${target.id ?? 'a message'})`);
  }

  override async edit(sent: SentMessage, text: string): Promise<SentMessage> {
    this.print(this.decorate(sent.to, `(edited ${sent.id}) ${text}`));
    return sent;
  }

  override async delete(sent: SentMessage): Promise<void> {
    this.print(`(${this.botIdentifier.nick} deleted ${sent.id})`);
  }

  override async uploadFile(to: Person | Room, file: FileUpload): Promise<SentMessage> {
    const size = typeof file.content === 'string' ? Buffer.byteLength(file.content) : file.content.byteLength;
    this.print(this.decorate(to, `[file ${file.name}, ${size} bytes]${file.comment ? ` ${file.comment}` : ''}`));
    return { id: this.nextId(), to };
  }

  /** Handle one typed line: a console switch, or a message from the current person in the current place. */
  async handleLine(raw: string): Promise<void> {
    const line = raw.replace(/\r$/, '');
    const switched = parseSwitch(line);
    if (!switched) {
      if (line.trim() === '') return;
      await this.receive(this.incoming(line, this.#user, this.#room));
      return;
    }
    switch (switched.kind) {
      case 'as':
        this.#user = this.person(switched.user);
        this.note(`you are now ${this.#user}`);
        break;
      case 'in':
        this.#room = this.queryRoom(switched.room);
        await this.joinRoomAs(this.#room);
        this.note(`you are now in ${this.#room}`);
        break;
      case 'dm':
        this.#room = undefined;
        this.note(`you are now in a direct message with ${this.botIdentifier.nick}`);
        break;
      case 'who':
        this.note(`you are ${this.#user}, ${this.#room ? `in ${this.#room}` : 'in a direct message'}`);
        break;
      case 'help':
        this.note(SWITCH_HELP);
        break;
      case 'quit':
        await this.end('quit');
        break;
      case 'error':
        this.note(switched.message, true);
        break;
    }
  }

  private async readAll(readline: Interface): Promise<void> {
    for await (const line of readline) {
      if (this.#ended) break;
      await this.handleLine(line);
    }
    await this.end('end of input');
  }

  private async end(reason: string): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    await this.notifyEnded(reason);
  }

  /** Console notes go to the terminal when interactive, to standard error otherwise (stdout is replies only). */
  private note(text: string, isError = false): void {
    if (this.#interactive) this.print(text);
    else if (isError) process.stderr.write(`${text}\n`);
  }

  private decorate(to: Person | Room, body: string): string {
    const clean = body.replace(CONTROL, (c) => `^${String.fromCharCode(c.charCodeAt(0) ^ 0x40)}`);
    if (!this.#interactive) return clean;
    const where = isRoom(to) ? `[${to}] ` : to.aclattr === this.#user.aclattr ? '' : `[to ${to}] `;
    return `${where}${this.botIdentifier.nick} ▸ ${clean}`;
  }

  private print(text: string): void {
    this.#output.write(`${text}\n`);
  }

  private prompt(): string {
    return `${this.#user}${this.#room ? ` in ${this.#room}` : ''} › `;
  }

  private showPrompt(): void {
    if (!this.#readline || this.#ended) return;
    this.#readline.setPrompt(this.prompt());
    this.#readline.prompt();
  }
}
