import { randomBytes } from 'node:crypto';
import type { FakeMessage } from './world.ts';

/** Discord's deadline for the first answer to an interaction. */
export const INITIAL_RESPONSE_MS = 3_000;
/** How long the interaction token works for follow-ups. */
export const TOKEN_LIFETIME_MS = 15 * 60_000;

/** An interaction a person started: a slash command or a button press. */
export interface FakeInteraction {
  readonly id: string;
  readonly token: string;
  /** 2 application command, 3 message component. */
  readonly type: 2 | 3;
  readonly createdAt: number;
  readonly channelId: string;
  readonly userId: string;
  /** The command's name, or the button's custom_id. */
  readonly name: string;
  /** 4 message, 5 deferred message, 6 deferred update, 7 update: how the bot acknowledged it. */
  callback: number | undefined;
  original: FakeMessage | undefined;
  readonly followups: FakeMessage[];
  /** The message a button was on. */
  readonly message: FakeMessage | undefined;
}

/** The interactions of a fake, by id and by token. */
export class Interactions {
  readonly #byId = new Map<string, FakeInteraction>();

  create(init: Omit<FakeInteraction, 'token' | 'createdAt' | 'callback' | 'original' | 'followups'>): FakeInteraction {
    const interaction: FakeInteraction = {
      ...init,
      token: `aW50ZXJhY3Rpb246${randomBytes(24).toString('base64url')}`,
      createdAt: Date.now(),
      callback: undefined,
      original: undefined,
      followups: [],
    };
    this.#byId.set(interaction.id, interaction);
    return interaction;
  }

  byId(id: string): FakeInteraction | undefined {
    return this.#byId.get(id);
  }

  byToken(token: string): FakeInteraction | undefined {
    for (const interaction of this.#byId.values()) if (interaction.token === token) return interaction;
    return undefined;
  }

  all(): FakeInteraction[] {
    return [...this.#byId.values()];
  }
}
