import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseMultipart, type FormPart } from './multipart.ts';
import { RateLimits, bucketOf } from './rate-limits.ts';

/** An error answer of the API: HTTP status and Discord's JSON error body. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>) {
    super(String(body.message));
    this.status = status;
    this.body = body;
  }
}

/** Discord's error answers the fake gives (status, message and JSON code as the API sends them). */
export const API_ERRORS = {
  unauthorized: () => new ApiError(401, { message: '401: Unauthorized', code: 0 }),
  notFound: () => new ApiError(404, { message: '404: Not Found', code: 0 }),
  methodNotAllowed: () => new ApiError(405, { message: '405: Method Not Allowed', code: 0 }),
  unknownChannel: () => new ApiError(404, { message: 'Unknown Channel', code: 10003 }),
  unknownGuild: () => new ApiError(404, { message: 'Unknown Guild', code: 10004 }),
  unknownMember: () => new ApiError(404, { message: 'Unknown Member', code: 10007 }),
  unknownMessage: () => new ApiError(404, { message: 'Unknown Message', code: 10008 }),
  unknownUser: () => new ApiError(404, { message: 'Unknown User', code: 10013 }),
  unknownEmoji: () => new ApiError(400, { message: 'Unknown Emoji', code: 10014 }),
  unknownWebhook: () => new ApiError(404, { message: 'Unknown Webhook', code: 10015 }),
  unknownInteraction: () => new ApiError(404, { message: 'Unknown interaction', code: 10062 }),
  alreadyAcknowledged: () => new ApiError(400, { message: 'Interaction has already been acknowledged.', code: 40060 }),
  missingAccess: () => new ApiError(403, { message: 'Missing Access', code: 50001 }),
  cannotEditOthers: () => new ApiError(403, { message: 'Cannot edit a message authored by another user', code: 50005 }),
  emptyMessage: () => new ApiError(400, { message: 'Cannot send an empty message', code: 50006 }),
  missingPermissions: () => new ApiError(403, { message: 'Missing Permissions', code: 50013 }),
  invalidJson: () => new ApiError(400, { message: 'The request body contains invalid JSON.', code: 50109 }),
  /** 50035 Invalid Form Body, with the field's error in Discord's nested `errors` shape. */
  invalidForm: (path: readonly (string | number)[], code: string, message: string) => {
    const errors: Record<string, unknown> = {};
    let node = errors;
    for (const key of path) node = node[String(key)] = {} as Record<string, unknown>;
    node._errors = [{ code, message }];
    return new ApiError(400, { message: 'Invalid Form Body', code: 50035, errors });
  },
};

/** A request as a route handler sees it. */
export interface RestRequest {
  readonly method: string;
  /** The route after /api/v10, e.g. `/channels/123/messages`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The JSON body (or multipart `payload_json`), undefined when there is none. */
  readonly json: Record<string, unknown> | undefined;
  readonly files: readonly FormPart[];
}

/** A route: method, path pattern (its groups are the handler's params), and whether the bot token is needed. */
export interface Route {
  readonly method: string;
  readonly path: RegExp;
  /** Interaction callbacks and webhooks are authorized by the token in their URL, not the bot token. */
  readonly auth: boolean;
  /** The answer's JSON, or undefined for 204 No Content. */
  readonly handle: (request: RestRequest, params: string[]) => unknown;
}

/**
 * A call the bot made, for tests to inspect. It is recorded before the route runs (so it is there when a test
 * wakes on the gateway event the route sent); `status` is 0 until the answer is written.
 */
export interface RestCall {
  readonly method: string;
  /** The route after /api/v10, percent-decoded. */
  readonly path: string;
  /** The path as sent, still percent-encoded. */
  readonly rawPath: string;
  readonly query: string;
  body: Record<string, unknown> | undefined;
  files: ReadonlyArray<{ readonly name: string; readonly filename: string | undefined; readonly data: Buffer }>;
  status: number;
  readonly authorization: string | undefined;
}

const MAX_BODY = 25 * 1024 * 1024;

/**
 * REST API v10 over node:http: every route under /api/v10, the bot token checked (`Authorization: Bot …`,
 * 401 otherwise), JSON or multipart bodies parsed strictly, configured rate limits answered with 429 and
 * Discord's headers, every answer carrying X-RateLimit-* headers, and every call recorded.
 */
export class FakeRest {
  readonly calls: RestCall[] = [];
  readonly rateLimits = new RateLimits();
  readonly #token: string;
  readonly #routes: readonly Route[];
  readonly #listeners = new Set<() => void>();

  constructor(token: string, routes: readonly Route[]) {
    this.#token = token;
    this.#routes = routes;
  }

  /** Called after every call, so tests can wait for one without polling. */
  onCall(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    // Segments arrive percent-encoded (`%40original`, an emoji); routes see them decoded, as Discord reads them.
    const path = url.pathname.startsWith('/api/v10/') ? decodeSegments(url.pathname.slice('/api/v10'.length)) : undefined;
    const raw = await readBody(request);
    let json: Record<string, unknown> | undefined;
    let files: FormPart[] = [];
    let status = 200;
    let answer: unknown;
    const headers: Record<string, string> = {};
    const call: RestCall = { method, path: path ?? url.pathname, rawPath: url.pathname, query: url.search, body: undefined, files: [], status: 0, authorization: request.headers.authorization };
    this.calls.push(call);
    try {
      if (path === undefined) throw API_ERRORS.notFound();
      const candidates = this.#routes.filter((r) => r.path.test(path));
      const route = candidates.find((r) => r.method === method);
      if (!route) throw candidates.length ? API_ERRORS.methodNotAllowed() : API_ERRORS.notFound();
      if (route.auth && request.headers.authorization !== `Bot ${this.#token}`) throw API_ERRORS.unauthorized();
      const limited = this.rateLimits.check(method, path);
      if (limited) {
        const seconds = limited.retryAfterMs / 1000;
        Object.assign(headers, {
          'Retry-After': String(Math.ceil(seconds)),
          'X-RateLimit-Limit': '5',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': ((Date.now() + limited.retryAfterMs) / 1000).toFixed(3),
          'X-RateLimit-Reset-After': seconds.toFixed(3),
          'X-RateLimit-Bucket': limited.bucket,
          'X-RateLimit-Scope': limited.global ? 'global' : 'user',
          ...(limited.global ? { 'X-RateLimit-Global': 'true' } : {}),
        });
        throw new ApiError(429, { message: 'You are being rate limited.', retry_after: Number(seconds.toFixed(3)), global: limited.global });
      }
      ({ json, files } = parseBody(raw, request.headers['content-type']));
      call.body = json;
      call.files = files.filter((f) => f.filename !== undefined).map((f) => ({ name: f.name, filename: f.filename, data: f.data }));
      answer = await route.handle({ method, path, query: url.searchParams, json, files }, route.path.exec(path)!.slice(1));
      status = answer === undefined ? 204 : 200;
      Object.assign(headers, {
        'X-RateLimit-Limit': '50',
        'X-RateLimit-Remaining': '49',
        'X-RateLimit-Reset': ((Date.now() + 1000) / 1000).toFixed(3),
        'X-RateLimit-Reset-After': '1.000',
        'X-RateLimit-Bucket': bucketOf(method, route.path.source),
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      status = error.status;
      answer = error.body;
    }
    call.status = status;
    const body = answer === undefined ? '' : JSON.stringify(answer);
    response.writeHead(status, { ...headers, ...(body ? { 'Content-Type': 'application/json' } : {}), 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
    for (const listener of [...this.#listeners]) listener();
  }
}

function decodeSegments(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function parseBody(raw: Buffer, contentType: string | undefined): { json: Record<string, unknown> | undefined; files: FormPart[] } {
  if (raw.length === 0) return { json: undefined, files: [] };
  if (contentType?.startsWith('multipart/form-data')) {
    let parts: FormPart[];
    try {
      parts = parseMultipart(raw, contentType);
    } catch {
      throw new ApiError(400, { message: '400: Bad Request', code: 0 });
    }
    const payload = parts.find((p) => p.name === 'payload_json');
    return { json: payload ? parseJson(payload.data) : undefined, files: parts.filter((p) => p.name !== 'payload_json') };
  }
  if (!contentType?.startsWith('application/json')) throw new ApiError(415, { message: 'Unsupported Media Type', code: 0 });
  return { json: parseJson(raw), files: [] };
}

function parseJson(data: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(data.toString('utf8'));
    if (typeof value !== 'object' || value === null) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw API_ERRORS.invalidJson();
  }
}
