import { defineBackend } from 'banter';
import { DISCORD_CAPABILITIES, DiscordBackend } from './discord-backend.ts';
import { discordBackendOptions } from './options.ts';

export { DiscordBackend, DISCORD_CAPABILITIES, type DiscordBackendContext } from './discord-backend.ts';
export { DiscordPerson, DiscordRoom, DiscordRoomOccupant, type DiscordChannelInfo, type DiscordUserInfo } from './identifiers.ts';
export { discordBackendOptions, DEFAULT_INTENTS, PRIVILEGED_INTENTS, type DiscordBackendOptions, type DiscordBackendOptionsInput, type IntentName } from './options.ts';
export { buildSlashCommands, commandLine, sameSlashCommands, slashName, type SlashCommandJson, type SlashRoute } from './slash-commands.ts';
export { cardToButtons, cardToEmbed } from './embeds.ts';
export { readableText, wireText, type MentionDirectory } from './mentions.ts';

/** Discord: `backend: 'discord'` in config.ts, options under `backends.discord` (docs/backends/discord.md). */
export default defineBackend({
  name: 'discord',
  description: 'Discord (discord.js): guild channels, threads and DMs, slash commands, embeds, reactions, files',
  capabilities: DISCORD_CAPABILITIES,
  options: discordBackendOptions,
  create: (options, context) => new DiscordBackend(options, { botName: context.botName, prefix: context.config.prefix, log: context.log }),
});
