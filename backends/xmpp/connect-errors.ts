import { BanterError } from 'banter';

// Node's codes for a certificate that does not chain to a trusted CA or does not name the server.
const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);

/**
 * Why the first connection failed, in words that say what to change: the address, the password, the
 * certificate trust, the encryption. Only this first failure stops the bot; later ones are retried.
 */
export function describeConnectError(error: unknown, where: { readonly service: string; readonly username: string; readonly domain: string }): string {
  const account = `${where.username}@${where.domain}`;
  const prefix = `Could not log in to XMPP as ${account} at ${where.service}`;
  if (error instanceof BanterError) return `${prefix}: ${error.message}`;
  const { code, condition, message } = error as { code?: string; condition?: string; message?: string };
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT') {
    return `${prefix}: nothing answers there (${code}). Check "server" and "port" in backends.xmpp, and that the server runs.`;
  }
  if (code && UNTRUSTED.has(code)) {
    return (
      `${prefix}: the server's TLS certificate is not trusted (${code}). If it is signed by your own CA, start the bot ` +
      'with NODE_EXTRA_CA_CERTS=/path/to/ca.pem (docs/backends/xmpp.md); never turn certificate checks off.'
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `${prefix}: the server's TLS certificate does not name ${where.domain} (${code}). Check "jid" and "server", or fix the certificate.`;
  }
  if (condition === 'not-authorized' || condition === 'account-disabled' || condition === 'credentials-expired') {
    return `${prefix}: the server refused the login (${condition}). Check "jid" and the password (XMPP_PASSWORD).`;
  }
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `${prefix}: the server did not answer in time. Check "server", "port" and tls.mode (a TLS port answers nothing to plain XMPP).`;
  }
  return `${prefix}: ${condition ?? code ?? message ?? String(error)}.`;
}
