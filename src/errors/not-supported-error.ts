import { BanterError } from './banter-error.ts';

/**
 * Thrown when a backend is asked for something it does not do (a reaction on IRC, joining a guild on Discord).
 * It names the backend and the member, so the message says exactly what is missing. Backends never answer
 * such a call with a silent no-op.
 */
export class NotSupportedError extends BanterError {
  /** The backend's `mode`, e.g. `irc`. */
  readonly backend: string;
  /** The member or capability that is missing, e.g. `react`. */
  readonly member: string;

  constructor(backend: string, member: string, detail?: string) {
    super(
      'E_NOT_SUPPORTED',
      `The ${backend} backend does not support ${member}${detail ? `: ${detail}` : ''}.`,
    );
    this.backend = backend;
    this.member = member;
  }
}
