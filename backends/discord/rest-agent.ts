import { createRequire } from 'node:module';

/** The part of an undici Agent the backend uses. */
export interface RestAgent {
  close(): Promise<void>;
}

/**
 * An HTTP agent from the copy of undici that @discordjs/rest itself uses, for `rest.agent`. Without one,
 * @discordjs/rest sends through undici's process-wide dispatcher, which every copy of undici in the process shares
 * (it is kept under a global symbol): when another library's newer undici created it first — Slack's socket-mode
 * brings undici 7 — the multipart bodies of file uploads built by @discordjs/rest's undici 6 fail inside it with
 * "action is not a function".
 */
export function createRestAgent(): RestAgent {
  const requireFromRest = createRequire(createRequire(import.meta.url).resolve('@discordjs/rest'));
  const { Agent } = requireFromRest('undici') as { Agent: new () => RestAgent };
  return new Agent();
}
