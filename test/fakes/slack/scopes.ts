// The scopes the fake knows: what a Banter bot asks for, and which scope each event subscription needs.

/** Every bot scope a Banter bot asks for (docs/backends/slack.md); tests remove some to see refusals. */
export const BANTER_BOT_SCOPES: readonly string[] = [
  'app_mentions:read',
  'channels:history',
  'channels:join',
  'channels:manage',
  'channels:read',
  'chat:write',
  'commands',
  'files:write',
  'groups:history',
  'groups:read',
  'groups:write',
  'im:history',
  'im:read',
  'im:write',
  'mpim:history',
  'mpim:read',
  'reactions:read',
  'reactions:write',
  'users:read',
  'users:read.email',
  'users:write',
];

/** The scope without which Slack does not deliver an event type (it refuses the subscription). */
export const EVENT_SCOPE: Record<string, readonly string[]> = {
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  'message.im': ['im:history'],
  'message.mpim': ['mpim:history'],
  app_mention: ['app_mentions:read'],
  reaction_added: ['reactions:read'],
  reaction_removed: ['reactions:read'],
  member_joined_channel: ['channels:read', 'groups:read'],
  member_left_channel: ['channels:read', 'groups:read'],
  channel_archive: ['channels:read'],
  channel_rename: ['channels:read'],
  user_change: ['users:read'],
  team_join: ['users:read'],
};
