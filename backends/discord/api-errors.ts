import { BanterError } from 'banter';

/** Discord's JSON error codes the backend explains (the API's `code` field, not the HTTP status). */
export const DISCORD_CODES = {
  unknownChannel: 10003,
  unknownGuild: 10004,
  unknownMember: 10007,
  unknownMessage: 10008,
  unknownUser: 10013,
  unknownEmoji: 10014,
  unknownInteraction: 10062,
  missingAccess: 50001,
  cannotMessageUser: 50007,
  missingPermissions: 50013,
  threadAlreadyCreated: 160004,
} as const;

/** The JSON error code of a discord.js DiscordAPIError, or undefined for any other error. */
export function apiCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The HTTP status of a discord.js API error, or undefined. */
export function apiStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * A Discord API failure as a BanterError whose message says what the bot was doing and what to change
 * (`E_DISCORD_PERMISSION` for missing permissions, `E_DISCORD_NOT_FOUND` for unknown channels and messages,
 * `E_DISCORD_API` otherwise). The discord.js error is kept as the cause.
 */
export function discordFailure(error: unknown, doing: string): BanterError {
  if (error instanceof BanterError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  switch (apiCode(error)) {
    case DISCORD_CODES.missingPermissions:
    case DISCORD_CODES.missingAccess:
      return new BanterError(
        'E_DISCORD_PERMISSION',
        `Discord refused to let the bot ${doing}: ${detail}. Give the bot's role the permission in Server Settings → Roles, or in the channel's permissions.`,
        { cause: error },
      );
    case DISCORD_CODES.unknownChannel:
    case DISCORD_CODES.unknownMessage:
    case DISCORD_CODES.unknownGuild:
    case DISCORD_CODES.unknownMember:
    case DISCORD_CODES.unknownUser:
      return new BanterError('E_DISCORD_NOT_FOUND', `Could not ${doing}: ${detail}.`, { cause: error });
    case DISCORD_CODES.cannotMessageUser:
      return new BanterError('E_DISCORD_DM_CLOSED', `Could not ${doing}: the person does not accept direct messages from the bot (${detail}).`, { cause: error });
    default:
      return new BanterError('E_DISCORD_API', `Could not ${doing}: ${detail}`, { cause: error });
  }
}
