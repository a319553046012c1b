import { INITIAL_RESPONSE_MS, TOKEN_LIFETIME_MS, type FakeInteraction } from './interactions.ts';
import { readMessageBody } from './message-body.ts';
import { API_ERRORS, type RestRequest, type Route } from './rest.ts';
import type { RouteContext, RouteHelpers } from './route-helpers.ts';

/**
 * Answers to interactions: the callback (within 3 s, once, by the interaction's own token), then the
 * application's webhook for the original answer and follow-ups (15 minutes, no bot token needed).
 */
export function interactionRoutes(context: RouteContext, helpers: RouteHelpers): Route[] {
  const { world, events, interactions } = context;
  const { post, edit } = helpers;

  const interaction = (id: string, token: string): FakeInteraction => {
    const found = interactions.byId(id);
    if (!found || found.token !== token) throw API_ERRORS.unknownInteraction();
    return found;
  };
  const webhook = (applicationId: string, token: string): FakeInteraction => {
    const found = interactions.byToken(token);
    if (applicationId !== world.applicationId || !found || Date.now() - found.createdAt > TOKEN_LIFETIME_MS) throw API_ERRORS.unknownWebhook();
    return found;
  };

  return [
    {
      method: 'POST',
      path: /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      auth: false,
      handle: ({ json, files, query }, [id, token]) => {
        const found = interaction(id!, token!);
        if (Date.now() - found.createdAt > INITIAL_RESPONSE_MS) throw API_ERRORS.unknownInteraction();
        if (found.callback !== undefined) throw API_ERRORS.alreadyAcknowledged();
        const type = json?.type;
        const data = (json?.data ?? undefined) as Record<string, unknown> | undefined;
        const target = world.channels.get(found.channelId)!;
        const answer = { id: found.id, name: found.name, userId: found.userId };
        if (type === 4 || type === 5) {
          const body = type === 4 ? readMessageBody(data, files) : readMessageBody({ flags: data?.flags }, [], true);
          found.original = post(target, body, { type: 20, interaction: answer, webhookId: world.applicationId, flags: body.flags | (type === 5 ? 128 : 0) });
        } else if ((type === 6 || type === 7) && found.type === 3) {
          if (type === 7) edit(found.message!, readMessageBody(data, files, true));
        } else {
          throw API_ERRORS.invalidForm(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', 'Invalid response type for this interaction.');
        }
        found.callback = type;
        if (query.get('with_response') === 'true') {
          return { interaction: { id: found.id, type: found.type, response_message_id: found.original?.id }, resource: found.original ? { type, message: world.messageJson(found.original) } : { type } };
        }
        return undefined;
      },
    },
    {
      method: 'PATCH',
      path: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/,
      auth: false,
      handle: ({ json, files }, [applicationId, token, which]) => {
        const found = webhook(applicationId!, token!);
        const target = which === '@original' ? found.original : found.followups.find((m) => m.id === which);
        if (!target || !world.messages.has(target.id)) throw API_ERRORS.unknownMessage();
        return world.messageJson(edit(target, readMessageBody(json, files, true)));
      },
    },
    {
      method: 'DELETE',
      path: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/,
      auth: false,
      handle: (_r, [applicationId, token, which]) => {
        const found = webhook(applicationId!, token!);
        const target = which === '@original' ? found.original : found.followups.find((m) => m.id === which);
        if (!target || !world.messages.has(target.id)) throw API_ERRORS.unknownMessage();
        world.messages.delete(target.id);
        events.messageDelete(target);
        return undefined;
      },
    },
    {
      method: 'POST',
      path: /^\/webhooks\/(\d+)\/([^/]+)$/,
      auth: false,
      handle: ({ json, files }: RestRequest, [applicationId, token]) => {
        const found = webhook(applicationId!, token!);
        if (found.callback === undefined) throw API_ERRORS.unknownWebhook();
        const target = world.channels.get(found.channelId)!;
        const followup = post(target, readMessageBody(json, files), { type: 20, interaction: { id: found.id, name: found.name, userId: found.userId }, webhookId: world.applicationId });
        found.followups.push(followup);
        return world.messageJson(followup);
      },
    },
  ];
}
