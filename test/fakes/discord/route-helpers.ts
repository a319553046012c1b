import type { FakeEvents } from './events.ts';
import type { FakeGateway } from './gateway.ts';
import type { Interactions } from './interactions.ts';
import type { MessageBody } from './message-body.ts';
import { P } from './permissions.ts';
import { API_ERRORS } from './rest.ts';
import type { FakeChannel, FakeMessage, World } from './world.ts';

/** What the routes work on. */
export interface RouteContext {
  readonly world: World;
  readonly events: FakeEvents;
  readonly gateway: FakeGateway;
  readonly interactions: Interactions;
  /** Privileged intents granted to the application (GuildMembers unlocks the member list). */
  readonly grantedIntents: number;
}

/** The checks and writes every route shares. */
export type RouteHelpers = ReturnType<typeof routeHelpers>;

/**
 * Lookups that refuse as Discord does (unknown ids, channels the bot may not see, permissions it lacks), and
 * the two writes routes share: a message the bot (or an interaction's webhook) posts, and an edit.
 */
export function routeHelpers(context: RouteContext) {
  const { world, events } = context;
  const bot = world.bot.id;

  const channel = (id: string): FakeChannel => {
    const found = world.channels.get(id);
    if (!found) throw API_ERRORS.unknownChannel();
    if (!world.can(bot, found, P.ViewChannel)) throw API_ERRORS.missingAccess();
    return found;
  };
  const need = (target: FakeChannel, permission: bigint): void => {
    if (!world.can(bot, target, permission)) throw API_ERRORS.missingPermissions();
  };
  const message = (target: FakeChannel, id: string): FakeMessage => {
    const found = world.messages.get(id);
    if (!found || found.channelId !== target.id) throw API_ERRORS.unknownMessage();
    return found;
  };
  const guild = (id: string) => {
    const found = world.guilds.get(id);
    if (!found) throw API_ERRORS.unknownGuild();
    return found;
  };

  /** Store and announce a message the bot (or an interaction's webhook) wrote. */
  const post = (target: FakeChannel, body: MessageBody, extra: Partial<FakeMessage> = {}): FakeMessage => {
    // Answers to interactions go through the application's webhook, which needs no channel permission.
    if (!extra.webhookId) {
      if (target.parentId ? !world.can(bot, target, P.SendMessagesInThreads) : !world.can(bot, target, P.SendMessages)) throw API_ERRORS.missingPermissions();
      if (body.files.length > 0) need(target, P.AttachFiles);
    }
    let referenceId: string | undefined;
    if (body.reference) {
      const referenced = world.messages.get(body.reference.messageId);
      if (referenced?.channelId === target.id) referenceId = referenced.id;
      else if (body.reference.failIfNotExists) throw API_ERRORS.invalidForm(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
    }
    const created = world.addMessage(target, bot, {
      content: body.content ?? '',
      // Without Embed Links Discord shows no embed of the bot's.
      embeds: extra.webhookId || world.can(bot, target, P.EmbedLinks) ? (body.embeds ?? []) : [],
      components: body.components ?? [],
      type: referenceId ? 19 : 0,
      referenceId,
      flags: body.flags,
      ...extra,
    });
    created.attachments = body.files.map((file) => {
      const id = world.ids.next();
      const url = `https://cdn.invalid/attachments/${target.id}/${id}/${file.filename}`;
      return { id, filename: file.filename, size: file.data.length, content_type: file.contentType, url, proxy_url: url, data: file.data };
    });
    events.messageCreate(created);
    return created;
  };

  const edit = (target: FakeMessage, body: MessageBody): FakeMessage => {
    if (body.content !== undefined) target.content = body.content;
    if (body.embeds !== undefined) target.embeds = body.embeds;
    if (body.components !== undefined) target.components = body.components;
    target.editedAt = new Date().toISOString();
    target.flags &= ~128; // no longer "thinking…"
    events.messageUpdate(target);
    return target;
  };

  return { bot, channel, need, message, guild, post, edit };
}
