import type { FieldValues } from './webhook-request.ts';
import type { WebhookBodyMode } from './webhook-options.ts';

/** A body as the handler will see it, or why the request is refused. */
export type ParsedBody =
  | { readonly ok: true; readonly body: unknown }
  | { readonly ok: false; readonly status: 400 | 415; readonly error: string };

const FORM = 'application/x-www-form-urlencoded';

/** The media type of a Content-Type header, lower case without parameters (`application/json`). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

function isJson(type: string): boolean {
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * Read `raw` according to the webhook's body mode and the request's Content-Type; see {@link WebhookBodyMode}.
 * Messages are fit to send back: they describe the request, never the server.
 */
export function parseBody(raw: Buffer, contentType: string | undefined, mode: WebhookBodyMode): ParsedBody {
  const type = mediaType(contentType);
  switch (mode) {
    case 'raw':
      return { ok: true, body: raw };
    case 'json':
      if (raw.length === 0) return { ok: false, status: 400, error: 'a JSON body is required' };
      if (!isJson(type)) return { ok: false, status: 415, error: 'unsupported media type; send application/json' };
      return parseJson(raw);
    case 'form':
      if (raw.length > 0 && type !== FORM) return { ok: false, status: 415, error: `unsupported media type; send ${FORM}` };
      return { ok: true, body: parseFields(raw.toString('utf8')) };
    case 'auto':
      if (raw.length === 0) return { ok: true, body: undefined };
      if (isJson(type)) return parseJson(raw);
      if (type === FORM) return { ok: true, body: parseFields(raw.toString('utf8')) };
      if (type.startsWith('text/')) return { ok: true, body: raw.toString('utf8') };
      return { ok: true, body: raw };
  }
}

function parseJson(raw: Buffer): ParsedBody {
  try {
    // JSON.parse defines "__proto__" as a plain own property, so a hostile body cannot change a prototype.
    return { ok: true, body: JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, '')) as unknown };
  } catch {
    return { ok: false, status: 400, error: 'malformed JSON body' };
  }
}

/**
 * Form or query fields as an object; a name given more than once gets an array. The object has no prototype, so a
 * field called `__proto__` or `constructor` is just a field.
 */
export function parseFields(text: string): FieldValues {
  const fields = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(text)) {
    const existing = fields[name];
    if (existing === undefined) fields[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else fields[name] = [existing, value];
  }
  return fields;
}
