import {
  BanterError,
  IdentifierError,
  isRoom,
  splitMessage,
  type Card,
  type FileUpload,
  type Logger,
  type Message,
  type Person,
  type Room,
  type SentMessage,
} from 'banter';
import { renderCard, type RenderedCard } from './block-kit.ts';
import type { ChannelPacer } from './channel-pacer.ts';
import { SlackRoom, SlackRoomOccupant } from './identifiers.ts';
import type { SlackBackendOptions } from './options.ts';
import type { SlackApi } from './slack-api.ts';
import { SlackApiError } from './slack-api-error.ts';
import type { SlackDirectory } from './slack-directory.ts';
import { slackExtras } from './slack-extras.ts';
import { toSlackText } from './slack-text.ts';

/** What the Slack backend returns for what it posted: enough to edit, delete or react to it. */
export interface SlackSentMessage extends SentMessage {
  /** The conversation id it went to. */
  readonly channel: string;
  /** Timestamps of every message it became (a text longer than Slack allows is split). `id` is the first. */
  readonly parts: readonly string[];
  /** How it was delivered: an ordinary message, an ephemeral one, a slash command's response_url, a file share. */
  readonly via: 'message' | 'ephemeral' | 'response_url' | 'file';
}

/** Where one message goes. */
type Route =
  | { readonly kind: 'message'; readonly channel: string; readonly threadTs?: string }
  | { readonly kind: 'ephemeral'; readonly channel: string; readonly user: string; readonly threadTs?: string }
  | {
      readonly kind: 'response_url';
      readonly channel: string;
      readonly url: string;
      readonly responseType: 'ephemeral' | 'in_channel';
      /** Who ran the command: their DM is the last resort. */
      readonly user: string;
      /** Where answers go once the response_url is used up or expired. */
      readonly fallback: () => Promise<Route>;
    };

interface Content {
  readonly text: string;
  readonly blocks?: unknown[];
  readonly attachments?: unknown[];
}

// Slack refuses text beyond 40,000 characters; a longer rendering is split into several messages.
const MAX_TEXT = 40_000;
// A response_url answers 5 times within 30 minutes; after that replies go through the Web API.
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_LIFETIME_MS = 30 * 60_000 - 60_000;

// Refusals that mean "the bot cannot post there", after which a slash command's answer goes to the asker's DM.
const UNREACHABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

// Unicode emoji plugins commonly react with, by the names Slack's reactions.add wants.
const EMOJI_NAMES: Readonly<Record<string, string>> = {
  '👍': 'thumbsup', '👎': 'thumbsdown', '✅': 'white_check_mark', '✔️': 'heavy_check_mark', '❌': 'x', '🎉': 'tada',
  '👀': 'eyes', '❤️': 'heart', '🚀': 'rocket', '⚠️': 'warning', '🔥': 'fire', '🙏': 'pray', '😄': 'smile', '⏳': 'hourglass_flowing_sand',
};

/**
 * Everything the bot posts, routed and paced: ordinary messages (chat.postMessage, in the thread when asked),
 * private replies shown only to their reader (chat.postEphemeral, with `privateReplies: "ephemeral"`), answers
 * to slash commands (their response_url while it lasts, then the Web API), cards as Block Kit, files (the
 * files.uploadV2 flow), edits, deletions and reactions. Each conversation is paced by the {@link ChannelPacer}.
 */
export class SlackOutbound {
  readonly #api: SlackApi;
  readonly #directory: SlackDirectory;
  readonly #pacer: ChannelPacer;
  readonly #options: SlackBackendOptions;
  readonly #log: Logger;
  readonly #divert: (message: Message) => boolean;
  readonly #responseUrls = new Map<string, { uses: number; firstUsed: number }>();
  #responses = 0;

  constructor(deps: {
    api: SlackApi;
    directory: SlackDirectory;
    pacer: ChannelPacer;
    options: SlackBackendOptions;
    log: Logger;
    /** Whether `divertToThread` sends the answer to a room message into a thread. */
    divert: (message: Message) => boolean;
  }) {
    this.#divert = deps.divert;
    this.#api = deps.api;
    this.#directory = deps.directory;
    this.#pacer = deps.pacer;
    this.#options = deps.options;
    this.#log = deps.log;
  }

  async send(message: Message): Promise<SlackSentMessage> {
    const route = await this.#route(message.to, message.inReplyTo, message.threadId);
    const rendered = toSlackText(message.body, this.#directory);
    const texts = rendered.length <= MAX_TEXT ? [rendered] : splitMessage(message.body, MAX_TEXT / 5).map((part) => toSlackText(part, this.#directory));
    const sent: SlackSentMessage[] = [];
    for (const text of texts) sent.push(await this.#post(route, { text: text || ' ' }, message.to));
    return { ...sent[0]!, parts: sent.flatMap((s) => s.parts) };
  }

  async sendCard(to: Person | Room, card: Card, inReplyTo?: Message, threadId?: string): Promise<SlackSentMessage> {
    const route = await this.#route(to, inReplyTo, (isRoom(to) ? threadId : undefined) ?? this.#replyThread(to, inReplyTo));
    const rendered: RenderedCard = renderCard(card, (markdown) => toSlackText(markdown, this.#directory));
    return this.#post(route, rendered, to);
  }

  /** Upload a file and share it in the conversation (in the thread of `inReplyTo` when it is there). */
  async uploadFile(to: Person | Room, file: FileUpload, inReplyTo?: Message): Promise<SlackSentMessage> {
    const channel = await this.#conversation(to instanceof SlackRoomOccupant ? to.person : to);
    const origin = slackExtras(inReplyTo);
    const threadTs = origin?.channel === channel && inReplyTo ? (inReplyTo.threadId ?? inReplyTo.id) : undefined;
    const content = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content);
    const result = await this.#pacer.run(channel, () =>
      this.#api.uploadFile({
        channel_id: channel,
        file: content,
        filename: file.name,
        title: file.name,
        ...(file.comment ? { initial_comment: toSlackText(file.comment, this.#directory) } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      }),
    );
    const completed = (result.files as Array<{ files?: Array<{ id?: string }> }> | undefined)?.[0]?.files?.[0]?.id;
    if (!completed) throw new BanterError('E_SLACK_UPLOAD', `Slack did not confirm the upload of ${file.name}.`);
    return { id: completed, to, channel, parts: [completed], via: 'file', ...(threadTs ? { threadId: threadTs } : {}) };
  }

  async edit(sent: SentMessage, text: string): Promise<SlackSentMessage> {
    const { channel, ts } = await this.#located(sent, 'edit');
    const result = await this.#pacer.run(channel, () => this.#api.call('chat.update', { channel, ts, text: toSlackText(text, this.#directory) || ' ' }));
    const id = String(result.ts ?? ts);
    return { id, to: sent.to, channel, parts: [id], via: 'message', ...(sent.threadId ? { threadId: sent.threadId } : {}) };
  }

  async delete(sent: SentMessage): Promise<void> {
    const { channel, ts } = await this.#located(sent, 'delete');
    await this.#pacer.run(channel, () => this.#api.call('chat.delete', { channel, ts }));
  }

  /** Add or remove the bot's reaction; adding one that is there, or removing one that is not, is not an error. */
  async react(target: Message | SentMessage, name: string, add: boolean): Promise<void> {
    const { channel, ts } = await this.#located(target, add ? 'react to' : 'unreact on');
    const emoji = EMOJI_NAMES[name] ?? name.replace(/^:|:$/g, '');
    try {
      await this.#api.call(add ? 'reactions.add' : 'reactions.remove', { channel, timestamp: ts, name: emoji });
    } catch (error) {
      if (error instanceof SlackApiError && (error.error === 'already_reacted' || error.error === 'no_reaction')) return;
      throw error;
    }
  }

  /**
   * The thread a reply to `inReplyTo` goes in: the thread it came from, or a new one under it when
   * `divertToThread` says so — but only in the same conversation (a private reply leaves the thread behind).
   */
  #replyThread(to: Person | Room, inReplyTo: Message | undefined): string | undefined {
    if (!inReplyTo?.room || !isRoom(to) || to.name !== inReplyTo.room.name) return undefined;
    return inReplyTo.threadId ?? (slackExtras(inReplyTo)?.slashCommand === undefined && this.#divert(inReplyTo) ? inReplyTo.id : undefined);
  }

  async #route(to: Person | Room, inReplyTo: Message | undefined, threadTs: string | undefined): Promise<Route> {
    const origin = slackExtras(inReplyTo);
    const ephemeralTo = to instanceof SlackRoomOccupant && (this.#options.privateReplies === 'ephemeral' || origin?.responseUrl) ? to : undefined;
    if (origin?.responseUrl && origin.slashCommand && this.#sameConversation(to, inReplyTo!)) {
      const responseType = ephemeralTo || this.#options.slashCommands.replies === 'ephemeral' ? 'ephemeral' : 'in_channel';
      const fallback = async (): Promise<Route> => {
        // In a conversation the bot cannot post to (someone else's DM), the answer becomes a DM.
        if (origin.channelType === 'im' || !inReplyTo!.room) return { kind: 'message', channel: await this.#conversation(inReplyTo!.frm) };
        return responseType === 'ephemeral' ? { kind: 'ephemeral', channel: origin.channel, user: inReplyTo!.frm.id } : { kind: 'message', channel: origin.channel };
      };
      return { kind: 'response_url', channel: origin.channel, url: origin.responseUrl, responseType, user: inReplyTo!.frm.id, fallback };
    }
    if (ephemeralTo) {
      const channel = await this.#conversation(ephemeralTo.room);
      return { kind: 'ephemeral', channel, user: ephemeralTo.id, ...(threadTs ? { threadTs } : {}) };
    }
    const target = to instanceof SlackRoomOccupant ? to.person : to;
    const channel = await this.#conversation(target);
    return { kind: 'message', channel, ...(threadTs ? { threadTs } : {}) };
  }

  #sameConversation(to: Person | Room, inReplyTo: Message): boolean {
    if (inReplyTo.room) return (isRoom(to) && to.name === inReplyTo.room.name) || (to instanceof SlackRoomOccupant && to.room.name === inReplyTo.room.name);
    return !isRoom(to) && to.id === inReplyTo.frm.id;
  }

  async #post(route: Route, content: Content, to: Person | Room): Promise<SlackSentMessage> {
    return this.#pacer.run(route.channel, async () => {
      if (route.kind !== 'response_url') return this.#postWithWebApi(route, content, to);
      const answered = await this.#respond(route, content);
      if (answered) return { id: answered, to, channel: route.channel, parts: [answered], via: 'response_url' };
      try {
        return await this.#postWithWebApi(await route.fallback(), content, to);
      } catch (error) {
        // A slash command works in channels the bot is not in; once its response_url is spent, the asker's DM is left.
        if (!(error instanceof SlackApiError && UNREACHABLE.has(error.error))) throw error;
        return this.#postWithWebApi({ kind: 'message', channel: await this.#directory.imWith(route.user) }, content, to);
      }
    });
  }

  async #postWithWebApi(route: Route, content: Content, to: Person | Room): Promise<SlackSentMessage> {
    const payload: Record<string, unknown> = { channel: route.channel, ...content };
    if (route.kind === 'message') {
      if (route.threadTs) payload.thread_ts = route.threadTs;
      const result = await this.#api.call('chat.postMessage', payload);
      const ts = String(result.ts);
      return { id: ts, to, channel: route.channel, parts: [ts], via: 'message', ...(route.threadTs ? { threadId: route.threadTs } : {}) };
    }
    if (route.kind === 'ephemeral') {
      payload.user = route.user;
      if (route.threadTs) payload.thread_ts = route.threadTs;
      const result = await this.#api.call('chat.postEphemeral', payload);
      const ts = String(result.message_ts);
      return { id: ts, to, channel: route.channel, parts: [ts], via: 'ephemeral', ...(route.threadTs ? { threadId: route.threadTs } : {}) };
    }
    throw new BanterError('E_SLACK_ROUTE', 'A response_url answer had no Web API fallback.');
  }

  /** Answer through a response_url while it lasts; undefined when it is used up, expired or refused. */
  async #respond(route: Extract<Route, { kind: 'response_url' }>, content: Content): Promise<string | undefined> {
    const now = Date.now();
    const usage = this.#responseUrls.get(route.url) ?? { uses: 0, firstUsed: now };
    if (usage.uses >= RESPONSE_URL_USES || now - usage.firstUsed > RESPONSE_URL_LIFETIME_MS) return undefined;
    usage.uses += 1;
    this.#responseUrls.set(route.url, usage);
    try {
      await this.#api.respond(route.url, { ...content, response_type: route.responseType, replace_original: false });
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      this.#log.info({ error: error.error }, 'Slack: the response_url refused the answer; using the Web API instead');
      return undefined;
    }
    this.#responses += 1;
    return `response-${this.#responses}`;
  }

  /** The conversation id and message ts of something the bot can edit, delete or react to. */
  async #located(target: Message | SentMessage, what: string): Promise<{ channel: string; ts: string }> {
    const sent = target as Partial<SlackSentMessage>;
    if (sent.via === 'ephemeral' || sent.via === 'response_url') {
      throw new BanterError('E_SLACK_EPHEMERAL', `Slack cannot ${what} a message only one person sees (ephemeral or a slash command answer).`);
    }
    const extras = 'body' in target ? slackExtras(target) : undefined;
    const ts = extras?.ts ?? target.id;
    if (!ts) throw new BanterError('E_SLACK_NO_MESSAGE', `There is no Slack message to ${what}: it has no timestamp.`);
    const channel = sent.channel ?? extras?.channel ?? (await this.#conversation(target.to instanceof SlackRoomOccupant ? target.to.person : target.to));
    return { channel, ts };
  }

  async #conversation(to: Person | Room): Promise<string> {
    if (to instanceof SlackRoom) {
      if (to.channelId) return to.channelId;
      const found = await this.#directory.findChannel(to.name);
      if (!found) throw new SlackApiError('chat.postMessage', 'channel_not_found');
      return found.id;
    }
    if (isRoom(to)) throw new IdentifierError(String(to), 'a Slack channel (build it with buildIdentifier or queryRoom)');
    return this.#directory.imWith(to.id);
  }
}
