import type { Person } from '../identifiers.ts';
import type { Message } from '../message.ts';
import type { CommandSpec } from '../commands/command-spec.ts';
import { compileGlob } from './glob.ts';

/**
 * The authorization stage of dispatch, part of the core so it cannot be left out by excluding a plugin
 * (Errbot issue #1050). It matches the sender's secure `aclattr`, never a display name.
 */
export class Authorizer {
  readonly #admins: readonly RegExp[];

  /** `admins` are globs matched against `aclattr` (`@alice`, `U0123ABC`, `alice@example.org`). */
  constructor(admins: readonly string[]) {
    this.#admins = admins.map((a) => compileGlob(a));
  }

  /** Whether `person` is a configured admin. */
  isAdmin(person: Person): boolean {
    const id = person.aclattr;
    for (const admin of this.#admins) if (admin.test(id)) return true;
    return false;
  }

  /** Why `message`'s sender may not run `spec`, or undefined when they may. */
  deny(message: Message, spec: CommandSpec): string | undefined {
    if (spec.admin && !this.isAdmin(message.frm)) {
      return `You are not allowed to run "${spec.name}": it is for bot admins only.`;
    }
    return undefined;
  }
}
