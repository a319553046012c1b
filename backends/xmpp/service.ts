import type { XmppBackendOptions } from './config.ts';

/**
 * The xmpp.js service for the options: `xmpp://host:port` (plain TCP, upgraded by STARTTLS when the server
 * offers it), `xmpps://host:port` (TLS from the first byte), or, with neither server nor port and STARTTLS, the
 * bare domain, which xmpp.js resolves through DNS SRV records as clients usually do. Encryption is required
 * except in tls.mode "none", which the options allow only for a server on this machine.
 */
export function serviceOf(options: Pick<XmppBackendOptions, 'server' | 'port' | 'tls'>, domain: string): { service: string; requireEncryption: boolean } {
  const { mode } = options.tls;
  if (mode === 'starttls' && options.server === undefined && options.port === undefined) return { service: domain, requireEncryption: true };
  const host = options.server ?? domain;
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const port = options.port ?? (mode === 'direct' ? 5223 : 5222);
  return { service: `${mode === 'direct' ? 'xmpps' : 'xmpp'}://${bracketed}:${port}`, requireEncryption: mode !== 'none' };
}
