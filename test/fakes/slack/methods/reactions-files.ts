import { SlackMethodError, type MethodHandler } from '../method-context.ts';
import { announce, checkCanPost } from './chat.ts';
import type { FakeFile } from '../workspace.ts';

// Reaction names are emoji short names: lower-case letters, digits and a few signs (`+1`, `thumbsup`, `white_check_mark`).
const EMOJI_NAME = /^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/;

/** reactions.add / reactions.remove, and the files upload flow (files.getUploadURLExternal, files.completeUploadExternal). */
export const reactionAndFileMethods: Record<string, MethodHandler> = {
  'reactions.add': (c) => {
    c.need('reactions:write');
    const channel = c.channel();
    const ts = c.string('timestamp');
    const message = ts === undefined ? undefined : c.workspace.findMessage(channel.id, ts);
    if (!message) throw new SlackMethodError('message_not_found');
    const name = c.string('name');
    if (name === undefined) throw new SlackMethodError('no_item_specified');
    if (!EMOJI_NAME.test(name)) throw new SlackMethodError('invalid_name');
    const users = message.reactions.get(name) ?? [];
    const bot = c.workspace.bot.userId;
    if (users.includes(bot)) throw new SlackMethodError('already_reacted');
    if (!message.reactions.has(name) && message.reactions.size >= 23) throw new SlackMethodError('too_many_emoji');
    message.reactions.set(name, [...users, bot]);
    c.hooks.emitEvent({
      type: 'reaction_added',
      user: bot,
      reaction: name,
      item: { type: 'message', channel: channel.id, ts: message.ts },
      item_user: message.user,
      event_ts: c.workspace.newTs(),
    });
    return { ok: true };
  },

  'reactions.remove': (c) => {
    c.need('reactions:write');
    const channel = c.channel();
    const ts = c.string('timestamp');
    const message = ts === undefined ? undefined : c.workspace.findMessage(channel.id, ts);
    if (!message) throw new SlackMethodError('message_not_found');
    const name = c.string('name') ?? '';
    const bot = c.workspace.bot.userId;
    const users = message.reactions.get(name) ?? [];
    if (!users.includes(bot)) throw new SlackMethodError('no_reaction');
    const rest = users.filter((u) => u !== bot);
    if (rest.length > 0) message.reactions.set(name, rest);
    else message.reactions.delete(name);
    c.hooks.emitEvent({
      type: 'reaction_removed',
      user: bot,
      reaction: name,
      item: { type: 'message', channel: channel.id, ts: message.ts },
      item_user: message.user,
      event_ts: c.workspace.newTs(),
    });
    return { ok: true };
  },

  'files.getUploadURLExternal': (c) => {
    c.need('files:write');
    const filename = c.string('filename');
    const length = c.integer('length');
    if (filename === undefined || length === undefined) {
      throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: ' + (filename === undefined ? 'filename' : 'length')] } });
    }
    if (length === 0) throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] length must be greater than 0'] } });
    const file: FakeFile = {
      id: c.workspace.newId('F'),
      name: filename,
      declaredLength: length,
      title: filename,
      content: undefined,
      mimetype: 'application/octet-stream',
      completed: false,
      uploader: c.workspace.bot.userId,
    };
    c.workspace.files.set(file.id, file);
    return { ok: true, upload_url: `${c.hooks.baseUrl}/upload/v1/${file.id}`, file_id: file.id };
  },

  'files.completeUploadExternal': (c) => {
    c.need('files:write');
    const entries = c.json('files');
    if (!Array.isArray(entries) || entries.length === 0) throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: ['[ERROR] files must be a non-empty array'] } });
    const files: FakeFile[] = [];
    for (const entry of entries as Array<{ id?: unknown; title?: unknown }>) {
      const file = typeof entry?.id === 'string' ? c.workspace.files.get(entry.id) : undefined;
      if (!file) throw new SlackMethodError('file_not_found');
      // The bytes must have reached the upload URL first; until then there is no file to complete.
      if (file.content === undefined) throw new SlackMethodError('file_not_found');
      if (file.content.length !== file.declaredLength) {
        c.hooks.protocolError(`files.completeUploadExternal: ${file.id} declared ${file.declaredLength} bytes, ${file.content.length} were uploaded`);
      }
      if (typeof entry.title === 'string' && entry.title !== '') file.title = entry.title;
      file.completed = true;
      files.push(file);
    }
    const channelId = c.string('channel_id');
    if (channelId !== undefined) {
      const channel = c.channel('channel_id');
      checkCanPost(c, channel);
      const message = c.workspace.addMessage({
        channel: channel.id,
        ts: c.workspace.newTs(),
        user: c.workspace.bot.userId,
        botId: c.workspace.bot.botId,
        text: c.string('initial_comment') ?? '',
        blocks: undefined,
        attachments: undefined,
        threadTs: c.string('thread_ts'),
        subtype: 'file_share',
        ephemeralTo: undefined,
        files,
        via: 'files.completeUploadExternal',
      });
      announce(c, message, channel);
    }
    return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
  },
};
