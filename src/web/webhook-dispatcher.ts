import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Logger } from '../logger.ts';
import type { AuditLog, AuditOutcome } from '../audit/audit-log.ts';
import { CommandTimeoutError } from '../errors/command-timeout-error.ts';
import { UserError } from '../errors/user-error.ts';
import { isThenable, withTimeout } from '../dispatch/with-timeout.ts';
import { newErrorId } from '../errors/error-id.ts';
import { answerFor, errorAnswer, type HttpAnswer } from './http-answer.ts';
import { parseBody, parseFields } from './parse-body.ts';
import { readBody } from './read-body.ts';
import type { ActiveWebhook, WebhookRouter } from './webhook-router.ts';
import type { WebhookRequest } from './webhook-request.ts';

/** A request as the web server hands it over. */
export interface IncomingRequest {
  readonly method: string;
  /** As received: percent-encoded path and query string. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The body, not yet read. */
  readonly body: Readable;
  readonly remoteAddress: string;
}

/** Settings that apply to webhooks that do not set their own. */
export interface WebhookDefaults {
  /** `web.bodyLimit`. */
  readonly bodyLimit: number;
  /** `commandTimeoutMs`. */
  readonly timeoutMs: number;
}

const EMPTY = Buffer.alloc(0);
// The rest of an oversized body is never read, so the connection cannot carry another request.
const CLOSE = { connection: 'close' };

/**
 * Takes a request to `/webhooks/…` through the pipeline: route, size limit, signature, body, handler under its
 * timeout, answer. Every request that reaches a route is written to the audit log (who = `webhook:<address>`,
 * command = `<plugin>:<method>`, the outcome and duration, never the body). Answers say what was wrong with the
 * request and nothing about the server: a failure is answered with an error id whose details are in the log.
 */
export class WebhookDispatcher {
  readonly #router: WebhookRouter;
  readonly #audit: AuditLog;
  readonly #log: Logger;
  readonly #defaults: WebhookDefaults;

  constructor(router: WebhookRouter, audit: AuditLog, log: Logger, defaults: WebhookDefaults) {
    this.#router = router;
    this.#audit = audit;
    this.#log = log;
    this.#defaults = defaults;
  }

  async handle(incoming: IncomingRequest): Promise<HttpAnswer> {
    const method = incoming.method.toUpperCase();
    const q = incoming.url.indexOf('?');
    const path = q < 0 ? incoming.url : incoming.url.slice(0, q);
    const match = this.#router.find(method, path);
    if (match.kind === 'not found') return errorAnswer(404, 'not found');
    if (match.kind === 'bad path') return errorAnswer(400, 'malformed URL');
    if (match.kind === 'method not allowed') return errorAnswer(405, 'method not allowed', {}, { allow: match.allowed.join(', ') });

    const { webhook, params } = match;
    const started = performance.now();
    const done = (outcome: AuditOutcome, answer: HttpAnswer, errorId?: string): HttpAnswer => {
      this.audit(webhook, method, incoming.remoteAddress, outcome, performance.now() - started, errorId);
      return answer;
    };
    const spec = webhook.spec;
    const limit = spec.bodyLimit ?? this.#defaults.bodyLimit;
    const tooLarge = () => done('invalid arguments', errorAnswer(413, `body larger than ${limit} bytes`, {}, CLOSE));

    let rawBody: Buffer = EMPTY;
    if (method !== 'GET' && method !== 'HEAD') {
      if (Number(incoming.headers['content-length']) > limit) return tooLarge();
      let read: Buffer | undefined;
      try {
        read = await readBody(incoming.body, limit);
      } catch (err) {
        this.#log.debug({ err, plugin: webhook.plugin, route: webhook.route }, 'webhook request body not received');
        return done('invalid arguments', errorAnswer(400, 'incomplete body'));
      }
      if (read === undefined) return tooLarge();
      rawBody = read;
    }

    if (webhook.verifier && !webhook.verifier.verify(incoming.headers, rawBody)) {
      this.#log.warn({ plugin: webhook.plugin, route: webhook.route, remote: incoming.remoteAddress }, 'webhook request refused: bad or missing signature');
      return done('refused', errorAnswer(401, 'invalid signature'));
    }

    const parsed = parseBody(rawBody, incoming.headers['content-type'], spec.body);
    if (!parsed.ok) return done('invalid arguments', errorAnswer(parsed.status, parsed.error));

    const request: WebhookRequest = {
      method,
      path,
      params,
      query: parseFields(q < 0 ? '' : incoming.url.slice(q + 1)),
      headers: incoming.headers,
      body: parsed.body,
      rawBody,
      remoteAddress: incoming.remoteAddress,
    };
    return this.run(webhook, request, done);
  }

  /** Call the handler under its timeout and turn the result, or the failure, into an answer. */
  private async run(
    webhook: ActiveWebhook,
    request: WebhookRequest,
    done: (outcome: AuditOutcome, answer: HttpAnswer, errorId?: string) => HttpAnswer,
  ): Promise<HttpAnswer> {
    const name = `${webhook.plugin}:${webhook.spec.method}`;
    const timeoutMs = webhook.spec.timeoutMs ?? this.#defaults.timeoutMs;
    try {
      let result = webhook.handler(request);
      if (isThenable(result)) result = await withTimeout(result, timeoutMs, () => new CommandTimeoutError(name, timeoutMs));
      return done('ok', answerFor(result, `webhook ${name}`));
    } catch (err) {
      if (err instanceof UserError) return done('failed', errorAnswer(400, err.message));
      const errorId = newErrorId();
      const timedOut = err instanceof CommandTimeoutError;
      this.#log.error(
        { err, errorId, plugin: webhook.plugin, webhook: webhook.spec.method, route: webhook.route, remote: request.remoteAddress },
        timedOut ? 'webhook timed out' : 'webhook failed',
      );
      return timedOut
        ? done('timeout', errorAnswer(504, 'timed out', { id: errorId }), errorId)
        : done('failed', errorAnswer(500, 'internal error', { id: errorId }), errorId);
    }
  }

  private audit(webhook: ActiveWebhook, method: string, remote: string, outcome: AuditOutcome, durationMs: number, errorId?: string): void {
    this.#audit.record({
      user: `webhook:${remote}`,
      where: `${method} ${webhook.route}`,
      command: `${webhook.plugin}:${webhook.spec.method}`,
      plugin: webhook.plugin,
      // Bodies, queries and parameters may carry anything; the route says what was called.
      args: '',
      secret: false,
      outcome,
      durationMs,
      errorId,
    });
  }
}
