import { randomUUID } from 'node:crypto';
import type { FakeChannel, FakeMessage, FakeUser, Workspace } from './workspace.ts';

/**
 * The bodies Slack sends to an app, built from the workspace. The same bodies travel over Socket Mode (as an
 * envelope's `payload`) and over HTTP (signed POSTs), as in the real platform.
 */

/** The outer Events API body around an inner event (`event_callback`). */
export function eventCallback(workspace: Workspace, event: Record<string, unknown>, eventId: string): Record<string, unknown> {
  return {
    token: 'fake-verification-token',
    team_id: workspace.teamId,
    context_team_id: workspace.teamId,
    context_enterprise_id: null,
    api_app_id: workspace.bot.appId,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: workspace.teamId, user_id: workspace.bot.userId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(eventId).toString('base64url')}`,
  };
}

/** `channel_type` of message events for a conversation. */
export function channelType(channel: FakeChannel): 'channel' | 'group' | 'im' | 'mpim' {
  return { public_channel: 'channel', private_channel: 'group', im: 'im', mpim: 'mpim' }[channel.kind] as 'channel' | 'group' | 'im' | 'mpim';
}

/** The `message` event for a stored message. */
export function messageEvent(workspace: Workspace, message: FakeMessage, channel: FakeChannel): Record<string, unknown> {
  const event = { ...workspace.messageObject(message), channel: message.channel, event_ts: message.ts, channel_type: channelType(channel) };
  if (message.threadTs !== undefined && message.user !== undefined) {
    const parent = workspace.findMessage(message.channel, message.threadTs);
    if (parent?.user) (event as Record<string, unknown>).parent_user_id = parent.user;
  }
  return event;
}

/** The `app_mention` event Slack sends besides `message` when a message mentions the bot. */
export function appMentionEvent(workspace: Workspace, message: FakeMessage): Record<string, unknown> {
  const event: Record<string, unknown> = {
    type: 'app_mention',
    user: message.user,
    text: message.text,
    ts: message.ts,
    channel: message.channel,
    event_ts: message.ts,
    team: workspace.teamId,
  };
  if (message.threadTs !== undefined) event.thread_ts = message.threadTs;
  return event;
}

/** A slash command invocation, as Slack posts it (all fields are strings). */
export function slashCommandPayload(
  workspace: Workspace,
  init: { user: FakeUser; channel: FakeChannel; command: string; text: string; responseUrl: string },
): Record<string, string> {
  return {
    token: 'fake-verification-token',
    team_id: workspace.teamId,
    team_domain: workspace.teamDomain,
    channel_id: init.channel.id,
    channel_name: init.channel.kind === 'im' ? 'directmessage' : init.channel.name,
    user_id: init.user.id,
    user_name: init.user.name,
    command: init.command,
    text: init.text,
    api_app_id: workspace.bot.appId,
    is_enterprise_install: 'false',
    response_url: init.responseUrl,
    trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}`,
  };
}

/** A `block_actions` interaction: a person pressed a button on a message. */
export function blockActionsPayload(
  workspace: Workspace,
  init: { user: FakeUser; channel: FakeChannel; message: FakeMessage; blockId: string; button: Record<string, unknown>; responseUrl: string },
): Record<string, unknown> {
  const actionTs = workspace.newTs();
  return {
    type: 'block_actions',
    user: { id: init.user.id, username: init.user.name, name: init.user.name, team_id: workspace.teamId },
    api_app_id: workspace.bot.appId,
    token: 'fake-verification-token',
    container: { type: 'message', message_ts: init.message.ts, channel_id: init.channel.id, is_ephemeral: init.message.ephemeralTo !== undefined },
    trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}`,
    team: { id: workspace.teamId, domain: workspace.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: init.channel.id, name: init.channel.kind === 'im' ? 'directmessage' : init.channel.name },
    message: { ...workspace.messageObject(init.message) },
    state: { values: {} },
    response_url: init.responseUrl,
    actions: [
      {
        type: 'button',
        block_id: init.blockId,
        action_id: init.button.action_id,
        text: init.button.text,
        value: init.button.value,
        action_ts: actionTs,
      },
    ],
  };
}

/** The button `actionId` on a message (in its blocks or its attachments' blocks), with its block's id. */
export function findButton(message: FakeMessage, actionId: string): { blockId: string; button: Record<string, unknown> } | undefined {
  const blockLists = [message.blocks ?? [], ...(message.attachments ?? []).map((a) => ((a as { blocks?: unknown[] }).blocks ?? []))];
  for (const blocks of blockLists) {
    for (const [index, block] of (blocks as Array<Record<string, unknown>>).entries()) {
      if (block.type !== 'actions') continue;
      for (const element of block.elements as Array<Record<string, unknown>>) {
        if (element.type === 'button' && element.action_id === actionId) return { blockId: String(block.block_id ?? `b${index}`), button: element };
      }
    }
  }
  return undefined;
}
