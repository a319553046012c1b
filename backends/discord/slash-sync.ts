import type { CommandInfo, Logger } from 'banter';
import { Routes, type Client } from 'discord.js';
import { discordFailure } from './api-errors.ts';
import { buildSlashCommands, sameSlashCommands, type SlashRoute } from './slash-commands.ts';

/** What a sync did. */
export type SyncOutcome = 'registered' | 'unchanged' | 'disabled';

/**
 * Keeps Discord's slash commands in step with Banter's commands. It reads what is registered (in one guild, or
 * globally) and writes the whole set with one bulk overwrite only when it differs, so restarting an unchanged
 * bot costs one read and no write (Discord rate-limits command writes hard, 200 a day per guild).
 */
export class SlashCommandSync {
  readonly #client: () => Client;
  readonly #guildId: string | undefined;
  readonly #enabled: boolean;
  readonly #log: Logger;
  #routes: ReadonlyMap<string, SlashRoute> = new Map();

  constructor(client: () => Client, options: { readonly guildId: string | undefined; readonly enabled: boolean }, log: Logger) {
    this.#client = client;
    this.#guildId = options.guildId;
    this.#enabled = options.enabled;
    this.#log = log;
  }

  /** The slash commands offered now, by name. */
  get routes(): ReadonlyMap<string, SlashRoute> {
    return this.#routes;
  }

  /** Offer `commands` as slash commands, writing to Discord only when what is registered differs. */
  async sync(commands: readonly CommandInfo[]): Promise<SyncOutcome> {
    if (!this.#enabled) return 'disabled';
    const set = buildSlashCommands(commands);
    for (const { command, reason } of set.skipped) this.#log.debug({ command, reason }, 'not offered as a slash command');
    this.#routes = set.routes;
    const client = this.#client();
    const applicationId = client.application?.id ?? client.user?.id;
    if (!applicationId) return 'disabled';
    const route = this.#guildId ? Routes.applicationGuildCommands(applicationId, this.#guildId) : Routes.applicationCommands(applicationId);
    const where = this.#guildId ? `in guild ${this.#guildId}` : 'globally';
    try {
      const registered = (await client.rest.get(route)) as unknown[];
      if (sameSlashCommands(registered, set.definitions)) {
        this.#log.debug({ commands: set.definitions.length, where }, 'slash commands unchanged');
        return 'unchanged';
      }
      await client.rest.put(route, { body: set.definitions });
    } catch (error) {
      throw discordFailure(error, `register the slash commands ${where} (the invite needs the applications.commands scope)`);
    }
    this.#log.info({ commands: set.definitions.map((d) => d.name), where }, 'slash commands registered');
    return 'registered';
  }
}
