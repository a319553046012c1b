import type { Message } from '../message.ts';
import type { CommandEntry } from './command-entry.ts';
import type { CommandTable } from './command-table.ts';

/** How the router decided to handle a message. */
export type Route =
  | { readonly kind: 'command'; readonly entry: CommandEntry; readonly args: string }
  | { readonly kind: 'regex'; readonly hits: ReadonlyArray<{ readonly entry: CommandEntry; readonly match: unknown }> }
  | { readonly kind: 'unknown'; readonly typed: string };

/** Settings of the router, from config. */
export interface RouterOptions {
  readonly prefix: string;
  /** Lower-case alternative prefixes (the bot's name, `@name`), tried case-insensitively. */
  readonly altPrefixes: readonly string[];
  readonly prefixOptionalInDirect: boolean;
}

const ALT_SEPARATOR = /^[:,;]?\s+/;

/**
 * Decides what a message is: a command (prefix, alternative prefix, or any direct message), a regex command,
 * an unknown command, or nothing. Pure and synchronous; it reads only the start of the message.
 */
export class Router {
  readonly #table: CommandTable;
  #options: RouterOptions;

  constructor(table: CommandTable, options: RouterOptions) {
    this.#table = table;
    this.#options = options;
  }

  /** Set the alternative prefixes once the bot's name on the service is known. */
  setAltPrefixes(altPrefixes: readonly string[]): void {
    this.#options = { ...this.#options, altPrefixes: altPrefixes.map((p) => p.toLowerCase()) };
  }

  /** The route for `message`, or undefined when the bot has nothing to do with it. */
  route(message: Message): Route | undefined {
    const body = message.body;
    const { prefix } = this.#options;
    // The common case, a prefixed command, is looked up in place, without copying the text after the prefix.
    if (body.startsWith(prefix)) {
      const found = this.#table.lookup(body, prefix.length);
      if (found) return found;
    }
    const text = this.addressedText(message, body);
    if (text !== undefined) {
      const found = body.startsWith(prefix) ? undefined : this.#table.lookup(text);
      if (found) return found;
      const typed = firstWord(text);
      if (typed === '') return undefined;
      const hits = matchAll(this.#table.prefixedRegex, text, matchAll(this.#table.hearRegex, body, undefined));
      return hits ? { kind: 'regex', hits } : { kind: 'unknown', typed };
    }
    const hits = matchAll(this.#table.hearRegex, body, undefined);
    return hits ? { kind: 'regex', hits } : undefined;
  }

  /** Whether `message` starts with the prefix or one of the bot's names (a command, not an answer to a flow). */
  isExplicitCommand(message: Message): boolean {
    const body = message.body;
    if (body.startsWith(this.#options.prefix)) return true;
    for (const alt of this.#options.altPrefixes) {
      if (body.length > alt.length && body.slice(0, alt.length).toLowerCase() === alt && ALT_SEPARATOR.test(body.slice(alt.length, alt.length + 8))) return true;
    }
    return false;
  }

  /** The text after the prefix when `message` is addressed to the bot, else undefined. */
  private addressedText(message: Message, body: string): string | undefined {
    const { prefix, altPrefixes } = this.#options;
    if (body.startsWith(prefix)) return body.slice(prefix.length);
    for (const alt of altPrefixes) {
      if (body.length > alt.length && body.slice(0, alt.length).toLowerCase() === alt) {
        const separator = ALT_SEPARATOR.exec(body.slice(alt.length, alt.length + 8));
        if (separator) return body.slice(alt.length + separator[0].length);
      }
    }
    if (this.#options.prefixOptionalInDirect && message.isDirect) return body;
    return undefined;
  }
}

function firstWord(text: string): string {
  const trimmed = text.trimStart();
  const end = trimmed.search(/\s/);
  return end === -1 ? trimmed : trimmed.slice(0, end);
}

type Hit = { readonly entry: CommandEntry; readonly match: unknown };

function matchAll(entries: readonly CommandEntry[], text: string, into: Hit[] | undefined): Hit[] | undefined {
  let hits = into;
  for (const entry of entries) {
    const spec = entry.spec;
    if (spec.kind !== 'regex') continue;
    let match: unknown;
    if (spec.matchAll) {
      const all = [...text.matchAll(spec.pattern)];
      match = all.length ? all : undefined;
    } else {
      match = spec.pattern.exec(text) ?? undefined;
    }
    if (match !== undefined) (hits ??= []).push({ entry, match });
  }
  return hits;
}
