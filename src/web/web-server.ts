import { isIP } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Outbox } from '../dispatch/outbox.ts';
import { BanterError } from '../errors/banter-error.ts';
import type { Logger } from '../logger.ts';
import type { PluginServices } from '../plugin-services.ts';
import type { BotMetrics } from './bot-metrics.ts';
import { newErrorId } from '../errors/error-id.ts';
import { checkHealth } from './health-check.ts';
import { errorAnswer, type HttpAnswer } from './http-answer.ts';
import { WEBHOOK_PREFIX, type WebConfig } from './web-config.ts';
import { WebhookDispatcher } from './webhook-dispatcher.ts';
import type { WebhookRouter } from './webhook-router.ts';

/** What the web server needs from the bot it serves. */
export interface WebServerDeps {
  /** The validated `web` section of config.ts. */
  readonly config: WebConfig;
  /** `commandTimeoutMs`: how long a webhook handler may take unless it says otherwise. */
  readonly commandTimeoutMs: number;
  readonly log: Logger;
  /** The active plugins' webhook routes (the plugin manager adds and removes them). */
  readonly webhooks: WebhookRouter;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  /** Read by the health check and the metrics. */
  readonly bot: Pick<PluginServices, 'status' | 'checkStorage' | 'plugins'>;
}

/** Where the server listens, once started. */
export interface WebAddress {
  readonly host: string;
  /** The bound port: the real one when `web.port` is 0. */
  readonly port: number;
  /** `http://host:port`, to build request URLs from. */
  readonly url: string;
}

// A probe should learn of a hung store quickly, even when commands may take a minute.
const HEALTH_TIMEOUT_MS = 5_000;

/**
 * The bot's one HTTP server (fastify): the plugins' webhooks under `/webhooks/`, the health endpoint and the
 * Prometheus metrics. Built only when `web.enabled` (this module, fastify and prom-client are loaded on demand,
 * so bots without it do not pay for them at start-up), started by the bot once the backend is connected and the
 * plugins are active, stopped first when the bot stops.
 */
export class WebServer {
  readonly #deps: WebServerDeps;
  readonly #dispatcher: WebhookDispatcher;
  #app: FastifyInstance | undefined;
  #metrics: BotMetrics | undefined;
  #address: WebAddress | undefined;
  #healthy = true;

  constructor(deps: WebServerDeps) {
    this.#deps = deps;
    this.#dispatcher = new WebhookDispatcher(deps.webhooks, deps.audit, deps.log, {
      bodyLimit: deps.config.bodyLimit,
      timeoutMs: deps.commandTimeoutMs,
    });
  }

  /** Where the server listens; undefined until {@link start} has finished and after {@link stop}. */
  get address(): WebAddress | undefined {
    return this.#address;
  }

  /** The bot's metrics registry while the server runs with `web.metrics` on. */
  get metrics(): BotMetrics | undefined {
    return this.#metrics;
  }

  /**
   * Listen on `web.host`:`web.port`. Throws BanterError `E_WEB_LISTEN` when the address cannot be used (the port
   * is taken, the host is not an address of this machine), leaving nothing open.
   */
  async start(): Promise<void> {
    if (this.#app) return;
    const { config, log } = this.#deps;
    const app = Fastify({
      routerOptions: { maxParamLength: 2048 },
      // Fastify's own answer to a badly encoded URL repeats the URL and names fastify's error code.
      frameworkErrors: (_err, _request, reply) => send(reply, errorAnswer(400, 'malformed URL')),
    });
    // The webhook pipeline reads bodies itself, with each route's own limit, after the route is known.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, _payload, done) => done(null));
    app.setNotFoundHandler((_request, reply) => send(reply, errorAnswer(404, 'not found')));
    app.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
      const status = err.statusCode ?? 500;
      if (status < 500) return send(reply, errorAnswer(status));
      const id = newErrorId();
      log.error({ err, errorId: id, method: request.method, url: request.url }, 'web request failed');
      return send(reply, errorAnswer(500, 'internal error', { id }));
    });
    if (config.health) app.get(config.healthPath, (_request, reply) => this.health(reply));
    if (config.metrics) {
      const { BotMetrics } = await import('./bot-metrics.ts');
      const metrics = new BotMetrics(this.#deps);
      this.#metrics = metrics;
      app.get(config.metricsPath, async (_request, reply) => {
        reply.header('content-type', metrics.contentType).header('cache-control', 'no-store');
        return metrics.text();
      });
    }
    const webhooks = (request: FastifyRequest, reply: FastifyReply) => this.webhook(request, reply);
    app.all(WEBHOOK_PREFIX, webhooks);
    app.all(`${WEBHOOK_PREFIX}/*`, webhooks);

    try {
      await app.listen({ host: config.host, port: config.port });
    } catch (err) {
      this.#metrics = undefined;
      await app.close().catch(() => undefined);
      const code = (err as { code?: string }).code;
      const why = code === 'EADDRINUSE' ? 'the port is in use' : code === 'EADDRNOTAVAIL' ? 'the host is not an address of this machine' : (err as Error).message;
      throw new BanterError(
        'E_WEB_LISTEN',
        `The web server cannot listen on ${config.host}:${config.port}: ${why}. Set web.host and web.port in config.ts (port 0 picks a free port).`,
        { cause: err },
      );
    }
    this.#app = app;
    this.#metrics?.attach();
    const bound = app.server.address();
    const port = typeof bound === 'object' && bound ? bound.port : config.port;
    const shown = isIP(config.host) === 6 ? `[${config.host}]` : config.host;
    this.#address = { host: config.host, port, url: `http://${shown}:${port}` };
    log.info(
      { url: this.#address.url, webhooks: this.#deps.webhooks.list().map((w) => w.route), health: config.health, metrics: config.metrics },
      'web server listening',
    );
  }

  /** Stop listening; requests being answered finish first (a webhook handler is cut off by its timeout). Never throws. */
  async stop(): Promise<void> {
    const app = this.#app;
    if (!app) return;
    this.#app = undefined;
    this.#address = undefined;
    this.#metrics?.detach();
    try {
      await app.close();
    } catch (err) {
      this.#deps.log.error({ err }, 'the web server did not close cleanly');
    }
  }

  private async health(reply: FastifyReply): Promise<FastifyReply> {
    const { report, problem } = await checkHealth(this.#deps.bot, Math.min(HEALTH_TIMEOUT_MS, this.#deps.commandTimeoutMs));
    // Logged when the state changes, not on every probe.
    if ((problem === undefined) !== this.#healthy) {
      this.#healthy = problem === undefined;
      if (problem) this.#deps.log.warn({ problem }, 'health check: degraded');
      else this.#deps.log.info('health check: ok again');
    }
    reply.header('cache-control', 'no-store');
    return send(reply, { status: report.status === 'ok' ? 200 : 503, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(report) });
  }

  private async webhook(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const answer = await this.#dispatcher.handle({
      method: request.method,
      url: request.raw.url ?? request.url,
      headers: request.headers,
      body: request.raw,
      remoteAddress: request.ip,
    });
    return send(reply, answer);
  }
}

function send(reply: FastifyReply, answer: HttpAnswer): FastifyReply {
  reply.code(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
  return reply.send(answer.body);
}
