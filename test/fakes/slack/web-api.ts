import type { IncomingMessage, ServerResponse } from 'node:http';
import { MethodContext, SlackMethodError, type FakeServerHooks, type MethodHandler, type TokenInfo } from './method-context.ts';
import { chatMethods } from './methods/chat.ts';
import { conversationMethods } from './methods/conversations.ts';
import { reactionAndFileMethods } from './methods/reactions-files.ts';
import { userMethods } from './methods/users.ts';
import type { Workspace } from './workspace.ts';

/** One Web API call as the fake saw it, for tests to inspect. */
export interface ApiCall {
  readonly method: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly token: 'bot' | 'app' | 'none' | 'invalid';
  /** What the fake answered: `ok`, the Slack error code, or `429`. */
  readonly outcome: string;
}

/** A rate limit the test set on a method: the next `times` calls get HTTP 429 with `Retry-After: retryAfter`. */
interface RateLimit {
  times: number;
  readonly retryAfter: number;
}

const METHODS: Record<string, MethodHandler> = { ...userMethods, ...chatMethods, ...conversationMethods, ...reactionAndFileMethods };
// Which token each method takes; everything else takes the bot token.
const APP_TOKEN_METHODS = new Set(['apps.connections.open']);
const ANY_TOKEN_METHODS = new Set(['auth.test']);

/**
 * The Web API: `POST /api/<method>` with a form-encoded or JSON body, `Authorization: Bearer <token>` (or a
 * `token` field). Errors are HTTP 200 with `{ ok: false, error }`; rate limits are HTTP 429 with `Retry-After`.
 */
export class WebApi {
  readonly calls: ApiCall[] = [];
  readonly #workspace: Workspace;
  readonly #tokens: ReadonlyMap<string, TokenInfo>;
  readonly #hooks: FakeServerHooks;
  readonly #limits = new Map<string, RateLimit>();
  readonly #changed: () => void;

  constructor(workspace: Workspace, tokens: ReadonlyMap<string, TokenInfo>, hooks: FakeServerHooks, changed: () => void) {
    this.#workspace = workspace;
    this.#tokens = tokens;
    this.#hooks = hooks;
    this.#changed = changed;
  }

  /** Answer the next `times` calls of `method` with HTTP 429 and `Retry-After: retryAfter` seconds. */
  rateLimit(method: string, times: number, retryAfter: number): void {
    this.#limits.set(method, { times, retryAfter });
  }

  async handle(req: IncomingMessage, res: ServerResponse, method: string, body: Buffer): Promise<void> {
    const record = (args: Record<string, unknown>, token: ApiCall['token'], outcome: string) => {
      this.calls.push({ method, args, token, outcome });
      this.#changed();
    };
    let args: Record<string, unknown>;
    try {
      args = await parseBody(req, body);
    } catch (error) {
      const code = error instanceof SlackMethodError ? error.error : 'invalid_form_data';
      record({}, 'none', code);
      return json(res, 200, { ok: false, error: code });
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const presented = bearer ?? (typeof args.token === 'string' ? args.token : undefined);
    delete args.token;
    if (presented === undefined) {
      record(args, 'none', 'not_authed');
      return json(res, 200, { ok: false, error: 'not_authed' });
    }
    const token = this.#tokens.get(presented);
    if (!token) {
      record(args, 'invalid', 'invalid_auth');
      return json(res, 200, { ok: false, error: 'invalid_auth' });
    }
    const handler = METHODS[method];
    if (!handler) {
      record(args, token.kind, 'unknown_method');
      return json(res, 200, { ok: false, error: 'unknown_method' });
    }
    const wanted = APP_TOKEN_METHODS.has(method) ? 'app' : ANY_TOKEN_METHODS.has(method) ? token.kind : 'bot';
    if (token.kind !== wanted) {
      record(args, token.kind, 'not_allowed_token_type');
      return json(res, 200, { ok: false, error: 'not_allowed_token_type' });
    }
    const limit = this.#limits.get(method);
    if (limit && limit.times > 0) {
      limit.times -= 1;
      record(args, token.kind, '429');
      res.setHeader('Retry-After', String(limit.retryAfter));
      return json(res, 429, { ok: false, error: 'ratelimited' });
    }
    try {
      const result = await handler(new MethodContext(this.#workspace, args, token, this.#hooks));
      record(args, token.kind, result.ok === false ? String(result.error) : 'ok');
      return json(res, 200, result);
    } catch (error) {
      if (!(error instanceof SlackMethodError)) throw error;
      record(args, token.kind, error.error);
      return json(res, 200, { ok: false, error: error.error, ...error.extra });
    }
  }
}

/** The request's arguments: a form, JSON (object only), multipart, or a query string on GET. */
async function parseBody(req: IncomingMessage, body: Buffer): Promise<Record<string, unknown>> {
  const url = new URL(req.url ?? '/', 'http://fake.invalid');
  const args: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (body.length === 0) return args;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    return { ...args, ...Object.fromEntries(new URLSearchParams(body.toString('utf8'))) };
  }
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new SlackMethodError('invalid_json');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SlackMethodError('json_not_object');
    return { ...args, ...(parsed as Record<string, unknown>) };
  }
  if (type === 'multipart/form-data') return { ...args, ...Object.fromEntries(await multipart(req, body)) };
  throw new SlackMethodError('invalid_form_data');
}

/** The fields of a multipart body, parsed by the platform's own Response (files become Buffers). */
export async function multipart(req: IncomingMessage, body: Buffer): Promise<Map<string, string | Buffer>> {
  const form = await new Response(body, { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
  const fields = new Map<string, string | Buffer>();
  for (const [key, value] of form) fields.set(key, typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer()));
  return fields;
}

/** Write a JSON response. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
