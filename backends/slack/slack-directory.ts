import { systemClock, type Clock, type Logger } from 'banter';
import type { SlackUserInfo } from './identifiers.ts';
import type { SlackApi } from './slack-api.ts';
import { SlackApiError } from './slack-api-error.ts';
import type { MentionNames } from './slack-text.ts';

/** What the backend knows about a conversation. */
export interface ChannelInfo {
  readonly id: string;
  /** Without `#`; undefined for direct messages. */
  readonly name: string | undefined;
  readonly kind: 'public' | 'private' | 'im' | 'mpim';
  /** For a direct message: the person at the other end. */
  readonly imUser: string | undefined;
  readonly isMember: boolean | undefined;
  readonly archived: boolean;
}

interface CachedUser {
  readonly info: SlackUserInfo;
  readonly fetchedAt: number;
}

// A name that is not in the channel list is looked for again at most this often (conversations.list is Tier 2).
const CHANNEL_REFRESH_MS = 30_000;

/**
 * The backend's memory of the workspace: members (users.info / users.list, refreshed by user_change events and
 * after `userCacheTtlMs`) and conversations (conversations.info / list, direct-message channels opened with
 * conversations.open). Synchronous lookups serve `buildIdentifier` and the text translation; the async ones ask
 * Slack when the memory has nothing (or something stale), one request per id even when many ask at once.
 */
export class SlackDirectory implements MentionNames {
  readonly #api: SlackApi;
  readonly #ttlMs: number;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #users = new Map<string, CachedUser>();
  readonly #userIdsByName = new Map<string, string>();
  readonly #channels = new Map<string, ChannelInfo>();
  readonly #channelIdsByName = new Map<string, string>();
  readonly #imByUser = new Map<string, string>();
  readonly #fetching = new Map<string, Promise<unknown>>();
  #channelsListedAt = Number.NEGATIVE_INFINITY;

  constructor(api: SlackApi, options: { userTtlMs: number; clock?: Clock; log: Logger }) {
    this.#api = api;
    this.#ttlMs = options.userTtlMs;
    this.#clock = options.clock ?? systemClock;
    this.#log = options.log;
  }

  // ---- members ----

  /** Remember a user object from any answer or event. */
  rememberUser(raw: Record<string, unknown>): SlackUserInfo {
    const profile = (raw.profile ?? {}) as Record<string, unknown>;
    const info: SlackUserInfo = {
      id: String(raw.id),
      name: str(raw.name),
      displayName: str(profile.display_name),
      realName: str(profile.real_name) ?? str(raw.real_name),
      email: str(profile.email),
      isBot: raw.is_bot === true,
    };
    const previous = this.#users.get(info.id)?.info.name;
    if (previous && previous !== info.name) this.#userIdsByName.delete(previous.toLowerCase());
    this.#users.set(info.id, { info, fetchedAt: this.#clock.now() });
    if (info.name) this.#userIdsByName.set(info.name.toLowerCase(), info.id);
    return info;
  }

  /** What is known about a member now, without asking Slack. */
  user(id: string): SlackUserInfo | undefined {
    return this.#users.get(id)?.info;
  }

  /** A member by handle, else by a display name that only one member has. */
  userByName(name: string): SlackUserInfo | undefined {
    const lower = name.toLowerCase();
    const id = this.#userIdsByName.get(lower);
    if (id) return this.user(id);
    const matches = [...this.#users.values()].filter((u) => u.info.displayName?.toLowerCase() === lower);
    return matches.length === 1 ? matches[0]!.info : undefined;
  }

  /** A member's profile, from memory when fresh, else from users.info; an unknown id yields just the id. */
  async fetchUser(id: string): Promise<SlackUserInfo> {
    const cached = this.#users.get(id);
    if (cached && this.#clock.now() - cached.fetchedAt < this.#ttlMs) return cached.info;
    return this.#once(`user:${id}`, async () => {
      try {
        const result = await this.#api.call('users.info', { user: id });
        return this.rememberUser(result.user as Record<string, unknown>);
      } catch (error) {
        if (cached) return cached.info; // stale beats nothing while Slack is unhappy
        if (!(error instanceof SlackApiError && error.error === 'user_not_found')) this.#log.warn({ err: error, user: id }, 'Slack: could not read a profile');
        return { id };
      }
    });
  }

  // ---- conversations ----

  /** Remember a conversation object from any answer or event. */
  rememberChannel(raw: Record<string, unknown>): ChannelInfo {
    const kind = raw.is_im === true ? 'im' : raw.is_mpim === true ? 'mpim' : raw.is_private === true || raw.is_group === true ? 'private' : 'public';
    const known = this.#channels.get(String(raw.id));
    const info: ChannelInfo = {
      id: String(raw.id),
      name: str(raw.name) ?? known?.name,
      kind,
      imUser: str(raw.user) ?? known?.imUser,
      isMember: typeof raw.is_member === 'boolean' ? raw.is_member : known?.isMember,
      archived: raw.is_archived === true,
    };
    this.#remember(info);
    return info;
  }

  /** Note a change the events told us about (joined, left, renamed, archived). */
  updateChannel(id: string, changes: Partial<Omit<ChannelInfo, 'id'>>): void {
    const known = this.#channels.get(id);
    if (known) this.#remember({ ...known, ...changes });
  }

  channel(id: string): ChannelInfo | undefined {
    return this.#channels.get(id);
  }

  channelByName(name: string): ChannelInfo | undefined {
    const id = this.#channelIdsByName.get(name.replace(/^#/, '').toLowerCase());
    return id === undefined ? undefined : this.#channels.get(id);
  }

  /** A conversation by id, asking conversations.info when unknown; undefined when Slack knows no such one. */
  async fetchChannel(id: string, refresh = false): Promise<ChannelInfo | undefined> {
    const known = this.#channels.get(id);
    if (known && !refresh && (known.kind === 'im' || known.name !== undefined)) return known;
    return this.#once(`channel:${id}`, async () => {
      try {
        return this.rememberChannel((await this.#api.call('conversations.info', { channel: id })).channel as Record<string, unknown>);
      } catch (error) {
        if (error instanceof SlackApiError && error.error === 'channel_not_found') return undefined;
        throw error;
      }
    });
  }

  /** A channel by name, listing the channels again when it is not known (at most every 30 s). */
  async findChannel(name: string): Promise<ChannelInfo | undefined> {
    const known = this.channelByName(name);
    if (known) return known;
    if (this.#clock.now() - this.#channelsListedAt >= CHANNEL_REFRESH_MS) await this.loadChannels();
    return this.channelByName(name);
  }

  /** The direct-message conversation with a member, opened (conversations.open) on first use. */
  async imWith(userId: string): Promise<string> {
    const known = this.#imByUser.get(userId);
    if (known) return known;
    return this.#once(`im:${userId}`, async () => {
      const result = await this.#api.call('conversations.open', { users: userId });
      const id = String((result.channel as { id: string }).id);
      this.#remember({ id, name: undefined, kind: 'im', imUser: userId, isMember: true, archived: false });
      return id;
    });
  }

  /** Every public and private channel the bot can see, remembered (conversations.list). */
  async loadChannels(): Promise<void> {
    this.#channelsListedAt = this.#clock.now();
    let types = 'public_channel,private_channel';
    let channels: Array<Record<string, unknown>>;
    try {
      channels = await this.#api.all('conversations.list', { types, exclude_archived: true }, 'channels');
    } catch (error) {
      if (!(error instanceof SlackApiError && error.error === 'missing_scope')) throw error;
      // Without groups:read the bot still sees public channels.
      this.#log.warn({ needed: error.needed }, `Slack: private channels are not listed (${error.message})`);
      types = 'public_channel';
      channels = await this.#api.all('conversations.list', { types, exclude_archived: true }, 'channels');
    }
    for (const raw of channels) this.rememberChannel(raw);
  }

  /** Every member, remembered (users.list). */
  async loadUsers(): Promise<void> {
    for (const raw of await this.#api.all<Record<string, unknown>>('users.list', {}, 'members')) this.rememberUser(raw);
  }

  // ---- MentionNames ----

  userName(id: string): string | undefined {
    return this.user(id)?.name;
  }

  userId(name: string): string | undefined {
    return this.#userIdsByName.get(name.toLowerCase());
  }

  channelName(id: string): string | undefined {
    return this.#channels.get(id)?.name;
  }

  channelId(name: string): string | undefined {
    return this.channelByName(name)?.id;
  }

  #remember(info: ChannelInfo): void {
    const previous = this.#channels.get(info.id);
    if (previous?.name && previous.name !== info.name) this.#channelIdsByName.delete(previous.name.toLowerCase());
    this.#channels.set(info.id, info);
    if (info.name && info.kind !== 'im') this.#channelIdsByName.set(info.name.toLowerCase(), info.id);
    if (info.kind === 'im' && info.imUser) this.#imByUser.set(info.imUser, info.id);
  }

  #once<T>(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.#fetching.get(key) as Promise<T> | undefined;
    if (running) return running;
    const started = work().finally(() => this.#fetching.delete(key));
    this.#fetching.set(key, started);
    return started;
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
