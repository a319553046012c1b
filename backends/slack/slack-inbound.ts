import type { App } from '@slack/bolt';
import { Message, type CardActionEvent, type Logger, type Person, type Reaction, type RoomEvent } from 'banter';
import { SlackPerson, SlackRoomOccupant, type SlackRoom, type SlackUserInfo } from './identifiers.ts';
import { IM_ID } from './identifier-text.ts';
import type { SlackBackendOptions } from './options.ts';
import type { SeenEvents } from './seen-events.ts';
import type { ChannelInfo, SlackDirectory } from './slack-directory.ts';
import type { SlackMessageExtras } from './slack-extras.ts';
import { fromSlackText, mentionedUserIds } from './slack-text.ts';

/** Where inbound events go: the backend's protected receive… helpers. */
export interface InboundSink {
  message(message: Message): Promise<void>;
  reaction(reaction: Reaction): Promise<void>;
  roomJoined(event: RoomEvent): Promise<void>;
  roomLeft(event: RoomEvent): Promise<void>;
  roomTopic(event: RoomEvent): Promise<void>;
  cardAction(event: CardActionEvent): Promise<void>;
}

/** What the inbound side needs from the backend. */
export interface InboundContext {
  readonly options: SlackBackendOptions;
  readonly directory: SlackDirectory;
  readonly seen: SeenEvents;
  readonly log: Logger;
  /** The command prefix and the bot's configured name (for the umbrella slash command `/<name>`). */
  readonly prefix: string;
  readonly botName: string;
  bot(): SlackPerson;
  room(info: ChannelInfo): SlackRoom;
}

type Json = Record<string, unknown>;

// Message subtypes that are something a person said; every other subtype is housekeeping (joins, edits,
// deletions…) and never runs a command. `bot_message` counts only with `respondToBots`.
const SPOKEN = new Set([undefined, 'thread_broadcast', 'file_share', 'me_message']);

/**
 * Turns what Bolt receives into Banter events: messages (with readable mentions, thread and conversation),
 * reactions, joins and departures, topic changes, slash commands (routed to Banter commands) and button presses
 * on cards. Deliveries Slack repeats (retries, the `app_mention` twin of a `message`) are handled once.
 */
export function listenInbound(app: App, context: InboundContext, sink: InboundSink): void {
  const inbound = new Inbound(context, sink);
  // Retried deliveries carry the same event_id; they were acknowledged again (by Bolt) but run nothing.
  app.use(async ({ body, next }) => {
    const eventId = (body as Json).event_id;
    if (typeof eventId === 'string' && !context.seen.firstTime(`event:${eventId}`)) {
      context.log.debug({ eventId }, 'Slack: repeated event delivery ignored');
      return;
    }
    await next();
  });
  app.event('message', async ({ event }) => inbound.message(event as unknown as Json));
  app.event('app_mention', async ({ event }) => inbound.spoken(event as unknown as Json));
  app.event('reaction_added', async ({ event }) => inbound.reaction(event as unknown as Json, 'added'));
  app.event('reaction_removed', async ({ event }) => inbound.reaction(event as unknown as Json, 'removed'));
  app.event('member_joined_channel', async ({ event }) => inbound.membership(event as unknown as Json, 'joined'));
  app.event('member_left_channel', async ({ event }) => inbound.membership(event as unknown as Json, 'left'));
  // Profiles change (user_change) and people arrive (team_join): both keep `@name` lookups current.
  app.event('user_change', async ({ event }) => void context.directory.rememberUser((event as unknown as { user: Json }).user));
  app.event('team_join', async ({ event }) => void context.directory.rememberUser((event as unknown as { user: Json }).user));
  app.event('channel_rename', async ({ event }) => {
    const channel = (event as unknown as { channel: Json }).channel;
    context.directory.updateChannel(String(channel.id), { name: String(channel.name) });
  });
  app.event('channel_archive', async ({ event }) => context.directory.updateChannel(String((event as unknown as Json).channel), { archived: true }));
  app.event('channel_unarchive', async ({ event }) => context.directory.updateChannel(String((event as unknown as Json).channel), { archived: false }));
  app.command(/.*/, async ({ command, ack }) => {
    await ack();
    await inbound.slashCommand(command as unknown as Json);
  });
  app.action(/.*/, async ({ body, action, ack }) => {
    await ack();
    if ((body as unknown as Json).type === 'block_actions') await inbound.buttonPress(body as unknown as Json, action as unknown as Json);
  });
  app.error(async (error) => {
    context.log.error({ err: error.original ?? error }, 'Slack: handling an event failed');
  });
}

class Inbound {
  readonly #context: InboundContext;
  readonly #sink: InboundSink;

  constructor(context: InboundContext, sink: InboundSink) {
    this.#context = context;
    this.#sink = sink;
  }

  async message(event: Json): Promise<void> {
    const subtype = event.subtype as string | undefined;
    if (subtype === 'channel_topic' || subtype === 'group_topic') return this.#topic(event);
    const fromBot = subtype === 'bot_message' || event.bot_id !== undefined;
    if (fromBot && !this.#context.options.respondToBots) return;
    if (!SPOKEN.has(subtype) && subtype !== 'bot_message') return;
    return this.spoken(event);
  }

  /** A message someone wrote (a `message` event, or the `app_mention` for the same message). */
  async spoken(event: Json): Promise<void> {
    const channelId = String(event.channel);
    const ts = String(event.ts);
    // One message arrives as `message` and, when it mentions the bot, as `app_mention` too.
    if (!this.#context.seen.firstTime(`message:${channelId}:${ts}`)) return;
    const { directory } = this.#context;
    const channel = await this.#channel(channelId, true, event.channel_type);
    const sender = await this.#sender(event);
    const raw = typeof event.text === 'string' ? event.text : '';
    await Promise.all(mentionedUserIds(raw).map((id) => directory.fetchUser(id)));
    const readable = fromSlackText(raw, directory);
    const mentions: Person[] = readable.mentions.map((id) => new SlackPerson(directory.user(id) ?? { id }));
    const { frm, to } = this.#addressing(channel, sender);
    const threadTs = typeof event.thread_ts === 'string' && event.thread_ts !== ts ? event.thread_ts : undefined;
    const extras: SlackMessageExtras = { channel: channelId, ts, channelType: channel.kind, subtype: event.subtype as string | undefined, event };
    await this.#sink.message(new Message({ body: readable.text, frm, to, id: ts, threadId: threadTs, mentions, extras: { slack: extras } }));
  }

  async reaction(event: Json, action: 'added' | 'removed'): Promise<void> {
    const item = event.item as Json | undefined;
    if (item?.type !== 'message') return;
    const channel = await this.#channel(String(item.channel));
    const reactor = await this.#context.directory.fetchUser(String(event.user));
    const { frm, to } = this.#addressing(channel, reactor);
    await this.#sink.reaction({ reactor: frm, action, name: String(event.reaction), target: channel.kind === 'im' ? frm : to, messageId: String(item.ts) });
  }

  async membership(event: Json, change: 'joined' | 'left'): Promise<void> {
    const { directory } = this.#context;
    const channelId = String(event.channel);
    const self = event.user === this.#context.bot().id;
    if (self) directory.updateChannel(channelId, { isMember: change === 'joined' });
    const channel = await this.#channel(channelId);
    if (channel.kind === 'im') return;
    const room = this.#context.room(channel);
    const by = typeof event.inviter === 'string' ? new SlackPerson(await directory.fetchUser(event.inviter)) : undefined;
    const who = self ? undefined : new SlackRoomOccupant(await directory.fetchUser(String(event.user)), room);
    const roomEvent: RoomEvent = { room, ...(who ? { who } : {}), ...(by ? { by } : {}) };
    await (change === 'joined' ? this.#sink.roomJoined(roomEvent) : this.#sink.roomLeft(roomEvent));
  }

  /**
   * A slash command becomes a command message: `/deploy prod` runs `!deploy prod` (or what `slashCommands.map`
   * names), `/<bot name> deploy prod` runs `!deploy prod`. Replies go back through the response_url.
   */
  async slashCommand(command: Json): Promise<void> {
    const { options, prefix, botName, directory } = this.#context;
    if (typeof command.trigger_id === 'string' && !this.#context.seen.firstTime(`command:${command.trigger_id}`)) return;
    const name = String(command.command);
    const mapped = options.slashCommands.map[name] ?? (name.slice(1).toLowerCase() === botName.toLowerCase() ? '' : name.slice(1));
    const raw = typeof command.text === 'string' ? command.text.trim() : '';
    await Promise.all(mentionedUserIds(raw).map((id) => directory.fetchUser(id)));
    const args = fromSlackText(raw, directory).text;
    const body = mapped === '' ? `${prefix}${args}` : `${prefix}${mapped}${args ? ` ${args}` : ''}`;
    const channelId = String(command.channel_id);
    const sender = await directory.fetchUser(String(command.user_id));
    const channel = await this.#channel(channelId, true);
    const { frm, to } = this.#addressing(channel, sender);
    const extras: SlackMessageExtras = {
      channel: channelId,
      ts: undefined,
      channelType: channel.kind,
      slashCommand: name,
      responseUrl: String(command.response_url),
      event: command,
    };
    await this.#sink.message(new Message({ body, frm, to, extras: { slack: extras } }));
  }

  async buttonPress(body: Json, action: Json): Promise<void> {
    const key = `action:${String(action.action_ts)}:${String(action.action_id)}`;
    if (!this.#context.seen.firstTime(key)) return;
    const user = (body.user ?? {}) as Json;
    const container = (body.container ?? {}) as Json;
    const channelId = String((body.channel as Json | undefined)?.id ?? container.channel_id);
    const channel = await this.#channel(channelId, true);
    const who = await this.#context.directory.fetchUser(String(user.id));
    const { frm, to } = this.#addressing(channel, who);
    const card = (body.message ?? {}) as Json;
    const ts = String(card.ts ?? container.message_ts);
    const extras: SlackMessageExtras = { channel: channelId, ts, channelType: channel.kind, responseUrl: body.response_url as string | undefined, event: body };
    const message = new Message({ body: String(card.text ?? ''), frm: this.#context.bot(), to: channel.kind === 'im' ? frm : to, id: ts, extras: { slack: extras } });
    await this.#sink.cardAction({
      who: frm,
      actionId: String(action.action_id),
      ...(typeof action.value === 'string' ? { value: action.value } : {}),
      target: channel.kind === 'im' ? frm : to,
      message,
    });
  }

  async #topic(event: Json): Promise<void> {
    const channel = await this.#channel(String(event.channel));
    if (channel.kind === 'im') return;
    const room = this.#context.room(channel);
    const who = new SlackRoomOccupant(await this.#context.directory.fetchUser(String(event.user)), room);
    await this.#sink.roomTopic({ room, who, topic: typeof event.topic === 'string' ? event.topic : '' });
  }

  /**
   * The conversation, as known or as conversations.info says. When Slack will not say (a missing read scope,
   * someone else's DM for a slash command), the id and the event's channel_type tell enough to answer.
   */
  async #channel(id: string, lenient = false, channelType?: unknown): Promise<ChannelInfo> {
    try {
      const found = await this.#context.directory.fetchChannel(id);
      if (found) return found;
    } catch (error) {
      if (!lenient) throw error;
      this.#context.log.debug({ err: error, channel: id }, 'Slack: conversation details unavailable; going by its id');
    }
    const kind = channelType === 'im' || IM_ID.test(id) ? 'im' : channelType === 'group' ? 'private' : channelType === 'mpim' ? 'mpim' : 'public';
    return { id, name: undefined, kind, imUser: undefined, isMember: undefined, archived: false };
  }

  async #sender(event: Json): Promise<SlackUserInfo> {
    if (typeof event.user === 'string') return this.#context.directory.fetchUser(event.user);
    // Bot messages without a user (integrations, webhooks): the bot id is the identity, the username what it calls itself.
    return { id: String(event.bot_id), name: typeof event.username === 'string' ? event.username : undefined, isBot: true };
  }

  /** Who said it and where: a person to the bot in a direct message, an occupant to the room otherwise. */
  #addressing(channel: ChannelInfo, sender: SlackUserInfo): { frm: SlackPerson; to: SlackPerson | SlackRoom } {
    if (channel.kind === 'im') return { frm: new SlackPerson(sender), to: this.#context.bot() };
    const room = this.#context.room(channel);
    return { frm: new SlackRoomOccupant(sender, room), to: room };
  }
}
