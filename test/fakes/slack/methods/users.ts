import { SlackMethodError, type MethodHandler } from '../method-context.ts';

/** auth.test, apps.connections.open and the users.* methods the backend uses. */
export const userMethods: Record<string, MethodHandler> = {
  'auth.test': (c) => {
    const { workspace } = c;
    if (c.token.kind === 'app') {
      // An app-level token identifies the app, not a bot user.
      return { ok: true, url: `https://${workspace.teamDomain}.slack.invalid/`, team: 'Banter Fake', team_id: workspace.teamId, app_id: workspace.bot.appId };
    }
    return {
      ok: true,
      url: `https://${workspace.teamDomain}.slack.invalid/`,
      team: 'Banter Fake',
      user: workspace.bot.name,
      team_id: workspace.teamId,
      user_id: workspace.bot.userId,
      bot_id: workspace.bot.botId,
      is_enterprise_install: false,
    };
  },

  'apps.connections.open': (c) => {
    c.need('connections:write');
    return { ok: true, url: c.hooks.issueSocketUrl() };
  },

  'users.info': (c) => {
    c.need('users:read');
    const id = c.string('user');
    const user = id === undefined ? undefined : c.workspace.users.get(id);
    if (!user) throw new SlackMethodError('user_not_found');
    return { ok: true, user: c.workspace.userObject(user, c.token.scopes.has('users:read.email')) };
  },

  'users.list': (c) => {
    c.need('users:read');
    const { items, next } = c.page([...c.workspace.users.values()]);
    const withEmail = c.token.scopes.has('users:read.email');
    return {
      ok: true,
      members: items.map((u) => c.workspace.userObject(u, withEmail)),
      cache_ts: Math.floor(Date.now() / 1000),
      response_metadata: { next_cursor: next },
    };
  },

  'users.setPresence': (c) => {
    c.need('users:write');
    const presence = c.string('presence');
    if (presence !== 'auto' && presence !== 'away') throw new SlackMethodError('invalid_presence');
    return { ok: true };
  },
};
