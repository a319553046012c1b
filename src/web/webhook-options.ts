/** HTTP methods a webhook can answer. `HEAD` is answered wherever `GET` is. */
export type WebhookMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Every method {@link WebhookMethod} allows, for validation and docs. */
export const WEBHOOK_METHODS: readonly WebhookMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * How a webhook's body is read:
 * - `auto` (default): by `Content-Type`: JSON types are parsed, forms become an object, `text/*` a string, anything
 *   else a `Buffer`; no body is `undefined`;
 * - `json`: a JSON `Content-Type` is required (else 415) and the body must parse (else 400);
 * - `form`: `application/x-www-form-urlencoded` is required (else 415); the body is an object of fields;
 * - `raw`: any `Content-Type`; the body is the `Buffer` as received.
 */
export type WebhookBodyMode = 'auto' | 'json' | 'form' | 'raw';

/** Every body mode, for validation. */
export const WEBHOOK_BODY_MODES: readonly WebhookBodyMode[] = ['auto', 'json', 'form', 'raw'];

/**
 * A signature secret: the secret itself, several (any one may match, for rotating secrets), or a function of the
 * plugin's validated configuration that returns them, so secrets come from config.ts or the environment. The
 * function is called when the plugin is activated; an empty answer makes the activation fail.
 */
// `any` by default because the decorator cannot see the plugin's Config type; `@webhook<MyConfig>(...)` narrows it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WebhookSecret<Config = any> = string | readonly string[] | ((config: Config) => string | readonly string[] | undefined);

/** GitHub's signature: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface GithubSignature<Config = any> {
  readonly style: 'github';
  readonly secret: WebhookSecret<Config>;
}

/**
 * A generic HMAC signature of the raw body in a header: `<prefix><digest>`, the digest in hex or base64.
 * Covers GitLab-style shared secrets only when they are HMACs; a service that signs something else than the raw
 * body (a timestamp plus the body, for instance) is verified in the handler, which has `rawBody`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface HmacSignature<Config = any> {
  readonly style: 'hmac';
  readonly secret: WebhookSecret<Config>;
  /** The header that carries the signature, e.g. `X-Signature` (case does not matter). */
  readonly header: string;
  /** A Node.js HMAC algorithm; `sha256` unless given. */
  readonly algorithm?: string;
  /** Text before the digest, e.g. `sha256=`; none unless given. */
  readonly prefix?: string;
  /** How the digest is written; `hex` unless given. */
  readonly encoding?: 'hex' | 'base64';
}

/** How a webhook's requests are authenticated. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WebhookSignature<Config = any> = GithubSignature<Config> | HmacSignature<Config>;

/** Options of {@link webhook}. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface WebhookOptions<Config = any> {
  /** Methods the route answers; `['POST']` unless given. */
  readonly methods?: readonly WebhookMethod[];
  /** How the body is read; `auto` unless given. */
  readonly body?: WebhookBodyMode;
  /** Largest body accepted, in bytes (413 beyond); `web.bodyLimit` unless given. */
  readonly bodyLimit?: number;
  /** Verify a signature of the raw body before anything else reads it (401 when it does not match). */
  readonly signature?: WebhookSignature<Config>;
  /** How long the handler may take (504 after); `commandTimeoutMs` unless given. */
  readonly timeoutMs?: number;
}
