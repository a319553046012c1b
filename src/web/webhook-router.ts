import type { Logger } from '../logger.ts';
import type { Plugin, PluginClass } from '../plugin.ts';
import { BanterError } from '../errors/banter-error.ts';
import type { PluginWebhooks } from './plugin-webhooks.ts';
import { createSignatureVerifier, type SignatureVerifier } from './signature-verifier.ts';
import { WEBHOOK_PREFIX } from './web-config.ts';
import { assertNoWebhookConflict, routeText } from './webhook-conflicts.ts';
import { webhooksOf, type WebhookSpec } from './webhook-metadata.ts';
import { compareSpecificity, matchWebhookPath } from './webhook-path.ts';
import type { WebhookRequest } from './webhook-request.ts';

/** A webhook being served: its declaration, resolved secrets and bound handler. */
export interface ActiveWebhook {
  readonly plugin: string;
  readonly spec: WebhookSpec;
  /** The full route, e.g. `/webhooks/ci/builds/:id`. */
  readonly route: string;
  readonly verifier: SignatureVerifier | undefined;
  readonly handler: (request: WebhookRequest) => unknown;
}

/** What a request's method and path lead to. */
export type WebhookMatch =
  | { readonly kind: 'found'; readonly webhook: ActiveWebhook; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'method not allowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'not found' }
  | { readonly kind: 'bad path' };

/** A served webhook as listings show it. */
export interface WebhookInfo {
  readonly plugin: string;
  /** The decorated method. */
  readonly method: string;
  readonly methods: readonly string[];
  readonly route: string;
  readonly signed: boolean;
}

const NOT_FOUND: WebhookMatch = { kind: 'not found' };
const BAD_PATH: WebhookMatch = { kind: 'bad path' };

/**
 * The webhook routes of the active plugins. Requests are matched here rather than by fastify's router because
 * routes come and go with plugin activation while the server runs, and fastify cannot remove a route. A request
 * reaches its plugin's routes with one map lookup (the plugin's name is the first segment); those few routes are
 * then tried in order of specificity.
 */
export class WebhookRouter implements PluginWebhooks {
  readonly #serving: boolean;
  readonly #log: Logger;
  readonly #byPlugin = new Map<string, readonly ActiveWebhook[]>();

  /** `serving`: whether a web server will answer (`web.enabled`); if not, plugins with webhooks get a warning. */
  constructor(serving: boolean, log: Logger) {
    this.#serving = serving;
    this.#log = log;
  }

  add(plugin: string, pluginClass: PluginClass, instance: Plugin<unknown>): void {
    const specs = webhooksOf(pluginClass);
    if (specs.length === 0) return;
    if (!this.#serving) {
      this.#log.warn(
        { plugin, webhooks: specs.map((s) => routeText(plugin, s.path.text)) },
        `plugin ${plugin} has webhooks, but the web server is off; set web.enabled: true in config.ts to serve them`,
      );
      return;
    }
    assertNoWebhookConflict(plugin, specs);
    const methods = instance as unknown as Record<string, unknown>;
    const active = specs.map((spec): ActiveWebhook => {
      const where = `webhook ${spec.method}() of plugin "${plugin}"`;
      const method = methods[spec.method];
      if (typeof method !== 'function') throw new BanterError('E_PLUGIN_WEBHOOK', `${spec.method} is decorated with @webhook but is not a method`);
      return {
        plugin,
        spec,
        route: routeText(plugin, spec.path.text),
        verifier: spec.signature ? createSignatureVerifier(spec.signature, instance.config, where) : undefined,
        handler: method.bind(instance) as ActiveWebhook['handler'],
      };
    });
    // Most specific first, so the first match is the one to use.
    this.#byPlugin.set(plugin, [...active].sort((a, b) => compareSpecificity(a.spec.path, b.spec.path)));
  }

  remove(plugin: string): void {
    this.#byPlugin.delete(plugin);
  }

  /** Where a request for `method` and `path` (without the query string, still percent-encoded) goes. */
  find(method: string, path: string): WebhookMatch {
    if (path !== WEBHOOK_PREFIX && !path.startsWith(`${WEBHOOK_PREFIX}/`)) return NOT_FOUND;
    const segments: string[] = [];
    for (const part of path.slice(WEBHOOK_PREFIX.length).split('/')) {
      if (part === '') continue;
      try {
        segments.push(decodeURIComponent(part));
      } catch {
        return BAD_PATH;
      }
    }
    const routes = segments.length > 0 ? this.#byPlugin.get(segments[0]!) : undefined;
    if (!routes) return NOT_FOUND;
    const rest = segments.slice(1);
    const wanted = method === 'HEAD' ? 'GET' : method;
    const allowed = new Set<string>();
    for (const webhook of routes) {
      const params = matchWebhookPath(webhook.spec.path, rest);
      if (!params) continue;
      if ((webhook.spec.methods as readonly string[]).includes(wanted)) return { kind: 'found', webhook, params };
      for (const m of webhook.spec.methods) allowed.add(m);
    }
    if (allowed.size === 0) return NOT_FOUND;
    if (allowed.has('GET')) allowed.add('HEAD');
    return { kind: 'method not allowed', allowed: [...allowed] };
  }

  /** Every webhook being served, by plugin in activation order. */
  list(): WebhookInfo[] {
    return [...this.#byPlugin.values()].flat().map((w) => ({
      plugin: w.plugin,
      method: w.spec.method,
      methods: w.spec.methods,
      route: w.route,
      signed: w.verifier !== undefined,
    }));
  }
}
