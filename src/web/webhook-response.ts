import { validateHeaderName, validateHeaderValue } from 'node:http';

// Survives duplicated copies of banter in node_modules, where instanceof would not.
const RESPONSE = Symbol.for('banter.webhookResponse');

/** A response with a chosen status, body and headers; made by {@link webhookResponse}. */
export interface WebhookResponse {
  readonly status: number;
  /** Sent as {@link WebhookResult} describes: text, bytes or JSON; nothing when undefined. */
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly [RESPONSE]: true;
}

/**
 * A webhook result with a status of your choice, e.g. `202 Accepted` or `409 Conflict`. The body is sent like a
 * plain result (a string as text, a Buffer as bytes, anything else as JSON); `headers` are added, and a
 * `content-type` among them wins over the default. A status outside 200–599 throws RangeError; a header name or
 * value Node.js would refuse throws its TypeError.
 *
 * @example
 * ```ts
 * import { Plugin, webhook, webhookResponse, type WebhookRequest } from 'banter';
 * export class Builds extends Plugin {
 *   static override metadata = { name: 'builds' };
 *   @webhook('/queued')
 *   queued(_request: WebhookRequest) {
 *     return webhookResponse(202, { queued: true }, { 'retry-after': '30' });
 *   }
 * }
 * ```
 */
export function webhookResponse(status: number, body?: unknown, headers: Readonly<Record<string, string>> = {}): WebhookResponse {
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new RangeError(`webhookResponse: status must be a whole number from 200 to 599, not ${status}`);
  }
  // Checked here, inside the handler, so a bad header is that handler's failure (500 with an error id).
  for (const [name, value] of Object.entries(headers)) {
    validateHeaderName(name);
    validateHeaderValue(name, value);
  }
  return { status, body, headers, [RESPONSE]: true };
}

/** Whether `value` was made by {@link webhookResponse}. */
export function isWebhookResponse(value: unknown): value is WebhookResponse {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RESPONSE] === true;
}
