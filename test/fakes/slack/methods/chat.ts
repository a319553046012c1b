import { validateBlocks } from '../block-kit-validator.ts';
import { MethodContext, SlackMethodError, type MethodHandler } from '../method-context.ts';
import { channelType, messageEvent } from '../payloads.ts';
import type { FakeChannel, FakeMessage } from '../workspace.ts';

/** Slack refuses message text longer than this (its documented hard limit). */
export const MAX_TEXT = 40_000;

/** Text, blocks and attachments of a message being posted or updated, checked as Slack checks them. */
export function messageContent(c: MethodContext): { text: string; blocks: unknown[] | undefined; attachments: unknown[] | undefined } {
  const text = c.string('text') ?? '';
  const blocks = c.json('blocks', 'invalid_blocks_format') as unknown[] | undefined;
  const attachments = c.json('attachments', 'invalid_attachments') as unknown[] | undefined;
  if (blocks !== undefined) validateBlocks(blocks);
  if (attachments !== undefined) {
    if (!Array.isArray(attachments)) throw new SlackMethodError('invalid_attachments');
    attachments.forEach((attachment, i) => {
      if (typeof attachment !== 'object' || attachment === null) throw new SlackMethodError('invalid_attachments');
      const inner = (attachment as { blocks?: unknown }).blocks;
      if (inner !== undefined) validateBlocks(inner, `/attachments/${i}/blocks`);
    });
  }
  if (text === '' && (blocks === undefined || blocks.length === 0) && (attachments === undefined || attachments.length === 0)) {
    throw new SlackMethodError('no_text');
  }
  if (text.length > MAX_TEXT) throw new SlackMethodError('msg_too_long');
  return { text, blocks, attachments };
}

/** Whether the bot may post in `channel`: a member, or `chat:write.public` for a public channel. */
export function checkCanPost(c: MethodContext, channel: FakeChannel): void {
  if (channel.archived) throw new SlackMethodError('is_archived');
  if (channel.members.has(c.workspace.bot.userId)) return;
  if (channel.kind === 'public_channel' && c.token.scopes.has('chat:write.public')) return;
  throw new SlackMethodError('not_in_channel');
}

/** Tell the bot about a message in a conversation it is in (Slack echoes the bot's own posts, too). */
export function announce(c: MethodContext, message: FakeMessage, channel: FakeChannel): void {
  if (channel.members.has(c.workspace.bot.userId)) c.hooks.emitEvent(messageEvent(c.workspace, message, channel));
}

function ownMessage(c: MethodContext, action: 'update' | 'delete'): { channel: FakeChannel; message: FakeMessage } {
  const channel = c.channel();
  const ts = c.string('ts');
  const message = ts === undefined ? undefined : c.workspace.findMessage(channel.id, ts);
  if (!message || message.ephemeralTo !== undefined) throw new SlackMethodError('message_not_found');
  if (message.botId !== c.workspace.bot.botId) throw new SlackMethodError(action === 'update' ? 'cant_update_message' : 'cant_delete_message');
  return { channel, message };
}

/** chat.postMessage, chat.postEphemeral, chat.update and chat.delete. */
export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': (c) => {
    c.need('chat:write');
    const channel = c.channel('channel', { allowNames: true });
    checkCanPost(c, channel);
    const content = messageContent(c);
    const threadTs = c.string('thread_ts');
    const message = c.workspace.addMessage({
      channel: channel.id,
      ts: c.workspace.newTs(),
      user: c.workspace.bot.userId,
      botId: c.workspace.bot.botId,
      ...content,
      threadTs,
      subtype: undefined,
      ephemeralTo: undefined,
      via: 'chat.postMessage',
    });
    announce(c, message, channel);
    return { ok: true, channel: channel.id, ts: message.ts, message: c.workspace.messageObject(message) };
  },

  'chat.postEphemeral': (c) => {
    c.need('chat:write');
    const channel = c.channel('channel', { allowNames: true });
    checkCanPost(c, channel);
    const user = c.string('user');
    if (user === undefined || !c.workspace.users.has(user)) throw new SlackMethodError('user_not_found');
    if (!channel.members.has(user)) throw new SlackMethodError('user_not_in_channel');
    const content = messageContent(c);
    const message = c.workspace.addMessage({
      channel: channel.id,
      ts: c.workspace.newTs(),
      user: c.workspace.bot.userId,
      botId: c.workspace.bot.botId,
      ...content,
      threadTs: c.string('thread_ts'),
      subtype: undefined,
      ephemeralTo: user,
      via: 'chat.postEphemeral',
    });
    return { ok: true, message_ts: message.ts };
  },

  'chat.update': (c) => {
    c.need('chat:write');
    const { channel, message } = ownMessage(c, 'update');
    const content = messageContent(c);
    const previous = c.workspace.messageObject(message);
    message.text = content.text;
    if (content.blocks !== undefined) message.blocks = content.blocks;
    if (content.attachments !== undefined) message.attachments = content.attachments;
    message.edited = true;
    if (channel.members.has(c.workspace.bot.userId)) {
      c.hooks.emitEvent({
        type: 'message',
        subtype: 'message_changed',
        hidden: true,
        channel: channel.id,
        channel_type: channelType(channel),
        ts: c.workspace.newTs(),
        event_ts: c.workspace.newTs(),
        message: { ...c.workspace.messageObject(message), edited: { user: c.workspace.bot.userId, ts: c.workspace.newTs() } },
        previous_message: previous,
      });
    }
    return { ok: true, channel: channel.id, ts: message.ts, text: message.text, message: c.workspace.messageObject(message) };
  },

  'chat.delete': (c) => {
    c.need('chat:write');
    const { channel, message } = ownMessage(c, 'delete');
    message.deleted = true;
    if (channel.members.has(c.workspace.bot.userId)) {
      c.hooks.emitEvent({
        type: 'message',
        subtype: 'message_deleted',
        hidden: true,
        channel: channel.id,
        channel_type: channelType(channel),
        ts: c.workspace.newTs(),
        deleted_ts: message.ts,
        event_ts: c.workspace.newTs(),
        previous_message: c.workspace.messageObject(message),
      });
    }
    return { ok: true, channel: channel.id, ts: message.ts };
  },
};
