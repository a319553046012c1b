import { STATUS_CODES } from 'node:http';
import { BanterError } from '../errors/banter-error.ts';
import { isWebhookResponse } from './webhook-response.ts';

/** What the web server sends back: independent of fastify, so the webhook pipeline can be tested without it. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer | undefined;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

/** A JSON answer. */
export function jsonAnswer(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): HttpAnswer {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

/** An error answer, `{ "error": "…" }` plus `extra` fields (an error id). Only say what the client may know. */
export function errorAnswer(status: number, error?: string, extra: Readonly<Record<string, string>> = {}, headers: Readonly<Record<string, string>> = {}): HttpAnswer {
  return jsonAnswer(status, { error: error ?? (STATUS_CODES[status] ?? 'error').toLowerCase(), ...extra }, headers);
}

/**
 * The answer for what a webhook handler returned: nothing → 204; a string → text; bytes → octet-stream; a
 * {@link webhookResponse} → its status and headers; anything else → JSON. Throws BanterError `E_WEBHOOK_RESULT` for
 * a value that has no HTTP form (a function, a symbol, a bigint, a cycle).
 */
export function answerFor(result: unknown, where: string): HttpAnswer {
  if (isWebhookResponse(result)) {
    const body = encode(result.body, where);
    // The handler's own headers win, content-type included.
    return { status: result.status, headers: { ...body.headers, ...lowerCase(result.headers) }, body: body.body };
  }
  if (result === undefined || result === null) return { status: 204, headers: {}, body: undefined };
  const body = encode(result, where);
  return { status: 200, headers: body.headers, body: body.body };
}

function encode(value: unknown, where: string): { headers: Record<string, string>; body: string | Buffer | undefined } {
  if (value === undefined || value === null) return { headers: {}, body: undefined };
  if (typeof value === 'string') return { headers: { 'content-type': TEXT_TYPE }, body: value };
  if (Buffer.isBuffer(value)) return { headers: { 'content-type': 'application/octet-stream' }, body: value };
  if (value instanceof Uint8Array) return { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from(value) };
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    throw new BanterError('E_WEBHOOK_RESULT', `${where} returned a ${typeof value}; return nothing, a string, a Buffer, JSON data or webhookResponse(...)`);
  }
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    throw new BanterError('E_WEBHOOK_RESULT', `${where} returned a value that cannot be sent as JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return { headers: { 'content-type': JSON_TYPE }, body: text };
}

function lowerCase(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
