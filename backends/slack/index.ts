import { defineBackend } from 'banter';
import { SlackBackend } from './slack-backend.ts';
import { slackBackendOptions } from './options.ts';

export { SlackBackend, type SlackBackendContext } from './slack-backend.ts';
export { SlackPerson, SlackRoom, SlackRoomOccupant, type SlackUserInfo } from './identifiers.ts';
export { slackBackendOptions, type SlackBackendOptions, type SlackBackendOptionsInput } from './options.ts';
export { SlackApiError } from './slack-api-error.ts';
export { slackExtras, type SlackMessageExtras } from './slack-extras.ts';
export type { SlackSentMessage } from './slack-outbound.ts';
export { renderCard, type RenderedCard } from './block-kit.ts';
export { fromSlackText, toSlackText } from './slack-text.ts';

/** The Slack backend: `backend: 'slack'` in config.ts, options under `backends.slack` (docs/backends/slack.md). */
export default defineBackend({
  name: 'slack',
  description: 'Slack (@slack/bolt): Socket Mode or Events API, threads, reactions, Block Kit cards, files, slash commands',
  options: slackBackendOptions,
  create: (options, context) => new SlackBackend(options, { botName: context.botName, log: context.log, prefix: context.config.prefix }),
});
