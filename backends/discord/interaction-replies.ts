import type { Logger } from 'banter';
import type { ChatInputCommandInteraction, InteractionEditReplyOptions, Message } from 'discord.js';
import { discordFailure } from './api-errors.ts';

/** What a reply to a slash command carries (text, embeds, buttons, files). */
export type InteractionReply = InteractionEditReplyOptions;

interface Pending {
  readonly interaction: ChatInputCommandInteraction;
  answered: number;
}

/**
 * Slash commands being answered. Discord wants an answer to an interaction within 3 seconds, and a command
 * may take longer, so each one is deferred at once ("the bot is thinking…"). The command's first reply then
 * replaces that placeholder, later replies are follow-ups, and a command that said nothing has the
 * placeholder deleted. The interaction token lasts 15 minutes, longer than any command timeout.
 */
export class InteractionReplies {
  readonly #pending = new Map<string, Pending>();
  readonly #log: Logger;

  constructor(log: Logger) {
    this.#log = log;
  }

  /** Acknowledge `interaction` with a deferred reply; its id is the key for the replies. */
  async begin(interaction: ChatInputCommandInteraction): Promise<string> {
    await interaction.deferReply();
    this.#pending.set(interaction.id, { interaction, answered: 0 });
    return interaction.id;
  }

  /** Whether replies for `key` still go to the interaction. */
  has(key: unknown): key is string {
    return typeof key === 'string' && this.#pending.has(key);
  }

  /** Send one reply to the interaction: the first replaces the placeholder, the next ones follow up. */
  async reply(key: string, reply: InteractionReply): Promise<Message> {
    const pending = this.#pending.get(key)!;
    const first = pending.answered === 0;
    pending.answered++;
    try {
      if (first) return await pending.interaction.editReply(reply);
      return await pending.interaction.followUp({ ...reply, content: reply.content ?? undefined } as Parameters<ChatInputCommandInteraction['followUp']>[0]);
    } catch (error) {
      throw discordFailure(error, 'answer the slash command');
    }
  }

  /** The command is done: remove a placeholder nothing replaced, and forget the interaction. */
  async finish(key: string): Promise<void> {
    const pending = this.#pending.get(key);
    if (!pending) return;
    this.#pending.delete(key);
    if (pending.answered > 0) return;
    await pending.interaction.deleteReply().catch((error: unknown) => this.#log.debug({ err: error }, 'could not remove a slash command placeholder'));
  }
}
