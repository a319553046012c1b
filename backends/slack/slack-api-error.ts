import { UserError } from 'banter';

// What to do about the refusals people meet most; the error code alone rarely says it.
const HINTS: Readonly<Record<string, string>> = {
  not_in_channel: 'the bot is not a member of that channel; invite it (/invite @bot) or let it join a public one',
  channel_not_found: 'no such channel, or a private one the bot has not been invited to',
  is_archived: 'the channel is archived',
  user_not_found: 'no such member in this workspace',
  user_not_in_channel: 'that person is not in the channel',
  method_not_supported_for_channel_type: 'Slack does not allow this in that kind of conversation (a bot cannot join a private channel: invite it)',
  invalid_auth: 'the token was refused; check SLACK_BOT_TOKEN (the "Bot User OAuth Token" on the app\'s "OAuth & Permissions" page)',
  not_authed: 'no token was sent; set SLACK_BOT_TOKEN',
  token_revoked: 'the token was revoked; reinstall the app and update SLACK_BOT_TOKEN',
  account_inactive: 'the token belongs to a deactivated app or user; reinstall the app',
  ratelimited: 'Slack kept answering "too many requests"; try again in a minute',
  name_taken: 'a channel with that name exists already',
  cant_update_message: 'only messages the bot posted can be edited',
  cant_delete_message: 'only messages the bot posted can be deleted',
  message_not_found: 'that message is gone, or it was ephemeral',
};

/**
 * Slack refused a Web API call (`{ ok: false, error }`). The message names the method, Slack's error code and
 * what to do about it — for `missing_scope`, the scope to add — and is safe to show in chat, so the person who
 * ran the command learns why it failed.
 */
export class SlackApiError extends UserError {
  /** The Web API method, e.g. `conversations.join`. */
  readonly method: string;
  /** Slack's error code, e.g. `missing_scope`. */
  readonly error: string;
  /** For `missing_scope`: the scope the call needs. */
  readonly needed: string | undefined;

  constructor(method: string, error: string, details: { needed?: string; cause?: unknown } = {}) {
    const hint =
      error === 'missing_scope'
        ? `the Slack app lacks the ${details.needed ?? 'needed'} scope: add it under "OAuth & Permissions" → "Bot Token Scopes" and reinstall the app`
        : HINTS[error];
    super(`Slack refused ${method}: ${error}${hint ? ` (${hint})` : ''}.`, { code: 'E_SLACK_API', cause: details.cause });
    this.method = method;
    this.error = error;
    this.needed = details.needed;
  }
}
