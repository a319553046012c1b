import { backoffOptionsSchema } from 'banter';
import * as z from 'banter/zod/mini';

/**
 * Gateway intents by the names the Developer Portal and discord.js use. Privileged ones (marked) must also be
 * switched on in the Developer Portal → your application → Bot → Privileged Gateway Intents.
 */
export const INTENTS = {
  Guilds: 1 << 0,
  /** Privileged. */
  GuildMembers: 1 << 1,
  GuildModeration: 1 << 2,
  GuildExpressions: 1 << 3,
  GuildIntegrations: 1 << 4,
  GuildWebhooks: 1 << 5,
  GuildInvites: 1 << 6,
  GuildVoiceStates: 1 << 7,
  /** Privileged. */
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  GuildMessageReactions: 1 << 10,
  GuildMessageTyping: 1 << 11,
  DirectMessages: 1 << 12,
  DirectMessageReactions: 1 << 13,
  DirectMessageTyping: 1 << 14,
  /** Privileged. */
  MessageContent: 1 << 15,
  GuildScheduledEvents: 1 << 16,
  AutoModerationConfiguration: 1 << 20,
  AutoModerationExecution: 1 << 21,
  GuildMessagePolls: 1 << 24,
  DirectMessagePolls: 1 << 25,
} as const;

/** A gateway intent's name. */
export type IntentName = keyof typeof INTENTS;

/** The intents that need a switch in the Developer Portal besides being asked for. */
export const PRIVILEGED_INTENTS: readonly IntentName[] = ['GuildMembers', 'GuildPresences', 'MessageContent'];

/**
 * What the bot asks for unless config.ts says otherwise: guild channels and DMs, their messages with their text,
 * and reactions. Only MessageContent among them is privileged.
 */
export const DEFAULT_INTENTS: readonly IntentName[] = [
  'Guilds',
  'GuildMessages',
  'GuildMessageReactions',
  'DirectMessages',
  'DirectMessageReactions',
  'MessageContent',
];

const INTENT_NAMES = Object.keys(INTENTS) as [IntentName, ...IntentName[]];

/** A Discord id: a snowflake, written as a string of digits. */
const snowflake = (what: string) =>
  z.string({ error: `must be ${what}, a Discord id such as "123456789012345678" (Developer Mode → right-click → Copy ID)` }).check(
    z.regex(/^\d{15,21}$/, {
      error: `must be ${what}, a Discord id of 15 to 21 digits (Developer Mode → right-click → Copy ID)`,
    }),
  );

const TOKEN_HELP =
  'the bot token from the Developer Portal → your application → Bot → Reset Token; set DISCORD_TOKEN and write token: fromEnv(\'DISCORD_TOKEN\')';

/**
 * Options of the Discord backend: `backends.discord` in config.ts. The token comes from the environment:
 *
 * ```ts
 * import { defineConfig, fromEnv } from 'banter';
 * export default defineConfig({
 *   backend: 'discord',
 *   backends: { discord: { token: fromEnv('DISCORD_TOKEN'), commandGuild: '123456789012345678' } },
 * });
 * ```
 */
export const discordBackendOptions = z
  .strictObject({
    token: z.string({ error: `must be ${TOKEN_HELP}` }).check(
      z.minLength(1, { error: `is empty: is DISCORD_TOKEN set? It must be ${TOKEN_HELP}` }),
      z.refine((token) => !/^(Bot|Bearer)\s/i.test(token), { error: 'must be the token alone, without the "Bot " prefix' }),
      z.refine((token) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token), {
        error: `does not look like a bot token (three dot-separated parts); it must be ${TOKEN_HELP}. The application id or the client secret are not the token`,
      }),
    ),
    /** Gateway intents to ask for. Must include Guilds and MessageContent. */
    intents: z._default(
      z.array(z.enum(INTENT_NAMES, { error: `must be an intent name: ${INTENT_NAMES.join(', ')}` }), {
        error: `must be a list of intent names, e.g. ${JSON.stringify(DEFAULT_INTENTS)}`,
      }),
      [...DEFAULT_INTENTS],
    ),
    /**
     * Register slash commands in this guild only (they appear at once), instead of globally for every guild
     * the bot is in.
     */
    commandGuild: z.optional(snowflake('the guild (server) to register slash commands in')),
    /** Offer Banter's commands as slash commands. */
    slashCommands: z._default(z.boolean({ error: 'must be true or false' }), true),
    /** Ignore messages from other bots (never from people), so two bots cannot answer each other forever. */
    ignoreBots: z._default(z.boolean({ error: 'must be true or false' }), true),
    /** Base URL of the REST API (a proxy, or a test server); discord.js's default otherwise. */
    apiUrl: z.optional(z.url({ error: 'must be a URL such as "http://127.0.0.1:8080/api" (without the /v10 part)' })),
    /** Bound on each REST request, in milliseconds. */
    timeoutMs: z._default(z.number({ error: 'must be a number of milliseconds, e.g. 15000' }).check(z.int(), z.positive()), 15_000),
    /**
     * Delays between attempts once the gateway cannot be reached again (Banter's Backoff). The first attempt
     * after a drop is immediate, so a resumable session is resumed at once.
     */
    reconnect: backoffOptionsSchema(),
  })
  .check(
    z.superRefine((options, context) => {
      const asked = new Set(options.intents);
      // Without MessageContent Discord blanks the text of every message that does not mention the bot, so
      // plugins would see empty messages and no command would ever run: refuse it here rather than start mute.
      if (!asked.has('MessageContent')) {
        context.addIssue({
          code: 'custom',
          path: ['intents'],
          message:
            'must include "MessageContent": without it Discord sends the bot empty messages and no command runs. Add it here and switch on Message Content Intent in the Developer Portal → Bot → Privileged Gateway Intents',
        });
      }
      if (!asked.has('Guilds')) {
        context.addIssue({ code: 'custom', path: ['intents'], message: 'must include "Guilds": without it the bot knows no channels' });
      }
      if (!asked.has('GuildMessages') && !asked.has('DirectMessages')) {
        context.addIssue({ code: 'custom', path: ['intents'], message: 'must include "GuildMessages" or "DirectMessages", or the bot receives no messages at all' });
      }
    }),
  );

/** The intents bit field for a list of names. */
export function intentBits(names: readonly IntentName[]): number {
  let bits = 0;
  for (const name of names) bits |= INTENTS[name];
  return bits;
}

/** `backends.discord` as written in config.ts. */
export type DiscordBackendOptionsInput = z.input<typeof discordBackendOptions>;
/** `backends.discord` validated, defaults applied. */
export type DiscordBackendOptions = z.output<typeof discordBackendOptions>;
