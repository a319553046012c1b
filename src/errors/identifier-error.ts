import { BanterError } from './banter-error.ts';

/** `buildIdentifier(text)` was given text that names no person, room or occupant on this backend. */
export class IdentifierError extends BanterError {
  readonly text: string;

  constructor(text: string, expected: string) {
    super('E_IDENTIFIER', `Cannot build an identifier from "${text}": expected ${expected}.`);
    this.text = text;
  }
}
