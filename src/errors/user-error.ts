import { BanterError } from './banter-error.ts';

/**
 * A failure whose message is meant for the person who ran the command: the dispatcher replies with the
 * message as it is. Throw it for expected, explainable failures ("no such environment"). Any other error is
 * answered with a short apology and an error id, and its details go only to the log.
 *
 * @example
 * ```ts
 * import { UserError } from 'banter';
 * function checkEnv(env: string) {
 *   if (env !== 'staging') throw new UserError(`unknown environment "${env}"; try staging`);
 * }
 * ```
 */
export class UserError extends BanterError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'E_USER', message, options);
  }
}
