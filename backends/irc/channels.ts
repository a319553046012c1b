import { BanterError, type JoinOptions } from 'banter';
import type { Client, IrcMessage } from 'irc-framework';
import { IrcRoomOccupant, type IrcChannelOperations, type IrcRoom, type IrcUserInfo } from './identifiers.ts';
import type { Expectation, ReplyWaiter } from './reply-waiter.ts';
import type { UserDirectory } from './user-directory.ts';

/** What {@link IrcChannels} needs from the backend. */
export interface ChannelContext {
  readonly client: Client;
  readonly waiter: ReplyWaiter;
  readonly directory: UserDirectory;
  /** A room handle for a channel name. */
  room(name: string): IrcRoom;
}

// Numerics that refuse a request about a channel (params[1] is the channel): no such channel, too many
// channels, full, invite only, banned, bad key, bad mask, needs a registered nick, not on it, not op.
const JOIN_ERRORS = new Set(['403', '405', '471', '473', '474', '475', '476', '477', '479', '480', '489']);
const CHANNEL_ERRORS = new Set(['403', '442', '477', '482']);
const SAFE_PARAM = /^[^\s,\0-\x1f]+$/;
const WHOX_TOKEN = '152';

/**
 * The channels the bot is in and wants to be in, and every channel request: join (with key), part, topic,
 * WHO, NAMES, INVITE. Each request writes one line and waits for the server's answer or refusal, so callers
 * get an error with the server's reason instead of silence. The channels it joined are rejoined, keys
 * included, after every reconnect.
 */
export class IrcChannels implements IrcChannelOperations {
  readonly #context: ChannelContext;
  /** Channels the bot is in now, by folded name. */
  readonly #joined = new Map<string, string>();
  /** Channels to be in after a reconnect, by folded name, with their keys. */
  readonly #wanted = new Map<string, { name: string; key?: string }>();

  constructor(context: ChannelContext) {
    this.#context = context;
  }

  /** Channel names the bot is in. */
  get joined(): string[] {
    return [...this.#joined.values()];
  }

  /** Channels to join at connect, from config. */
  want(name: string, key?: string): void {
    this.#wanted.set(this.#fold(name), { name, key });
  }

  isJoined(channel: string): boolean {
    return this.#joined.has(this.#fold(channel));
  }

  /** Join every wanted channel (after registering); failures are returned, not thrown, so one bad key stops nothing. */
  async joinWanted(): Promise<Array<{ channel: string; error: unknown }>> {
    const failures: Array<{ channel: string; error: unknown }> = [];
    await Promise.all(
      [...this.#wanted.values()].map(({ name, key }) =>
        this.join(name, key === undefined ? undefined : { password: key }).catch((error: unknown) => failures.push({ channel: name, error })),
      ),
    );
    return failures;
  }

  /** The connection dropped: the bot is in no channel until it rejoins. */
  disconnected(): void {
    this.#joined.clear();
  }

  async join(channel: string, options?: JoinOptions): Promise<void> {
    const key = options?.password;
    if (key !== undefined && !SAFE_PARAM.test(key)) {
      throw new BanterError('E_IRC_BAD_KEY', `The key for ${channel} contains spaces, commas or control characters.`);
    }
    if (!this.isJoined(channel)) {
      await this.#request(key === undefined ? `JOIN ${channel}` : `JOIN ${channel} ${key}`, {
        what: `the JOIN of ${channel}`,
        done: (m) => (m.command === 'JOIN' && this.#isMe(m.nick) && this.#same(m.params[0], channel) ? true : undefined),
        fail: (m) => (JOIN_ERRORS.has(m.command) && this.#same(m.params[1], channel) ? reason(m) : undefined),
      });
    }
    this.#wanted.set(this.#fold(channel), { name: channel, key });
  }

  async part(channel: string, why?: string): Promise<void> {
    this.#wanted.delete(this.#fold(channel));
    if (!this.isJoined(channel)) return;
    const text = why?.replace(/[\0\r\n]/g, ' ');
    await this.#request(text ? `PART ${channel} :${text}` : `PART ${channel}`, {
      what: `the PART of ${channel}`,
      done: (m) => (m.command === 'PART' && this.#isMe(m.nick) && this.#same(m.params[0], channel) ? true : undefined),
      fail: (m) => (CHANNEL_ERRORS.has(m.command) && this.#same(m.params[1], channel) ? reason(m) : undefined),
    });
  }

  /** Whether anyone is in `channel` that NAMES can show (secret channels stay hidden unless the bot is in them). */
  async exists(channel: string): Promise<boolean> {
    if (this.isJoined(channel)) return true;
    let seen = false;
    return this.#request(`NAMES ${channel}`, {
      what: `NAMES for ${channel}`,
      done: (m) => {
        if (m.command === '353' && this.#same(m.params[2], channel)) seen = true;
        return m.command === '366' && this.#same(m.params[1], channel) ? seen : undefined;
      },
    });
  }

  async topic(channel: string): Promise<string | undefined> {
    const topic = await this.#request(`TOPIC ${channel}`, {
      what: `the topic of ${channel}`,
      done: (m) => {
        if (!this.#same(m.params[1], channel)) return undefined;
        return m.command === '332' ? (m.params[2] ?? '') : m.command === '331' ? '' : undefined; // 331: no topic
      },
      fail: (m) => (CHANNEL_ERRORS.has(m.command) && this.#same(m.params[1], channel) ? reason(m) : undefined),
    });
    return topic === '' ? undefined : topic;
  }

  async setTopic(channel: string, topic: string): Promise<void> {
    await this.#request(`TOPIC ${channel} :${topic.replace(/[\0\r\n]+/g, ' ')}`, {
      what: `the topic change of ${channel}`,
      done: (m) => (m.command === 'TOPIC' && this.#isMe(m.nick) && this.#same(m.params[0], channel) ? true : undefined),
      fail: (m) => (CHANNEL_ERRORS.has(m.command) && this.#same(m.params[1], channel) ? reason(m) : undefined),
    });
  }

  /** Who is in `channel`, from WHO: full masks, and accounts where the server has WHOX. */
  async occupants(channel: string): Promise<IrcRoomOccupant[]> {
    const room = this.#context.room(channel);
    return (await this.who(channel)).map((info) => new IrcRoomOccupant(info, room));
  }

  /**
   * WHO `target` (a channel or a nick), answered from the lines themselves rather than irc-framework's WHO
   * queue, which stays blocked forever when a connection drops mid-answer. Everyone seen goes into the directory.
   */
  async who(target: string): Promise<IrcUserInfo[]> {
    const { client, directory } = this.#context;
    const whox = Boolean(client.network.supports('WHOX'));
    const seen: IrcUserInfo[] = [];
    // WHOX fields come back in a fixed order whatever the order asked: token, channel, user, host, nick, account, realname.
    return this.#request(whox ? `WHO ${target} %tcuhnar,${WHOX_TOKEN}` : `WHO ${target}`, {
      what: `WHO ${target}`,
      done: (m) => {
        if (m.command === '352' && m.params.length >= 8) {
          const realname = m.params[7]!.replace(/^\d+\s/, '');
          seen.push(directory.observe(m.params[5]!, m.params[2], m.params[3], undefined, realname));
        } else if (m.command === '354' && m.params[1] === WHOX_TOKEN && m.params.length >= 8) {
          const account = m.params[6] === '0' ? null : m.params[6];
          seen.push(directory.observe(m.params[5]!, m.params[3], m.params[4], account, m.params[7]));
        }
        return m.command === '315' && this.#same(m.params[1], target) ? seen : undefined;
      },
    });
  }

  async invite(channel: string, nick: string): Promise<void> {
    if (!SAFE_PARAM.test(nick)) throw new BanterError('E_IDENTIFIER', `"${nick}" is not a nick that can be invited.`);
    await this.#request(`INVITE ${nick} ${channel}`, {
      what: `the INVITE of ${nick} to ${channel}`,
      done: (m) => (m.command === '341' && this.#same(m.params[2], channel) && this.#same(m.params[1], nick) ? true : undefined),
      fail: (m) =>
        ['401', '443'].includes(m.command) && this.#same(m.params[1], nick)
          ? reason(m)
          : CHANNEL_ERRORS.has(m.command) && this.#same(m.params[1], channel)
            ? reason(m)
            : undefined,
    });
  }

  /** Follow the bot's own JOIN, PART and KICK (whoever asked for them). */
  trackSelf(event: { command: 'JOIN' | 'PART' | 'KICK'; channel: string }): void {
    const key = this.#fold(event.channel);
    if (event.command === 'JOIN') this.#joined.set(key, event.channel);
    else {
      this.#joined.delete(key);
      if (event.command === 'KICK') this.#wanted.delete(key); // rejoining after a kick is for people to decide
    }
  }

  #request<T>(line: string, expectation: Expectation<T>): Promise<T> {
    this.#assertConnected();
    const answer = this.#context.waiter.expect<T>(expectation);
    this.#context.client.raw(line);
    return answer;
  }

  #assertConnected(): void {
    if (!this.#context.client.connected) throw new BanterError('E_IRC_NOT_CONNECTED', 'The IRC backend is not connected right now; try again after it reconnects.');
  }

  #fold(name: string): string {
    return this.#context.client.caseLower(name);
  }

  #same(a: string | undefined, b: string): boolean {
    return a !== undefined && this.#context.client.caseCompare(a, b);
  }

  #isMe(nick: string): boolean {
    return this.#same(nick, this.#context.client.user.nick);
  }
}

function reason(message: IrcMessage): string {
  return `${message.params.at(-1) ?? 'refused'} (${message.command})`;
}
