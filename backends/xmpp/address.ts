/**
 * XMPP addresses (JIDs, RFC 7622) as this backend needs them: `local@domain/resource`, the local part and
 * domain compared case-insensitively, the resource (a MUC nickname, a client's device) exactly.
 */
export interface Address {
  /** Lower-cased local part; empty for a bare domain such as `conference.example.org`. */
  readonly local: string;
  /** Lower-cased domain. */
  readonly domain: string;
  /** Resource or MUC nickname, as written; empty when absent. */
  readonly resource: string;
}

// Characters RFC 7622 forbids in a local part (besides spaces and controls).
const BAD_LOCAL = /["&'/:<>@\s\u0000-\u001f\u007f]/;
const BAD_DOMAIN = /[\s@/\\"'<>\u0000-\u001f\u007f]/;

/** Parse `text` as a JID; undefined when it is not one (empty parts, forbidden characters). */
export function parseAddress(text: string): Address | undefined {
  const slash = text.indexOf('/');
  const bare = slash === -1 ? text : text.slice(0, slash);
  const resource = slash === -1 ? '' : text.slice(slash + 1);
  if (slash !== -1 && (resource === '' || resource.trim() !== resource)) return undefined;
  const at = bare.indexOf('@');
  const local = at === -1 ? '' : bare.slice(0, at);
  const domain = at === -1 ? bare : bare.slice(at + 1);
  if (at !== -1 && (local === '' || BAD_LOCAL.test(local))) return undefined;
  if (domain === '' || BAD_DOMAIN.test(domain) || domain.startsWith('.') || domain.endsWith('.')) return undefined;
  if (/[\u0000-\u001f\u007f]/.test(resource)) return undefined;
  return { local: local.toLowerCase(), domain: domain.toLowerCase(), resource };
}

/** `local@domain` (or `domain`), normalised. */
export function bareOf(address: Address): string {
  return address.local ? `${address.local}@${address.domain}` : address.domain;
}

/** `local@domain/resource`, or the bare JID when there is no resource. */
export function fullOf(address: Address): string {
  return address.resource ? `${bareOf(address)}/${address.resource}` : bareOf(address);
}

/** The bare JID of `text`, normalised, or undefined when `text` is not a JID. */
export function bareJid(text: string | undefined): string | undefined {
  const address = text === undefined ? undefined : parseAddress(text);
  return address ? bareOf(address) : undefined;
}

/** Whether `host` names this machine, where an unencrypted connection cannot be overheard on a network. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}
