import type { Message } from 'banter';

/**
 * What the Slack backend puts in `message.extras.slack` of every message it delivers: where it was said in
 * Slack's terms, and, for slash commands, the command and its response_url. Plugins may read it to use Slack
 * features Banter has no word for.
 *
 * @example
 * ```ts
 * import type { Message } from 'banter';
 * function whereInSlack(message: Message): string | undefined {
 *   const slack = message.extras['slack'] as { readonly channel: string } | undefined;
 *   return slack?.channel; // "C0123ABCD"
 * }
 * ```
 */
export interface SlackMessageExtras {
  /** The conversation id (`C…`, `G…`, `D…`). */
  readonly channel: string;
  /** The message's timestamp (its id); undefined for a slash command, which is not a message. */
  readonly ts: string | undefined;
  readonly channelType: 'public' | 'private' | 'im' | 'mpim';
  /** Slack's message subtype (`thread_broadcast`, `file_share`, `bot_message`…), if any. */
  readonly subtype?: string;
  /** For a slash command: the command typed, e.g. `/deploy`. */
  readonly slashCommand?: string;
  /** For a slash command or a button press: where replies go (up to 5 times in 30 minutes). */
  readonly responseUrl?: string;
  /** The event or payload as Slack sent it. */
  readonly event?: Readonly<Record<string, unknown>>;
}

/** The Slack details of a message the Slack backend delivered, or undefined for any other message. */
export function slackExtras(message: Message | undefined): SlackMessageExtras | undefined {
  const extras = message?.extras.slack;
  return typeof extras === 'object' && extras !== null && typeof (extras as SlackMessageExtras).channel === 'string' ? (extras as SlackMessageExtras) : undefined;
}
