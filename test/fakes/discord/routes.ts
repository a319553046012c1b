import { commandRoutes } from './command-routes.ts';
import { interactionRoutes } from './interaction-routes.ts';
import { P } from './permissions.ts';
import { API_ERRORS, ApiError, type Route } from './rest.ts';
import { routeHelpers, type RouteContext } from './route-helpers.ts';
import { readMessageBody } from './message-body.ts';

export type { RouteContext } from './route-helpers.ts';

const GUILD_MEMBERS = 1 << 1;

/**
 * The REST routes the fake serves, each refusing what Discord refuses: unknown ids (404 with Discord's
 * codes), what the bot may not see (403 Missing Access) or do (403 Missing Permissions, computed from roles
 * and overwrites), invalid bodies (400 Invalid Form Body), and slow or repeated interaction answers.
 */
export function fakeRoutes(context: RouteContext): Route[] {
  const { world, events, gateway } = context;

  const helpers = routeHelpers(context);
  const { bot, channel, need, message, guild, post, edit } = helpers;

  const reactionRoute = (add: boolean): Route => ({
    method: add ? 'PUT' : 'DELETE',
    path: /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/,
    auth: true,
    handle: (_request, [channelId, messageId, encoded]) => {
      const target = channel(channelId!);
      need(target, P.ReadMessageHistory);
      const found = message(target, messageId!);
      const emoji = encoded!;
      const custom = /^(.+):(\d+)$/.exec(emoji);
      const known = custom ? world.guildOf(target)?.emojis.some((e) => e.id === custom[2] && e.name === custom[1]) : !/^[\w\s:-]*$/.test(emoji) && emoji.length <= 16;
      if (!known) throw API_ERRORS.unknownEmoji();
      const users = found.reactions.get(emoji) ?? new Set<string>();
      if (add) {
        if (users.size === 0) need(target, P.AddReactions);
        if (users.has(bot)) return undefined;
        users.add(bot);
        found.reactions.set(emoji, users);
      } else if (!users.delete(bot)) {
        return undefined;
      }
      events.reaction(add ? 'MESSAGE_REACTION_ADD' : 'MESSAGE_REACTION_REMOVE', found, bot, emoji);
      return undefined;
    },
  });

  const threadMemberRoute = (add: boolean): Route => ({
    method: add ? 'PUT' : 'DELETE',
    path: /^\/channels\/(\d+)\/thread-members\/(@me|\d+)$/,
    auth: true,
    handle: (_request, [threadId, who]) => {
      const thread = channel(threadId!);
      if (!thread.parentId) throw API_ERRORS.invalidForm(['channel_id'], 'CHANNEL_TYPE_INVALID', 'Not a thread.');
      const userId = who === '@me' ? bot : who!;
      if (!world.guildOf(thread)!.members.has(userId)) throw API_ERRORS.unknownMember();
      if (userId !== bot && thread.type === 12 && !world.can(bot, thread, P.ManageThreads) && !thread.threadMembers.has(bot)) throw API_ERRORS.missingPermissions();
      const changed = add ? !thread.threadMembers.has(userId) && Boolean(thread.threadMembers.add(userId)) : thread.threadMembers.delete(userId);
      if (changed) events.threadMembers(thread, add ? [userId] : [], add ? [] : [userId]);
      return undefined;
    },
  });

  return [
    { method: 'GET', path: /^\/gateway\/bot$/, auth: true, handle: () => ({ url: gateway.url, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } }) },
    { method: 'GET', path: /^\/gateway$/, auth: false, handle: () => ({ url: gateway.url }) },
    { method: 'GET', path: /^\/users\/@me$/, auth: true, handle: () => world.userJson(world.bot) },
    {
      method: 'POST',
      path: /^\/users\/@me\/channels$/,
      auth: true,
      handle: ({ json }) => {
        const recipient = json?.recipient_id;
        if (typeof recipient !== 'string') throw API_ERRORS.invalidForm(['recipient_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
        const user = world.users.get(recipient);
        if (!user) throw API_ERRORS.unknownUser();
        // A bot may only open a DM with someone it shares a server with.
        if (![...world.guilds.values()].some((g) => g.members.has(recipient))) throw new ApiError(403, { message: 'Cannot send messages to this user', code: 50007 });
        return world.channelJson(world.dmChannel(recipient));
      },
    },
    { method: 'GET', path: /^\/channels\/(\d+)$/, auth: true, handle: (_r, [id]) => world.channelJson(channel(id!)) },
    {
      method: 'PATCH',
      path: /^\/channels\/(\d+)$/,
      auth: true,
      handle: ({ json }, [id]) => {
        const target = channel(id!);
        if (target.type === 1) throw API_ERRORS.missingPermissions();
        need(target, target.parentId ? P.ManageThreads : P.ManageChannels);
        if (json?.topic !== undefined) {
          if (target.parentId) throw API_ERRORS.invalidForm(['topic'], 'BASE_TYPE_INVALID', 'Threads have no topic.');
          if (json.topic !== null && (typeof json.topic !== 'string' || json.topic.length > 1024)) {
            throw API_ERRORS.invalidForm(['topic'], 'BASE_TYPE_MAX_LENGTH', 'Must be 1024 or fewer in length.');
          }
          target.topic = (json.topic as string | null) || null;
        }
        if (typeof json?.name === 'string') target.name = json.name;
        events.channel('CHANNEL_UPDATE', target);
        return world.channelJson(target);
      },
    },
    {
      method: 'DELETE',
      path: /^\/channels\/(\d+)$/,
      auth: true,
      handle: (_r, [id]) => {
        const target = channel(id!);
        need(target, target.parentId ? P.ManageThreads : P.ManageChannels);
        world.channels.delete(target.id);
        events.channel('CHANNEL_DELETE', target);
        return world.channelJson(target);
      },
    },
    {
      method: 'POST',
      path: /^\/channels\/(\d+)\/messages$/,
      auth: true,
      handle: ({ json, files }, [id]) => world.messageJson(post(channel(id!), readMessageBody(json, files))),
    },
    {
      method: 'GET',
      path: /^\/channels\/(\d+)\/messages\/(\d+)$/,
      auth: true,
      handle: (_r, [channelId, messageId]) => {
        const target = channel(channelId!);
        need(target, P.ReadMessageHistory);
        return world.messageJson(message(target, messageId!));
      },
    },
    {
      method: 'PATCH',
      path: /^\/channels\/(\d+)\/messages\/(\d+)$/,
      auth: true,
      handle: ({ json, files }, [channelId, messageId]) => {
        const target = message(channel(channelId!), messageId!);
        if (target.authorId !== bot) throw API_ERRORS.cannotEditOthers();
        return world.messageJson(edit(target, readMessageBody(json, files, true)));
      },
    },
    {
      method: 'DELETE',
      path: /^\/channels\/(\d+)\/messages\/(\d+)$/,
      auth: true,
      handle: (_r, [channelId, messageId]) => {
        const target = channel(channelId!);
        const found = message(target, messageId!);
        if (found.authorId !== bot) need(target, P.ManageMessages);
        world.messages.delete(found.id);
        events.messageDelete(found);
        return undefined;
      },
    },
    reactionRoute(true),
    reactionRoute(false),
    {
      method: 'POST',
      path: /^\/channels\/(\d+)\/typing$/,
      auth: true,
      handle: (_r, [id]) => {
        const target = channel(id!);
        need(target, target.parentId ? P.SendMessagesInThreads : P.SendMessages);
        return undefined;
      },
    },
    {
      method: 'POST',
      path: /^\/channels\/(\d+)\/threads$/,
      auth: true,
      handle: ({ json }, [id]) => {
        const parent = channel(id!);
        if (parent.type !== 0 && parent.type !== 5) throw API_ERRORS.invalidForm(['channel_id'], 'CHANNEL_TYPE_INVALID', 'Threads are started in text channels.');
        const type = json?.type;
        // API v10 has no default thread type any more.
        if (type !== 11 && type !== 12 && type !== 10) throw API_ERRORS.invalidForm(['type'], 'BASE_TYPE_REQUIRED', 'This field is required');
        const name = threadName(json);
        need(parent, type === 12 ? P.CreatePrivateThreads : P.CreatePublicThreads);
        const thread = world.addThread(parent, name, bot, { private: type === 12 });
        events.threadCreate(thread, true);
        return world.threadJson(thread);
      },
    },
    {
      method: 'POST',
      path: /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/,
      auth: true,
      handle: ({ json }, [channelId, messageId]) => {
        const parent = channel(channelId!);
        const starter = message(parent, messageId!);
        need(parent, P.CreatePublicThreads);
        if (world.channels.has(starter.id)) throw new ApiError(400, { message: 'A thread has already been created for this message', code: 160004 });
        // A thread started from a message has the message's id.
        const thread = world.addThread(parent, threadName(json), bot, { id: starter.id });
        starter.threadId = thread.id;
        events.threadCreate(thread, true);
        events.messageUpdate(starter);
        return world.threadJson(thread);
      },
    },
    threadMemberRoute(true),
    threadMemberRoute(false),
    {
      method: 'GET',
      path: /^\/channels\/(\d+)\/thread-members$/,
      auth: true,
      handle: (_r, [id]) => {
        const thread = channel(id!);
        if (!thread.parentId) throw API_ERRORS.invalidForm(['channel_id'], 'CHANNEL_TYPE_INVALID', 'Not a thread.');
        // Listing a thread's members needs the privileged GuildMembers intent.
        if (!(context.grantedIntents & GUILD_MEMBERS)) throw API_ERRORS.missingAccess();
        return [...thread.threadMembers].map((userId) => world.threadMemberJson(thread, userId));
      },
    },
    {
      method: 'PUT',
      path: /^\/channels\/(\d+)\/permissions\/(\d+)$/,
      auth: true,
      handle: ({ json }, [channelId, overwriteId]) => {
        const target = channel(channelId!);
        if (target.parentId || target.type === 1) throw API_ERRORS.invalidForm(['channel_id'], 'CHANNEL_TYPE_INVALID', 'Not a guild channel with permissions.');
        need(target, P.ManageRoles);
        const type = json?.type;
        if (type !== 0 && type !== 1) throw API_ERRORS.invalidForm(['type'], 'BASE_TYPE_REQUIRED', 'This field is required');
        const allow = BigInt(String(json?.allow ?? '0'));
        const deny = BigInt(String(json?.deny ?? '0'));
        target.overwrites = [...target.overwrites.filter((o) => o.id !== overwriteId), { id: overwriteId!, type, allow, deny }];
        events.channel('CHANNEL_UPDATE', target);
        return undefined;
      },
    },
    {
      method: 'GET',
      path: /^\/guilds\/(\d+)\/members$/,
      auth: true,
      handle: ({ query }, [id]) => {
        const found = guild(id!);
        if (!(context.grantedIntents & GUILD_MEMBERS)) throw API_ERRORS.missingAccess();
        const limit = Number(query.get('limit') ?? '1');
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw API_ERRORS.invalidForm(['limit'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 1000.');
        const after = query.get('after') ?? '0';
        return [...found.members.keys()].filter((userId) => BigInt(userId) > BigInt(after)).sort().slice(0, limit).map((userId) => world.memberJson(found, userId));
      },
    },
    {
      method: 'GET',
      path: /^\/guilds\/(\d+)\/members\/(\d+)$/,
      auth: true,
      handle: (_r, [guildId, userId]) => {
        const found = guild(guildId!);
        if (!found.members.has(userId!)) throw API_ERRORS.unknownMember();
        return world.memberJson(found, userId!);
      },
    },
    {
      method: 'POST',
      path: /^\/guilds\/(\d+)\/channels$/,
      auth: true,
      handle: ({ json }, [id]) => {
        const found = guild(id!);
        const member = found.members.get(bot)!;
        const roles = member.roles.map((r) => found.roles.get(r)?.permissions ?? 0n).reduce((a, b) => a | b, found.roles.get(found.id)!.permissions);
        if (!(roles & (P.ManageChannels | P.Administrator))) throw API_ERRORS.missingPermissions();
        const name = json?.name;
        if (typeof name !== 'string' || name.length < 1 || name.length > 100) throw API_ERRORS.invalidForm(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
        const type = json?.type ?? 0;
        if (type !== 0) throw API_ERRORS.invalidForm(['type'], 'BASE_TYPE_CHOICES', 'This fake makes text channels only.');
        // Discord lower-cases text channel names and turns blanks into dashes.
        const created = world.addChannel(found, name.toLowerCase().replace(/\s+/g, '-'), { topic: typeof json?.topic === 'string' ? json.topic : undefined });
        events.channel('CHANNEL_CREATE', created);
        return world.channelJson(created);
      },
    },
    ...commandRoutes(world),
    ...interactionRoutes(context, helpers),
  ];
}

function threadName(json: Record<string, unknown> | undefined): string {
  const name = json?.name;
  if (typeof name !== 'string' || name.length < 1 || name.length > 100) throw API_ERRORS.invalidForm(['name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  return name;
}
