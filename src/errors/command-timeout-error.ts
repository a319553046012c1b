import { BanterError } from './banter-error.ts';

/** A command did not finish within its timeout; the bot answered and moved on. */
export class CommandTimeoutError extends BanterError {
  readonly command: string;
  readonly timeoutMs: number;

  constructor(command: string, timeoutMs: number) {
    super('E_COMMAND_TIMEOUT', `Command "${command}" did not finish within ${timeoutMs} ms.`);
    this.command = command;
    this.timeoutMs = timeoutMs;
  }
}
