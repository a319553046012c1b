import { createServer, type Server, type Socket } from 'node:net';
import { ChangeWaiter } from 'banter/testing';

/** How the scripted server behaves. */
export interface ScriptedIrcdOptions {
  /** Capabilities offered in CAP LS, e.g. `['sasl=PLAIN', 'account-tag', 'extended-join']`. */
  readonly caps: readonly string[];
  /** SASL PLAIN and NickServ credentials it accepts. */
  readonly accounts?: Readonly<Record<string, string>>;
}

/**
 * A scripted IRC server on 127.0.0.1 for what ngircd cannot show: services accounts. It speaks just enough of
 * the protocol for one client — CAP negotiation, SASL PLAIN, a NickServ IDENTIFY, registration, JOIN (with
 * extended-join) — and lets the test push any line to that client, as a network would (`@account=alice
 * :alice!~a@host PRIVMSG #ops :hi`). Every line the client sends is recorded.
 */
export class ScriptedIrcd {
  readonly received: string[] = [];
  readonly #server: Server;
  readonly #options: ScriptedIrcdOptions;
  readonly #waiter = new ChangeWaiter();
  #client: Socket | undefined;
  #nick = '*';
  /** A client that opened CAP negotiation is welcomed only after CAP END, as real servers do. */
  #negotiating = false;
  #registered = false;
  #user = '';
  #account: string | undefined;
  port = 0;

  private constructor(options: ScriptedIrcdOptions) {
    this.#options = options;
    this.#server = createServer((socket) => this.#serve(socket));
  }

  static async start(options: ScriptedIrcdOptions): Promise<ScriptedIrcd> {
    const ircd = new ScriptedIrcd(options);
    await new Promise<void>((resolve) => ircd.#server.listen(0, '127.0.0.1', resolve));
    ircd.port = (ircd.#server.address() as { port: number }).port;
    return ircd;
  }

  /** The connected client's mask as this server shows it. */
  get mask(): string {
    return `${this.#nick}!~${this.#user}@bot.example`;
  }

  /** Send a raw line to the client. */
  send(line: string): void {
    this.#client?.write(`${line}\r\n`);
  }

  /** The first line received from the client at or after index `from` that matches, waiting at most `timeoutMs`. */
  waitForLine(match: RegExp, from = 0, timeoutMs = 5_000): Promise<string> {
    return this.#waiter.until(
      () => this.received.slice(from).find((l) => match.test(l)),
      timeoutMs,
      () => new Error(`the client sent no line matching ${match} within ${timeoutMs} ms; it sent:\n  ${this.received.join('\n  ')}`),
    );
  }

  async stop(): Promise<void> {
    this.#client?.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #serve(socket: Socket): void {
    this.#client = socket;
    let buffer = '';
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) !== -1) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        this.received.push(line);
        this.#handle(line);
        this.#waiter.changed();
      }
    });
  }

  #handle(line: string): void {
    const [command = '', ...rest] = line.split(' ');
    const arg = rest.join(' ');
    const me = this.#nick;
    switch (command.toUpperCase()) {
      case 'CAP':
        if (rest[0] === 'LS') {
          this.#negotiating = true;
          this.send(`:fake.test CAP * LS :${this.#options.caps.join(' ')}`);
        } else if (rest[0] === 'REQ') this.send(`:fake.test CAP * ACK :${arg.slice(arg.indexOf(':') + 1)}`);
        else if (rest[0] === 'END') {
          this.#negotiating = false;
          this.#welcome();
        }
        break;
      case 'AUTHENTICATE':
        if (rest[0] === 'PLAIN') this.send('AUTHENTICATE +');
        else this.#login(Buffer.from(rest[0] ?? '', 'base64').toString('utf8').split('\0').slice(1) as [string, string], true);
        break;
      case 'NICK':
        this.#nick = rest[0] ?? '*';
        break;
      case 'USER':
        this.#user = rest[0] || 'user';
        this.#welcome();
        break;
      case 'JOIN': {
        const extended = this.#options.caps.includes('extended-join');
        this.send(`:${this.mask} JOIN ${rest[0]}${extended ? ` ${this.#account ?? '*'} :Banter bot` : ''}`);
        this.send(`:fake.test 366 ${me} ${rest[0]} :End of NAMES list`);
        break;
      }
      case 'PRIVMSG':
        if (rest[0]?.toLowerCase() === 'nickserv') {
          const words = arg.slice(arg.indexOf(':') + 1).split(' ');
          if (words[0]?.toUpperCase() === 'IDENTIFY') this.#login(words.length > 2 ? [words[1]!, words[2]!] : [me, words[1]!], false);
        }
        break;
      case 'PING':
        this.send(`:fake.test PONG fake.test :${arg.replace(/^:/, '')}`);
        break;
      case 'QUIT':
        this.send('ERROR :Closing link');
        this.#client?.end();
        break;
    }
  }

  #welcome(): void {
    if (this.#negotiating || this.#registered || this.#user === '') return;
    this.#registered = true;
    this.send(`:fake.test 001 ${this.#nick} :Welcome to the test network ${this.mask}`);
    this.send(`:fake.test 005 ${this.#nick} CHANTYPES=# CASEMAPPING=ascii :are supported by this server`);
    this.send(`:fake.test 376 ${this.#nick} :End of MOTD`);
  }

  #login([account, password]: [string, string], sasl: boolean): void {
    if (this.#options.accounts?.[account] === password) {
      this.#account = account;
      this.send(`:fake.test 900 ${this.#nick} ${this.mask} ${account} :You are now logged in as ${account}`);
      if (sasl) this.send(`:fake.test 903 ${this.#nick} :SASL authentication successful`);
    } else if (sasl) this.send(`:fake.test 904 ${this.#nick} :SASL authentication failed`);
    else this.send(`:NickServ!services@services.test NOTICE ${this.#nick} :Invalid password for ${account}`);
  }
}
