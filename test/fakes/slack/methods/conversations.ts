import { MethodContext, SlackMethodError, type MethodHandler } from '../method-context.ts';
import { channelType } from '../payloads.ts';
import { now, type ConversationKind, type FakeChannel } from '../workspace.ts';

const ALL_KINDS: readonly ConversationKind[] = ['public_channel', 'private_channel', 'mpim', 'im'];

/** The `types` argument of conversations.list / users.conversations (default: public channels only). */
function requestedKinds(c: MethodContext): ConversationKind[] {
  const types = c.string('types');
  if (types === undefined) return ['public_channel'];
  const kinds = types.split(',').map((t) => t.trim());
  for (const kind of kinds) if (!ALL_KINDS.includes(kind as ConversationKind)) throw new SlackMethodError('invalid_types');
  return kinds as ConversationKind[];
}

/** The conversations the bot can see of the requested kinds, each kind needing its read scope. */
function visible(c: MethodContext, memberOnly: boolean): FakeChannel[] {
  const kinds = requestedKinds(c);
  for (const kind of kinds) c.needRead(kind);
  const excludeArchived = c.flag('exclude_archived');
  const bot = c.workspace.bot.userId;
  return [...c.workspace.channels.values()].filter(
    (ch) =>
      kinds.includes(ch.kind) &&
      !(excludeArchived && ch.archived) &&
      (ch.kind === 'public_channel' ? !memberOnly || ch.members.has(bot) : ch.members.has(bot)),
  );
}

function memberOf(c: MethodContext, channel: FakeChannel): void {
  if (!channel.members.has(c.workspace.bot.userId)) throw new SlackMethodError('not_in_channel');
}

function memberEvent(c: MethodContext, type: 'member_joined_channel' | 'member_left_channel', user: string, channel: FakeChannel, inviter?: string): void {
  const event: Record<string, unknown> = { type, user, channel: channel.id, channel_type: channelType(channel) === 'channel' ? 'C' : 'G', team: c.workspace.teamId, event_ts: c.workspace.newTs() };
  if (inviter) event.inviter = inviter;
  c.hooks.emitEvent(event);
}

const CHANNEL_NAME = /^[a-z0-9][a-z0-9_-]*$/;

/** The conversations.* methods, and users.conversations. */
export const conversationMethods: Record<string, MethodHandler> = {
  'conversations.info': (c) => {
    const channel = c.channel();
    c.needRead(channel.kind);
    return { ok: true, channel: c.workspace.channelObject(channel) };
  },

  'conversations.list': (c) => {
    const { items, next } = c.page(visible(c, false));
    return { ok: true, channels: items.map((ch) => c.workspace.channelObject(ch)), response_metadata: { next_cursor: next } };
  },

  'users.conversations': (c) => {
    const user = c.string('user');
    if (user !== undefined && user !== c.workspace.bot.userId) throw new SlackMethodError('user_not_found');
    const { items, next } = c.page(visible(c, true));
    return { ok: true, channels: items.map((ch) => c.workspace.channelObject(ch)), response_metadata: { next_cursor: next } };
  },

  'conversations.members': (c) => {
    const channel = c.channel();
    c.needRead(channel.kind);
    const { items, next } = c.page([...channel.members]);
    return { ok: true, members: items, response_metadata: { next_cursor: next } };
  },

  'conversations.join': (c) => {
    c.need('channels:join');
    const channel = c.channel();
    if (channel.kind !== 'public_channel') throw new SlackMethodError('method_not_supported_for_channel_type');
    if (channel.archived) throw new SlackMethodError('is_archived');
    const bot = c.workspace.bot.userId;
    if (channel.members.has(bot)) {
      return { ok: true, channel: c.workspace.channelObject(channel), warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } };
    }
    channel.members.add(bot);
    memberEvent(c, 'member_joined_channel', bot, channel);
    return { ok: true, channel: c.workspace.channelObject(channel) };
  },

  'conversations.leave': (c) => {
    const channel = c.channel();
    c.needWrite(channel.kind);
    if (channel.isGeneral) throw new SlackMethodError('cant_leave_general');
    if (channel.kind === 'im') throw new SlackMethodError('method_not_supported_for_channel_type');
    const bot = c.workspace.bot.userId;
    if (!channel.members.has(bot)) return { ok: false, error: 'not_in_channel' };
    memberEvent(c, 'member_left_channel', bot, channel);
    channel.members.delete(bot);
    return { ok: true };
  },

  'conversations.setTopic': (c) => {
    const channel = c.channel();
    c.needWrite(channel.kind, { public_channel: 'channels:write.topic', private_channel: 'groups:write.topic' });
    memberOf(c, channel);
    if (channel.archived) throw new SlackMethodError('is_archived');
    const topic = c.string('topic') ?? '';
    if (topic.length > 250) throw new SlackMethodError('too_long');
    channel.topic = { value: topic, creator: c.workspace.bot.userId, last_set: now() };
    const ts = c.workspace.newTs();
    c.hooks.emitEvent({
      type: 'message',
      subtype: 'channel_topic',
      user: c.workspace.bot.userId,
      topic,
      text: `set the channel topic: ${topic}`,
      channel: channel.id,
      channel_type: channelType(channel),
      ts,
      event_ts: ts,
    });
    return { ok: true, channel: c.workspace.channelObject(channel) };
  },

  'conversations.invite': (c) => {
    const channel = c.channel();
    c.needWrite(channel.kind);
    memberOf(c, channel);
    if (channel.archived) throw new SlackMethodError('is_archived');
    const users = (c.string('users') ?? '').split(',').map((u) => u.trim()).filter(Boolean);
    if (users.length === 0) throw new SlackMethodError('no_user');
    if (users.length > 1000) throw new SlackMethodError('too_many_users');
    for (const user of users) {
      if (!c.workspace.users.has(user)) throw new SlackMethodError('user_not_found');
      if (user === c.workspace.bot.userId) throw new SlackMethodError('cant_invite_self');
    }
    const added = users.filter((u) => !channel.members.has(u));
    if (added.length === 0) throw new SlackMethodError('already_in_channel', { errors: users.map((user) => ({ user, ok: false, error: 'already_in_channel' })) });
    for (const user of added) {
      channel.members.add(user);
      memberEvent(c, 'member_joined_channel', user, channel, c.workspace.bot.userId);
    }
    return { ok: true, channel: c.workspace.channelObject(channel) };
  },

  'conversations.create': (c) => {
    const isPrivate = c.flag('is_private');
    c.needWrite(isPrivate ? 'private_channel' : 'public_channel');
    const name = c.string('name');
    if (name === undefined) throw new SlackMethodError('invalid_name_required');
    if (name.length > 80) throw new SlackMethodError('invalid_name_maxlength');
    if (!CHANNEL_NAME.test(name)) throw new SlackMethodError('invalid_name_specials');
    if (c.workspace.channelByName(name)) throw new SlackMethodError('name_taken');
    const bot = c.workspace.bot.userId;
    const channel = c.workspace.addChannel({ name, kind: isPrivate ? 'private_channel' : 'public_channel', members: [bot], creator: bot });
    return { ok: true, channel: c.workspace.channelObject(channel) };
  },

  'conversations.archive': (c) => {
    const channel = c.channel();
    c.needWrite(channel.kind);
    if (channel.isGeneral) throw new SlackMethodError('cant_archive_general');
    if (channel.kind === 'im') throw new SlackMethodError('method_not_supported_for_channel_type');
    if (channel.archived) throw new SlackMethodError('already_archived');
    memberOf(c, channel);
    channel.archived = true;
    c.hooks.emitEvent({ type: 'channel_archive', channel: channel.id, user: c.workspace.bot.userId, event_ts: c.workspace.newTs() });
    return { ok: true };
  },

  'conversations.open': (c) => {
    const users = (c.string('users') ?? '').split(',').map((u) => u.trim()).filter(Boolean);
    if (c.string('channel') !== undefined) {
      const channel = c.channel();
      return { ok: true, channel: { id: channel.id }, already_open: true };
    }
    if (users.length === 0) throw new SlackMethodError('users_list_not_supplied');
    if (users.length > 1) {
      // Group DMs exist on Slack; this fake does not model them, and says so instead of pretending.
      throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] the fake models one-person DMs only'] } });
    }
    c.need('im:write');
    const user = c.workspace.users.get(users[0]!);
    if (!user || user.deleted) throw new SlackMethodError('user_not_found');
    if (user.id === c.workspace.bot.userId) throw new SlackMethodError('cannot_dm_bot');
    const existed = [...c.workspace.channels.values()].some((ch) => ch.kind === 'im' && ch.members.has(user.id));
    const im = c.workspace.imWith(user.id);
    return { ok: true, no_op: existed, already_open: existed, channel: { id: im.id } };
  },
};
