import type { IncomingHttpHeaders } from 'node:http';
import { BanterError } from '../errors/banter-error.ts';
import { nodeCrypto } from '../node-crypto.ts';
import type { WebhookSecret, WebhookSignature } from './webhook-options.ts';

/** Checks a request's signature; built once per activation, with the secrets resolved. */
export interface SignatureVerifier {
  /** Whether the signature header matches an HMAC of `rawBody` under one of the secrets. */
  verify(headers: IncomingHttpHeaders, rawBody: Buffer): boolean;
}

interface HmacSettings {
  readonly header: string;
  readonly algorithm: string;
  readonly prefix: string;
  readonly encoding: 'hex' | 'base64';
}

const GITHUB: HmacSettings = { header: 'x-hub-signature-256', algorithm: 'sha256', prefix: 'sha256=', encoding: 'hex' };
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Build the verifier of `signature`, resolving its secret against the plugin's configuration. Throws BanterError
 * `E_WEBHOOK_SECRET` when the secret function fails or returns nothing usable, so a plugin whose secret is not
 * configured fails to activate instead of accepting unsigned requests.
 */
export function createSignatureVerifier(signature: WebhookSignature, config: unknown, where: string): SignatureVerifier {
  const secrets = resolveSecrets(signature.secret, config, where);
  const settings: HmacSettings =
    signature.style === 'github'
      ? GITHUB
      : {
          header: signature.header.toLowerCase(),
          algorithm: signature.algorithm ?? 'sha256',
          prefix: signature.prefix ?? '',
          encoding: signature.encoding ?? 'hex',
        };
  return { verify: (headers, rawBody) => matches(settings, secrets, headers, rawBody) };
}

function resolveSecrets(secret: WebhookSecret, config: unknown, where: string): readonly string[] {
  let value: string | readonly string[] | undefined;
  try {
    value = typeof secret === 'function' ? secret(config) : secret;
  } catch (err) {
    throw new BanterError('E_WEBHOOK_SECRET', `${where}: the signature secret could not be read: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  if (list.length === 0 || list.some((s) => typeof s !== 'string' || s.length === 0)) {
    throw new BanterError(
      'E_WEBHOOK_SECRET',
      `${where}: the signature secret is empty; set it in the plugin's configuration (plugins.config in config.ts, or the environment variable it reads)`,
    );
  }
  return list;
}

function matches(settings: HmacSettings, secrets: readonly string[], headers: IncomingHttpHeaders, rawBody: Buffer): boolean {
  const header = headers[settings.header];
  // A repeated header is ambiguous: which one did the sender mean? Refuse rather than pick.
  if (typeof header !== 'string' || !header.startsWith(settings.prefix)) return false;
  const given = decode(header.slice(settings.prefix.length).trim(), settings.encoding);
  if (!given) return false;
  let ok = false;
  // Every secret is tried, so the time taken does not tell which one matched.
  for (const secret of secrets) {
    const expected = nodeCrypto().createHmac(settings.algorithm, secret).update(rawBody).digest();
    // The digest's length is public (it is the algorithm's), so checking it first leaks nothing.
    if (expected.length === given.length && nodeCrypto().timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}

function decode(text: string, encoding: 'hex' | 'base64'): Buffer | undefined {
  if (encoding === 'hex') return HEX.test(text) ? Buffer.from(text, 'hex') : undefined;
  return BASE64.test(text) ? Buffer.from(text, encoding) : undefined;
}
