import type { IncomingHttpHeaders } from 'node:http';

/** Fields of a form or a query string: repeated names give arrays. */
export type FieldValues = Readonly<Record<string, string | string[]>>;

/**
 * What a webhook handler receives. The signature (if the webhook declares one) has been verified and the body
 * read according to the webhook's `body` mode before the handler is called.
 *
 * @typeParam Body - what the handler expects `body` to be; Banter does not check its shape, so validate it
 *   (e.g. with zod from `banter/zod`) before trusting it.
 */
export interface WebhookRequest<Body = unknown> {
  /** `GET`, `POST`, …, upper case. */
  readonly method: string;
  /** The path as requested, without the query string, e.g. `/webhooks/ci/builds/42`. */
  readonly path: string;
  /** The `:name` parameters of the webhook's path, decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The query string's fields. */
  readonly query: FieldValues;
  /** Request headers, names in lower case. */
  readonly headers: IncomingHttpHeaders;
  /** The body as the webhook's `body` mode reads it; `undefined` when there is none. */
  readonly body: Body;
  /** The body exactly as received (empty for `GET`). */
  readonly rawBody: Buffer;
  /** The address the request came from (the socket's peer; a proxy's address behind a reverse proxy). */
  readonly remoteAddress: string;
}

/**
 * What a `@webhook` method may return (or resolve to):
 * - `undefined` or `null`: 204 No Content;
 * - a string: 200 with `text/plain`;
 * - a `Buffer`: 200 with `application/octet-stream`;
 * - any other value: 200 with JSON;
 * - {@link webhookResponse}`(status, body, headers)`: exactly that.
 */
export type WebhookResult = unknown;

/** Handler of a `@webhook`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WebhookHandler = (request: WebhookRequest<any>) => WebhookResult | Promise<WebhookResult>;
