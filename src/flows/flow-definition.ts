import type { Card } from '../card.ts';
import type { Message } from '../message.ts';

/** Who a conversation is with: one person in one place (the default), or everyone in a room. */
export type FlowScope = 'person' | 'room';

/**
 * One question of a conversation. `answer` turns the reply into the next state (throw a `UserError` to say
 * what is wrong and ask again); `next` names the following step, and a missing or `undefined` next ends the
 * conversation with the definition's `done`.
 */
export interface FlowStep<State> {
  /** What the bot asks when the conversation reaches this step. */
  readonly ask: string | ((state: State) => string);
  /** Read the reply. The returned state is kept in storage, so it must be plain data. */
  readonly answer: (text: string, state: State, message: Message) => State | Promise<State>;
  /** The step after this one; undefined ends the conversation. */
  readonly next?: string | ((state: State) => string | undefined);
}

/**
 * A multi-step conversation, as returned by a plugin method decorated with `@flow`. The conversation's
 * position and state are stored after every answer, so a restart continues where it was.
 */
export interface FlowDefinition<State> {
  /** The step asked first. */
  readonly first: string;
  readonly steps: Readonly<Record<string, FlowStep<State>>>;
  /** Called after the last answer; what it returns is said in the conversation's place, like a command's reply. */
  readonly done: (state: State, conversation: ConversationInfo) => FlowReply | Promise<FlowReply>;
  /** What to say when nobody answered in time; the default names the conversation and the time waited. */
  readonly timedOut?: (state: State, conversation: ConversationInfo) => string;
}

/** What a flow's `done` may return. */
export type FlowReply = string | Card | void | undefined;

/** Options of `@flow`. */
export interface FlowOptions {
  /** The flow's name; when not given, the method name without a `Flow` suffix, kebab-cased (`releaseFlow` → `release`). */
  readonly name?: string;
  /** `person` (default): one person answers, in the place it started. `room`: anyone in the room answers. */
  readonly scope?: FlowScope;
  /** How long to wait for each answer before giving up; `flows.timeoutMs` in config.ts when not given. */
  readonly timeoutMs?: number;
  /** One line for `flows list`. */
  readonly description?: string;
}

/** A conversation in progress, as `flows status` and plugins see it. */
export interface ConversationInfo {
  readonly plugin: string;
  readonly flow: string;
  readonly scope: FlowScope;
  /** The step waiting for an answer. */
  readonly step: string;
  /** Who started it: their `aclattr` (what `flows kill` and access rules match). */
  readonly startedBy: string;
  /** Where it happens: `String()` of the room, or of the person for a direct conversation. */
  readonly place: string;
  /** Whether the place is a room. */
  readonly inRoom: boolean;
  readonly startedAt: Date;
  /** When it gives up waiting for the current answer. */
  readonly expiresAt: Date;
}
