import type { WebhookBodyMode, WebhookMethod, WebhookSignature } from './webhook-options.ts';
import type { WebhookPath } from './webhook-path.ts';

/** What `@webhook` records about one method. */
export interface WebhookSpec {
  /** The decorated method's name. */
  readonly method: string;
  /** The path as declared, relative to `/webhooks/<plugin>`. */
  readonly path: WebhookPath;
  readonly methods: readonly WebhookMethod[];
  readonly body: WebhookBodyMode;
  /** Undefined: `web.bodyLimit`. */
  readonly bodyLimit: number | undefined;
  readonly signature: WebhookSignature | undefined;
  /** Undefined: `commandTimeoutMs`. */
  readonly timeoutMs: number | undefined;
}

// Stored on the class itself under a registry-wide symbol, like commands and crons, so a plugin package with its
// own copy of banter still declares webhooks this copy can read.
const WEBHOOKS = Symbol.for('banter.webhooks');

/** Record a webhook declared by `@webhook` on `constructor`. */
export function declareWebhook(constructor: object, spec: WebhookSpec): void {
  if (!Object.prototype.hasOwnProperty.call(constructor, WEBHOOKS)) {
    Object.defineProperty(constructor, WEBHOOKS, { value: [], enumerable: false });
  }
  (constructor as Record<symbol, WebhookSpec[]>)[WEBHOOKS]!.push(spec);
}

/** The webhooks declared on `constructor` itself (not its parents). */
export function ownWebhooksOf(constructor: object): readonly WebhookSpec[] {
  return Object.prototype.hasOwnProperty.call(constructor, WEBHOOKS) ? (constructor as Record<symbol, WebhookSpec[]>)[WEBHOOKS]! : [];
}

/**
 * Webhooks declared on a plugin class and its ancestors, parents first. A subclass that redeclares a method
 * replaces the parent's webhooks for it.
 */
export function webhooksOf(constructor: object): WebhookSpec[] {
  const chain: object[] = [];
  for (let c: object | null = constructor; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  const byMethod = new Map<string, WebhookSpec[]>();
  for (const c of chain) {
    const own = new Map<string, WebhookSpec[]>();
    for (const spec of ownWebhooksOf(c)) own.set(spec.method, [...(own.get(spec.method) ?? []), spec]);
    for (const [method, specs] of own) byMethod.set(method, specs);
  }
  return [...byMethod.values()].flat();
}
