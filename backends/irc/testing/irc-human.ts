import { ChangeWaiter } from 'banter/testing';
import { Client } from 'irc-framework';

/** Something the human's client saw. */
export interface Seen {
  readonly type: 'privmsg' | 'notice' | 'action' | 'join' | 'part' | 'quit' | 'kick' | 'topic' | 'invite' | 'mode' | 'names';
  /** Who did it. */
  readonly nick: string;
  /** Channel or nick it was addressed to (for joins and parts: the channel). */
  readonly target: string;
  readonly text: string;
  /** When it arrived (performance.now()). */
  readonly at: number;
}

/** Options for {@link IrcHuman.connect}. */
export interface HumanOptions {
  readonly port: number;
  readonly nick: string;
  readonly channels?: readonly string[];
  /** Server password (PASS). */
  readonly password?: string;
  readonly timeoutMs?: number;
}

/**
 * A person on IRC for tests: a second irc-framework client that says things as a human would (channel and
 * private messages, notices, /me, raw lines) and records everything it sees, so a test can await what the
 * bot does — event by event, each wait bounded, no sleeps.
 */
export class IrcHuman {
  readonly client: Client;
  readonly nick: string;
  readonly seen: Seen[] = [];
  readonly #waiter = new ChangeWaiter();

  private constructor(client: Client, nick: string) {
    this.client = client;
    this.nick = nick;
    const record = (type: Seen['type'], pick: (e: Record<string, string>) => { nick?: string; target?: string; text?: string }) => (e: Record<string, string>) => {
      const { nick: who = '', target = '', text = '' } = pick(e);
      this.seen.push({ type, nick: who, target, text, at: performance.now() });
      this.#waiter.changed();
    };
    client.on('privmsg', record('privmsg', (e) => ({ nick: e.nick, target: e.target, text: e.message })));
    client.on('notice', record('notice', (e) => ({ nick: e.nick, target: e.target, text: e.message })));
    client.on('action', record('action', (e) => ({ nick: e.nick, target: e.target, text: e.message })));
    client.on('join', record('join', (e) => ({ nick: e.nick, target: e.channel })));
    client.on('part', record('part', (e) => ({ nick: e.nick, target: e.channel, text: e.message })));
    client.on('kick', record('kick', (e) => ({ nick: e.kicked, target: e.channel, text: e.message })));
    client.on('quit', record('quit', (e) => ({ nick: e.nick, text: e.message })));
    client.on('topic', record('topic', (e) => ({ nick: e.nick, target: e.channel, text: e.topic })));
    client.on('invite', record('invite', (e) => ({ nick: e.nick, target: e.channel, text: e.invited })));
    client.on('mode', (e: { nick: string; target: string; modes: Array<{ mode: string; param?: string }> }) =>
      record('mode', () => ({ nick: e.nick, target: e.target, text: e.modes.map((m) => `${m.mode}${m.param ? ` ${m.param}` : ''}`).join(' ') }))({}),
    );
    client.on('userlist', (e: { channel: string; users: Array<{ nick: string }> }) =>
      record('names', () => ({ target: e.channel, text: e.users.map((u) => u.nick).join(' ') }))({}),
    );
  }

  /** Connect to the test server on 127.0.0.1, register, and join `channels`. */
  static async connect(options: HumanOptions): Promise<IrcHuman> {
    const client = new Client({ auto_reconnect: false, version: null });
    const human = new IrcHuman(client, options.nick);
    const registered = new Promise<void>((resolve, reject) => {
      client.once('registered', () => resolve());
      client.once('close', () => reject(new Error(`${options.nick} could not connect to 127.0.0.1:${options.port}`)));
    });
    client.on('raw socket connected', (socket: { setNoDelay?(on: boolean): void }) => socket.setNoDelay?.(true));
    client.connect({
      host: '127.0.0.1',
      port: options.port,
      nick: options.nick,
      username: options.nick,
      gecos: `${options.nick} (a human)`,
      password: options.password,
      account: {}, // the server password is not a SASL password
    });
    await withTimeout(registered, options.timeoutMs ?? 5_000, `${options.nick} to register`);
    for (const channel of options.channels ?? []) await human.join(channel);
    return human;
  }

  /** How many things have been seen so far: a cursor for {@link waitFor}. */
  mark(): number {
    return this.seen.length;
  }

  /** Join `channel` and wait for the server to confirm it. */
  async join(channel: string): Promise<void> {
    const from = this.mark();
    this.client.join(channel);
    await this.waitFor((s) => s.type === 'join' && s.nick === this.nick && same(s.target, channel), { from, what: `${this.nick} to join ${channel}` });
  }

  /** Set channel modes (`+k sesame`, `+t`) and wait for the server to apply them. */
  async mode(channel: string, modes: string): Promise<void> {
    const from = this.mark();
    this.client.raw(`MODE ${channel} ${modes}`);
    await this.waitFor((s) => s.type === 'mode' && same(s.target, channel), { from, what: `MODE ${channel} ${modes}` });
  }

  /** Who is in `channel` now, as NAMES shows it (without @ and + prefixes). */
  async names(channel: string): Promise<string[]> {
    const from = this.mark();
    this.client.raw(`NAMES ${channel}`);
    const seen = await this.waitFor((s) => s.type === 'names' && same(s.target, channel), { from, what: `NAMES ${channel}` });
    return seen.text.split(' ').filter(Boolean);
  }

  /** Say `text` to a channel or nick. */
  say(target: string, text: string): void {
    this.client.say(target, text);
  }

  /** Send one raw protocol line, exactly as given. */
  raw(line: string): void {
    this.client.raw(line);
  }

  /**
   * The first thing seen at or after `from` that matches, waiting for it if need be (at most `timeoutMs`,
   * default 5 s); rejects naming what it waited for and what it saw instead.
   */
  waitFor(match: (seen: Seen) => boolean, options: { from?: number; timeoutMs?: number; what: string }): Promise<Seen> {
    return this.waitForAll(match, 1, options).then((found) => found[0]!);
  }

  /** The first `count` things seen at or after `from` that match, waiting as {@link waitFor} does. */
  waitForAll(match: (seen: Seen) => boolean, count: number, options: { from?: number; timeoutMs?: number; what: string }): Promise<Seen[]> {
    const from = options.from ?? 0;
    const found = () => this.seen.slice(from).filter(match);
    const timeoutMs = options.timeoutMs ?? 5_000;
    return this.#waiter.until(
      () => {
        const hits = found();
        return hits.length >= count ? hits.slice(0, count) : undefined;
      },
      timeoutMs,
      () => {
        const recent = this.seen.slice(Math.max(from, this.seen.length - 5)).map((s) => `${s.type} ${s.nick}→${s.target}: ${s.text}`);
        return new Error(`gave up waiting for ${options.what} after ${timeoutMs} ms: ${found().length} of ${count}; last seen:\n  ${recent.join('\n  ')}`);
      },
    );
  }

  /** QUIT and wait for the socket to close (bounded). */
  async quit(): Promise<void> {
    if (!this.client.connected) {
      this.client.connection.end();
      return;
    }
    const closed = new Promise<void>((resolve) => this.client.once('close', () => resolve()));
    this.client.quit('bye');
    await withTimeout(closed, 3_000, `${this.nick} to disconnect`).catch(() => this.client.connection.end(undefined, true));
  }
}

/** ASCII case-insensitive comparison, as IRC compares nicks and channels. */
export function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting for ${what} after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
