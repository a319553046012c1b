import { backoffOptionsSchema, z } from 'banter';

// Where each credential lives in the Slack app's settings (api.slack.com/apps → your app), said in every message
// about it, so a missing or misplaced token can be fixed without reading the docs.
const BOT_TOKEN_WHERE = 'the "Bot User OAuth Token" (xoxb-…) on your Slack app\'s "OAuth & Permissions" page';
const APP_TOKEN_WHERE = 'an app-level token (xapp-…) from "Basic Information" → "App-Level Tokens", created with the connections:write scope';
const SIGNING_SECRET_WHERE = 'the "Signing Secret" from "Basic Information" → "App Credentials"';

const botToken = z
  .string({ error: `must be ${BOT_TOKEN_WHERE}; read it from the environment: fromEnv('SLACK_BOT_TOKEN')` })
  .superRefine((token, context) => {
    if (token.startsWith('xoxb-')) return;
    const message = token.startsWith('xapp-')
      ? `is an app-level token (xapp-…), which belongs in appToken; botToken must be ${BOT_TOKEN_WHERE}`
      : token.startsWith('xoxp-')
        ? `is a user token (xoxp-…); Banter posts as the bot, so botToken must be ${BOT_TOKEN_WHERE}`
        : `must start with "xoxb-": it is ${BOT_TOKEN_WHERE} (is SLACK_BOT_TOKEN set to something else?)`;
    context.addIssue({ code: 'custom', message });
  });

const appToken = z.string({ error: `must be ${APP_TOKEN_WHERE}; read it from the environment: fromEnv('SLACK_APP_TOKEN')` }).superRefine((token, context) => {
  if (token.startsWith('xapp-')) return;
  const message = token.startsWith('xoxb-')
    ? `is a bot token (xoxb-…), which belongs in botToken; appToken must be ${APP_TOKEN_WHERE}`
    : `must start with "xapp-": it is ${APP_TOKEN_WHERE} (is SLACK_APP_TOKEN set to something else?)`;
  context.addIssue({ code: 'custom', message });
});

const signingSecret = z.string({ error: `must be ${SIGNING_SECRET_WHERE}; read it from the environment: fromEnv('SLACK_SIGNING_SECRET')` }).superRefine((secret, context) => {
  if (/^(xox[a-z]|xapp)-/.test(secret)) context.addIssue({ code: 'custom', message: `looks like a token, not a signing secret; signingSecret is ${SIGNING_SECRET_WHERE}` });
  else if (secret.length < 16) context.addIssue({ code: 'custom', message: `is too short to be ${SIGNING_SECRET_WHERE}` });
});

const milliseconds = (example: number) => z.number({ error: `must be a number of milliseconds, e.g. ${example}` }).int().min(0);

const slashCommandName = z.string().regex(/^\/[a-z0-9_-]{1,31}$/, { error: 'must be a slash command such as "/deploy" (lower case, no spaces)' });

/**
 * Options of the Slack backend: `backends.slack` in config.ts. The bot token is always needed; Socket Mode (the
 * default transport, no public URL) also needs the app-level token, the HTTP Events API the signing secret.
 * docs/backends/slack.md describes each option and the Slack app settings behind it.
 */
export const slackBackendOptions = z
  .object({
    botToken,
    appToken: appToken.optional(),
    signingSecret: signingSecret.optional(),
    /** `socket`: Socket Mode over a WebSocket the bot opens (no public URL). `http`: Slack POSTs to the bot. */
    transport: z.enum(['socket', 'http'], { error: 'must be "socket" (Socket Mode, no public URL) or "http" (Events API Request URL)' }).default('socket'),
    /** Where Bolt's HTTP server listens with `transport: "http"`; Slack's Request URL must reach `path` there. */
    http: z
      .object({
        port: z.number({ error: 'must be a port number, e.g. 3000' }).int().min(0).max(65_535, { error: 'must be a port number between 0 and 65535' }).default(3000),
        host: z.string({ error: 'must be an address to listen on, e.g. "0.0.0.0" or "127.0.0.1"' }).optional(),
        path: z.string().regex(/^\/\S*$/, { error: 'must be a path such as "/slack/events"' }).default('/slack/events'),
      }, { error: 'must be { port, host?, path? }' })
      .strict()
      .default({ port: 3000, path: '/slack/events' }),
    /** Base URL of the Web API, for a proxy or a test server; Slack's own when not given. */
    apiUrl: z.url({ error: 'must be a URL such as "https://slack.com/api/"' }).optional(),
    /** Public channels to join at start-up (private ones need an invitation from a member). */
    channels: z.array(z.string().regex(/^#?[a-z0-9][a-z0-9_-]{0,79}$/, { error: 'must be a channel name such as "#ops"' }), { error: 'must be a list such as ["#ops"]' }).default([]),
    /** Let other bots' messages run commands (the bot's own never do). */
    respondToBots: z.boolean({ error: 'must be true or false' }).default(false),
    /** Answer room messages in a thread: `true` for every command, or a list of command names. */
    divertToThread: z.union([z.boolean(), z.array(z.string().min(1))], { error: 'must be true, false, or a list of command names such as ["deploy"]' }).default(false),
    /** How a command's private reply (`private: true`) is shown when it was asked in a channel: a DM, or an ephemeral message there. */
    privateReplies: z.enum(['dm', 'ephemeral'], { error: 'must be "dm" or "ephemeral"' }).default('dm'),
    slashCommands: z
      .object({
        /** Slash command → Banter command, e.g. { "/deploy": "deploy" }. Others: `/name text` runs `name text`, and `/<bot name> text` runs `text`. */
        map: z.record(slashCommandName, z.string(), { error: 'must map slash commands to command names, e.g. { "/ship": "deploy" }' }).default({}),
        /** Who sees the answers: the person who typed the command (`ephemeral`), or the whole channel. */
        replies: z.enum(['ephemeral', 'in_channel'], { error: 'must be "ephemeral" or "in_channel"' }).default('ephemeral'),
      }, { error: 'must be { map?, replies? }' })
      .strict()
      .default({ map: {}, replies: 'ephemeral' }),
    /** Outgoing pacing per conversation (Slack asks for about one message a second). */
    pacing: z
      .object({
        messagesPerSecond: z.number({ error: 'must be a number, e.g. 1' }).positive({ error: 'must be more than 0' }).max(1000).default(1),
        burst: z.number({ error: 'must be a whole number, e.g. 3' }).int().min(1, { error: 'must be at least 1' }).default(3),
      }, { error: 'must be { messagesPerSecond, burst }' })
      .strict()
      .default({ messagesPerSecond: 1, burst: 3 }),
    /** How many HTTP 429 answers in a row one call may get (each waited out per Retry-After) before it fails. */
    rateLimitRetries: z.number({ error: 'must be a whole number, e.g. 10' }).int().min(0).default(10),
    /** Network-level retries of each Web API call; the SDK's policy (ten over about 30 minutes) when not given. */
    retries: z.number({ error: 'must be a whole number, e.g. 3' }).int().min(0).optional(),
    /** Socket Mode: how long to wait for a pong before the connection counts as dead. */
    clientPingTimeoutMs: milliseconds(5000).min(10).default(5000),
    /** Reconnect delays after a dropped Socket Mode connection (Banter's Backoff). */
    reconnect: backoffOptionsSchema({ initialMs: 1000, factor: 1.75, maxMs: 300_000, jitterMs: 1000 }),
    /** Load the member and channel lists at start-up, so `@name` and `#channel` resolve at once. */
    preload: z
      .object({ users: z.boolean().default(true), channels: z.boolean().default(true) }, { error: 'must be { users, channels }' })
      .strict()
      .default({ users: true, channels: true }),
    /** How long a profile read with users.info is trusted; user_change events refresh it sooner. */
    userCacheTtlMs: milliseconds(3_600_000).default(3_600_000),
  })
  .strict()
  // Runs even when other fields are wrong, so every missing credential is reported in one go.
  .superRefine(
    (options, context) => {
      const transport = options.transport ?? 'socket';
      if (transport === 'socket' && options.appToken === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['appToken'],
          message: `is required for Socket Mode (transport: "socket", the default): ${APP_TOKEN_WHERE}; read it from the environment: fromEnv('SLACK_APP_TOKEN'). Or set transport: "http" and a signingSecret`,
        });
      }
      if (transport === 'http' && options.signingSecret === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['signingSecret'],
          message: `is required with transport: "http": ${SIGNING_SECRET_WHERE}; read it from the environment: fromEnv('SLACK_SIGNING_SECRET')`,
        });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );

/** `backends.slack` as written in config.ts. */
export type SlackBackendOptionsInput = z.input<typeof slackBackendOptions>;
/** `backends.slack` validated, defaults applied. */
export type SlackBackendOptions = z.output<typeof slackBackendOptions>;
