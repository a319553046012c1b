import { backoffOptionsSchema } from 'banter';
import * as z from 'banter/zod/mini';

// Where each credential lives in the Slack app's settings (api.slack.com/apps → your app), said in every message
// about it, so a missing or misplaced token can be fixed without reading the docs.
const BOT_TOKEN_WHERE = 'the "Bot User OAuth Token" (xoxb-…) on your Slack app\'s "OAuth & Permissions" page';
const APP_TOKEN_WHERE = 'an app-level token (xapp-…) from "Basic Information" → "App-Level Tokens", created with the connections:write scope';
const SIGNING_SECRET_WHERE = 'the "Signing Secret" from "Basic Information" → "App Credentials"';

const botToken = z.string({ error: `must be ${BOT_TOKEN_WHERE}; read it from the environment: fromEnv('SLACK_BOT_TOKEN')` }).check(
  z.superRefine((token, context) => {
    if (token.startsWith('xoxb-')) return;
    const message = token.startsWith('xapp-')
      ? `is an app-level token (xapp-…), which belongs in appToken; botToken must be ${BOT_TOKEN_WHERE}`
      : token.startsWith('xoxp-')
        ? `is a user token (xoxp-…); Banter posts as the bot, so botToken must be ${BOT_TOKEN_WHERE}`
        : `must start with "xoxb-": it is ${BOT_TOKEN_WHERE} (is SLACK_BOT_TOKEN set to something else?)`;
    context.addIssue({ code: 'custom', message });
  }),
);

const appToken = z.string({ error: `must be ${APP_TOKEN_WHERE}; read it from the environment: fromEnv('SLACK_APP_TOKEN')` }).check(
  z.superRefine((token, context) => {
    if (token.startsWith('xapp-')) return;
    const message = token.startsWith('xoxb-')
      ? `is a bot token (xoxb-…), which belongs in botToken; appToken must be ${APP_TOKEN_WHERE}`
      : `must start with "xapp-": it is ${APP_TOKEN_WHERE} (is SLACK_APP_TOKEN set to something else?)`;
    context.addIssue({ code: 'custom', message });
  }),
);

const signingSecret = z.string({ error: `must be ${SIGNING_SECRET_WHERE}; read it from the environment: fromEnv('SLACK_SIGNING_SECRET')` }).check(
  z.superRefine((secret, context) => {
    if (/^(xox[a-z]|xapp)-/.test(secret)) context.addIssue({ code: 'custom', message: `looks like a token, not a signing secret; signingSecret is ${SIGNING_SECRET_WHERE}` });
    else if (secret.length < 16) context.addIssue({ code: 'custom', message: `is too short to be ${SIGNING_SECRET_WHERE}` });
  }),
);

const milliseconds = (example: number, ...checks: z.core.$ZodCheck<number>[]) =>
  z.number({ error: `must be a number of milliseconds, e.g. ${example}` }).check(z.int(), z.gte(0), ...checks);

const slashCommandName = z.string().check(z.regex(/^\/[a-z0-9_-]{1,31}$/, { error: 'must be a slash command such as "/deploy" (lower case, no spaces)' }));

/**
 * Options of the Slack backend: `backends.slack` in config.ts. The bot token is always needed; Socket Mode (the
 * default transport, no public URL) also needs the app-level token, the HTTP Events API the signing secret.
 * docs/backends/slack.md describes each option and the Slack app settings behind it.
 */
export const slackBackendOptions = z
  .strictObject({
    botToken,
    appToken: z.optional(appToken),
    signingSecret: z.optional(signingSecret),
    /** `socket`: Socket Mode over a WebSocket the bot opens (no public URL). `http`: Slack POSTs to the bot. */
    transport: z._default(z.enum(['socket', 'http'], { error: 'must be "socket" (Socket Mode, no public URL) or "http" (Events API Request URL)' }), 'socket'),
    /** Where Bolt's HTTP server listens with `transport: "http"`; Slack's Request URL must reach `path` there. */
    http: z._default(
      z.strictObject(
        {
          port: z._default(
            z.number({ error: 'must be a port number, e.g. 3000' }).check(z.int(), z.gte(0), z.lte(65_535, { error: 'must be a port number between 0 and 65535' })),
            3000,
          ),
          host: z.optional(z.string({ error: 'must be an address to listen on, e.g. "0.0.0.0" or "127.0.0.1"' })),
          path: z._default(z.string().check(z.regex(/^\/\S*$/, { error: 'must be a path such as "/slack/events"' })), '/slack/events'),
        },
        { error: 'must be { port, host?, path? }' },
      ),
      { port: 3000, path: '/slack/events' },
    ),
    /** Base URL of the Web API, for a proxy or a test server; Slack's own when not given. */
    apiUrl: z.optional(z.url({ error: 'must be a URL such as "https://slack.com/api/"' })),
    /** Public channels to join at start-up (private ones need an invitation from a member). */
    channels: z._default(
      z.array(z.string().check(z.regex(/^#?[a-z0-9][a-z0-9_-]{0,79}$/, { error: 'must be a channel name such as "#ops"' })), { error: 'must be a list such as ["#ops"]' }),
      [],
    ),
    /** Let other bots' messages run commands (the bot's own never do). */
    respondToBots: z._default(z.boolean({ error: 'must be true or false' }), false),
    /** Answer room messages in a thread: `true` for every command, or a list of command names. */
    divertToThread: z._default(
      z.union([z.boolean(), z.array(z.string().check(z.minLength(1)))], { error: 'must be true, false, or a list of command names such as ["deploy"]' }),
      false,
    ),
    /** How a command's private reply (`private: true`) is shown when it was asked in a channel: a DM, or an ephemeral message there. */
    privateReplies: z._default(z.enum(['dm', 'ephemeral'], { error: 'must be "dm" or "ephemeral"' }), 'dm'),
    slashCommands: z._default(
      z.strictObject(
        {
          /** Slash command → Banter command, e.g. { "/deploy": "deploy" }. Others: `/name text` runs `name text`, and `/<bot name> text` runs `text`. */
          map: z._default(z.record(slashCommandName, z.string(), { error: 'must map slash commands to command names, e.g. { "/ship": "deploy" }' }), {}),
          /** Who sees the answers: the person who typed the command (`ephemeral`), or the whole channel. */
          replies: z._default(z.enum(['ephemeral', 'in_channel'], { error: 'must be "ephemeral" or "in_channel"' }), 'ephemeral'),
        },
        { error: 'must be { map?, replies? }' },
      ),
      { map: {}, replies: 'ephemeral' },
    ),
    /** Outgoing pacing per conversation (Slack asks for about one message a second). */
    pacing: z._default(
      z.strictObject(
        {
          messagesPerSecond: z._default(z.number({ error: 'must be a number, e.g. 1' }).check(z.positive({ error: 'must be more than 0' }), z.lte(1000)), 1),
          burst: z._default(z.number({ error: 'must be a whole number, e.g. 3' }).check(z.int(), z.gte(1, { error: 'must be at least 1' })), 3),
        },
        { error: 'must be { messagesPerSecond, burst }' },
      ),
      { messagesPerSecond: 1, burst: 3 },
    ),
    /** How many HTTP 429 answers in a row one call may get (each waited out per Retry-After) before it fails. */
    rateLimitRetries: z._default(z.number({ error: 'must be a whole number, e.g. 10' }).check(z.int(), z.gte(0)), 10),
    /** Network-level retries of each Web API call; the SDK's policy (ten over about 30 minutes) when not given. */
    retries: z.optional(z.number({ error: 'must be a whole number, e.g. 3' }).check(z.int(), z.gte(0))),
    /** Socket Mode: how long a new connection may take to say `hello` before it is closed and counts as failed. */
    helloTimeoutMs: z._default(milliseconds(30_000, z.gte(10)), 30_000),
    /** Socket Mode: how long to wait for a pong before the connection counts as dead. */
    clientPingTimeoutMs: z._default(milliseconds(5000, z.gte(10)), 5000),
    /** Reconnect delays after a dropped Socket Mode connection (Banter's Backoff). */
    reconnect: backoffOptionsSchema({ initialMs: 1000, factor: 1.75, maxMs: 300_000, jitterMs: 1000 }),
    /** Load the member and channel lists at start-up, so `@name` and `#channel` resolve at once. */
    preload: z._default(
      z.strictObject({ users: z._default(z.boolean(), true), channels: z._default(z.boolean(), true) }, { error: 'must be { users, channels }' }),
      { users: true, channels: true },
    ),
    /** How long a profile read with users.info is trusted; user_change events refresh it sooner. */
    userCacheTtlMs: z._default(milliseconds(3_600_000), 3_600_000),
  })
  // Runs even when other fields are wrong, so every missing credential is reported in one go.
  .check(
    z.superRefine(
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
    ),
  );

/** `backends.slack` as written in config.ts. */
export type SlackBackendOptionsInput = z.input<typeof slackBackendOptions>;
/** `backends.slack` validated, defaults applied. */
export type SlackBackendOptions = z.output<typeof slackBackendOptions>;
