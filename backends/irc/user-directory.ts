import type { IrcUserInfo } from './identifiers.ts';

/** `account` in an observation: the name, `null` when the network says "not logged in", undefined when it did not say. */
export type AccountObservation = string | null | undefined;

/**
 * Who holds each nick right now, as far as the network has shown: user, host and services account. It lets an
 * incoming message from `alice` carry the account learned earlier from extended-join, account-notify, WHOX or
 * SASL, and lets `buildIdentifier('alice')` name the person who holds that nick rather than anyone who might.
 * An account is only carried over while `user@host` stays the same, so a nick taken over from another
 * connection never inherits its previous holder's account.
 */
export class UserDirectory {
  readonly #users = new Map<string, IrcUserInfo>();
  readonly #fold: (nick: string) => string;
  readonly #limit: number;

  /** `fold` maps a nick to its case-insensitive key (the network's CASEMAPPING). */
  constructor(fold: (nick: string) => string = (nick) => nick.toLowerCase(), limit = 10_000) {
    this.#fold = fold;
    this.#limit = limit;
  }

  /** What is known about `nick`, if anything. */
  get(nick: string): IrcUserInfo | undefined {
    return this.#users.get(this.#fold(nick));
  }

  /** Record a sighting of `nick!user@host` and return everything known about that person now. */
  observe(nick: string, user: string | undefined, host: string | undefined, account: AccountObservation = undefined, realname?: string): IrcUserInfo {
    const key = this.#fold(nick);
    const known = this.#users.get(key);
    // A sighting without user and host (NAMES without userhost-in-names) says nothing against the known one.
    const sameConnection = known !== undefined && ((!user && !host) || sameMask(known, user, host));
    const info: IrcUserInfo = {
      nick,
      user: user || known?.user,
      host: host || known?.host,
      account: account === null ? undefined : (account ?? (sameConnection ? known.account : undefined)),
      realname: realname || (sameConnection ? known.realname : undefined),
    };
    this.#users.delete(key); // re-insert: the Map's order is then least recently seen first
    this.#users.set(key, info);
    if (this.#users.size > this.#limit) this.#users.delete(this.#users.keys().next().value!);
    return info;
  }

  /** The services account of `nick` changed (account-notify, RPL_LOGGEDIN); `null` for logged out. */
  setAccount(nick: string, account: string | null): void {
    const known = this.get(nick);
    if (known) this.#users.set(this.#fold(nick), { ...known, account: account ?? undefined });
  }

  /** `nick` is now `newNick`, same connection and account. */
  rename(nick: string, newNick: string): void {
    const known = this.get(nick);
    this.#users.delete(this.#fold(nick));
    if (known) this.#users.set(this.#fold(newNick), { ...known, nick: newNick });
  }

  /** `nick` left the network. */
  forget(nick: string): void {
    this.#users.delete(this.#fold(nick));
  }

  /** Forget everyone (after a disconnect nothing known is current). */
  clear(): void {
    this.#users.clear();
  }

  /**
   * Fill in what the directory knows about a person written as text: everything for a bare nick, the account
   * for a mask that matches the current holder's.
   */
  complete(info: IrcUserInfo): IrcUserInfo {
    const known = this.get(info.nick);
    if (!known) return info;
    if (info.user === undefined && info.host === undefined) return known;
    return sameMask(known, info.user, info.host) ? { ...info, account: known.account, realname: known.realname } : info;
  }
}

function sameMask(known: IrcUserInfo, user: string | undefined, host: string | undefined): boolean {
  return known.user?.toLowerCase() === user?.toLowerCase() && known.host?.toLowerCase() === host?.toLowerCase();
}
