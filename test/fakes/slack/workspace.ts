/**
 * The state of the fake Slack workspace: users, conversations, messages, reactions and files. The Web API
 * methods read and change it; the test API seeds it and inspects it. Objects are serialised the way the real
 * Web API returns them (user objects, conversation objects, message objects), so the SDK sees real shapes.
 */

/** A member of the workspace (a person or the bot user). */
export interface FakeUser {
  readonly id: string;
  /** The unique handle (`name` in user objects), e.g. `alice`. */
  name: string;
  realName: string;
  displayName: string;
  email: string | undefined;
  readonly isBot: boolean;
  /** For bot users: the `B…` id their messages carry. */
  readonly botId: string | undefined;
  deleted: boolean;
  updated: number;
}

/** What kind of conversation a channel is, as the `types` argument of conversations.list names them. */
export type ConversationKind = 'public_channel' | 'private_channel' | 'im' | 'mpim';

/** A conversation: public or private channel, direct message (IM) or group DM (MPIM). */
export interface FakeChannel {
  readonly id: string;
  name: string;
  readonly kind: ConversationKind;
  readonly members: Set<string>;
  topic: { value: string; creator: string; last_set: number };
  archived: boolean;
  readonly created: number;
  readonly creator: string;
  /** The one channel nobody can leave or archive. */
  readonly isGeneral: boolean;
}

/** A message as stored: posted by a person, by the bot, or through a slash command's response_url. */
export interface FakeMessage {
  readonly channel: string;
  readonly ts: string;
  readonly user: string | undefined;
  readonly botId: string | undefined;
  text: string;
  blocks: unknown[] | undefined;
  attachments: unknown[] | undefined;
  readonly threadTs: string | undefined;
  readonly subtype: string | undefined;
  readonly files: readonly FakeFile[];
  /** Who sees it when only one person does (chat.postEphemeral, ephemeral response_url replies). */
  readonly ephemeralTo: string | undefined;
  /** How it got there: which Web API method, a response_url, or a person typing. */
  readonly via: 'person' | 'chat.postMessage' | 'chat.postEphemeral' | 'response_url' | 'files.completeUploadExternal';
  /** The response_type of a response_url reply. */
  readonly responseType?: 'ephemeral' | 'in_channel';
  readonly reactions: Map<string, string[]>;
  edited: boolean;
  deleted: boolean;
}

/** A file uploaded through files.getUploadURLExternal, its upload URL and files.completeUploadExternal. */
export interface FakeFile {
  readonly id: string;
  readonly name: string;
  readonly declaredLength: number;
  title: string;
  content: Buffer | undefined;
  mimetype: string;
  completed: boolean;
  readonly uploader: string;
}

/** The bot user as auth.test describes it. */
export interface FakeBotIdentity {
  readonly userId: string;
  readonly botId: string;
  readonly name: string;
  readonly appId: string;
}

/** The workspace: ids, timestamps and the collections. One per fake server. */
export class Workspace {
  readonly teamId = 'T0FAKE';
  readonly teamDomain = 'banter-fake';
  readonly users = new Map<string, FakeUser>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages: FakeMessage[] = [];
  readonly files = new Map<string, FakeFile>();
  readonly bot: FakeBotIdentity;
  #counter = 0;
  #lastTs = 0;

  constructor(bot: { name?: string } = {}) {
    this.bot = { userId: 'U0BOT', botId: 'B0BOT', name: bot.name ?? 'banterbot', appId: 'A0FAKE' };
    this.users.set(this.bot.userId, {
      id: this.bot.userId,
      name: this.bot.name,
      realName: 'Banter',
      displayName: '',
      email: undefined,
      isBot: true,
      botId: this.bot.botId,
      deleted: false,
      updated: now(),
    });
  }

  /** A fresh id with Slack's shape: a type letter and upper-case letters and digits. */
  newId(prefix: 'C' | 'G' | 'D' | 'U' | 'F' | 'Ev'): string {
    this.#counter += 1;
    return `${prefix}0${this.#counter.toString(36).toUpperCase().padStart(7, '0')}`;
  }

  /** A message timestamp, strictly increasing like Slack's (`seconds.micros`). */
  newTs(): string {
    const micros = Math.max(Date.now() * 1000, this.#lastTs + 1);
    this.#lastTs = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  addUser(init: { id?: string; name: string; realName?: string; displayName?: string; email?: string; isBot?: boolean; botId?: string }): FakeUser {
    const user: FakeUser = {
      id: init.id ?? this.newId('U'),
      name: init.name,
      realName: init.realName ?? init.name,
      displayName: init.displayName ?? '',
      email: init.email,
      isBot: init.isBot ?? false,
      botId: init.botId,
      deleted: false,
      updated: now(),
    };
    this.users.set(user.id, user);
    return user;
  }

  addChannel(init: { id?: string; name: string; kind?: 'public_channel' | 'private_channel'; members?: readonly string[]; topic?: string; general?: boolean; creator?: string }): FakeChannel {
    const kind = init.kind ?? 'public_channel';
    const channel: FakeChannel = {
      id: init.id ?? this.newId(kind === 'private_channel' ? 'G' : 'C'),
      name: init.name,
      kind,
      members: new Set(init.members ?? []),
      topic: { value: init.topic ?? '', creator: init.topic ? (init.creator ?? '') : '', last_set: init.topic ? now() : 0 },
      archived: false,
      created: now(),
      creator: init.creator ?? '',
      isGeneral: init.general ?? false,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** The direct-message conversation between the bot and `userId`, opened on first use. */
  imWith(userId: string): FakeChannel {
    for (const channel of this.channels.values()) {
      if (channel.kind === 'im' && channel.members.has(userId) && channel.members.has(this.bot.userId)) return channel;
    }
    const channel: FakeChannel = {
      id: this.newId('D'),
      name: userId,
      kind: 'im',
      members: new Set([userId, this.bot.userId]),
      topic: { value: '', creator: '', last_set: 0 },
      archived: false,
      created: now(),
      creator: userId,
      isGeneral: false,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  channelByName(name: string): FakeChannel | undefined {
    const bare = name.replace(/^#/, '');
    for (const channel of this.channels.values()) if (channel.name === bare && channel.kind !== 'im') return channel;
    return undefined;
  }

  userByName(name: string): FakeUser | undefined {
    const bare = name.replace(/^@/, '');
    for (const user of this.users.values()) if (user.name === bare) return user;
    return undefined;
  }

  findMessage(channel: string, ts: string): FakeMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && !m.deleted);
  }

  addMessage(init: Omit<FakeMessage, 'reactions' | 'edited' | 'deleted' | 'files'> & { files?: readonly FakeFile[] }): FakeMessage {
    const message: FakeMessage = { ...init, files: init.files ?? [], reactions: new Map(), edited: false, deleted: false };
    this.messages.push(message);
    return message;
  }

  /** A user object as users.info and users.list return it; the e-mail only with users:read.email. */
  userObject(user: FakeUser, withEmail: boolean): Record<string, unknown> {
    const profile: Record<string, unknown> = {
      real_name: user.realName,
      real_name_normalized: user.realName,
      display_name: user.displayName,
      display_name_normalized: user.displayName,
      team: this.teamId,
      image_48: `https://avatars.invalid/${user.id}_48.png`,
    };
    if (user.isBot) {
      profile.bot_id = user.botId;
      profile.api_app_id = this.bot.appId;
    }
    if (withEmail && user.email !== undefined) profile.email = user.email;
    return {
      id: user.id,
      team_id: this.teamId,
      name: user.name,
      deleted: user.deleted,
      real_name: user.realName,
      tz: 'Europe/London',
      tz_label: 'Greenwich Mean Time',
      tz_offset: 0,
      is_admin: false,
      is_owner: false,
      is_bot: user.isBot,
      is_app_user: false,
      updated: user.updated,
      profile,
    };
  }

  /** A conversation object as conversations.info / list / create return it, seen by the bot. */
  channelObject(channel: FakeChannel): Record<string, unknown> {
    const isMember = channel.members.has(this.bot.userId);
    if (channel.kind === 'im') {
      const user = [...channel.members].find((m) => m !== this.bot.userId);
      return { id: channel.id, created: channel.created, is_im: true, is_org_shared: false, user, is_user_deleted: false, priority: 0 };
    }
    return {
      id: channel.id,
      name: channel.name,
      name_normalized: channel.name,
      is_channel: channel.kind === 'public_channel',
      is_group: channel.kind === 'private_channel',
      is_im: false,
      is_mpim: channel.kind === 'mpim',
      is_private: channel.kind !== 'public_channel',
      created: channel.created,
      creator: channel.creator,
      is_archived: channel.archived,
      is_general: channel.isGeneral,
      unlinked: 0,
      is_shared: false,
      is_ext_shared: false,
      is_org_shared: false,
      is_pending_ext_shared: false,
      is_member: isMember,
      num_members: channel.members.size,
      topic: channel.topic,
      purpose: { value: '', creator: '', last_set: 0 },
      previous_names: [],
    };
  }

  /** A message object as chat.postMessage returns it and message events carry it. */
  messageObject(message: FakeMessage): Record<string, unknown> {
    const object: Record<string, unknown> = { type: 'message', text: message.text, ts: message.ts, team: this.teamId };
    if (message.user !== undefined) object.user = message.user;
    if (message.botId !== undefined) {
      object.bot_id = message.botId;
      object.app_id = this.bot.appId;
      object.bot_profile = { id: message.botId, app_id: this.bot.appId, name: this.bot.name, deleted: false, team_id: this.teamId };
    }
    if (message.subtype !== undefined) object.subtype = message.subtype;
    if (message.threadTs !== undefined) object.thread_ts = message.threadTs;
    if (message.blocks !== undefined) object.blocks = message.blocks;
    if (message.attachments !== undefined) object.attachments = message.attachments;
    if (message.files.length > 0) object.files = message.files.map((f) => this.fileObject(f));
    return object;
  }

  fileObject(file: FakeFile): Record<string, unknown> {
    return {
      id: file.id,
      created: now(),
      name: file.name,
      title: file.title,
      mimetype: file.mimetype,
      filetype: file.name.includes('.') ? file.name.split('.').pop() : 'binary',
      user: file.uploader,
      size: file.content?.length ?? 0,
      is_public: true,
      url_private: `https://files.invalid/${file.id}/${encodeURIComponent(file.name)}`,
    };
  }
}

/** Seconds since the epoch, as Slack's `created` and `updated` fields count. */
export function now(): number {
  return Math.floor(Date.now() / 1000);
}
