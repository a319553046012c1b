import { WEBHOOK_PREFIX } from './web-config.ts';
import type { WebhookSpec } from './webhook-metadata.ts';
import { WebhookConflictError } from './webhook-conflict-error.ts';

/** The full route of a webhook of plugin `plugin`, as logs, errors and the audit log show it. */
export function routeText(plugin: string, path: string): string {
  return `${WEBHOOK_PREFIX}/${plugin}${path === '/' ? '' : path}`;
}

/**
 * Throw WebhookConflictError when two of `specs` answer the same requests: one path shape (parameter names
 * aside) and a method in common.
 */
export function assertNoWebhookConflict(plugin: string, specs: readonly WebhookSpec[]): void {
  const owners = new Map<string, string>();
  for (const spec of specs) {
    for (const method of spec.methods) {
      const key = `${method} ${spec.path.shape}`;
      const owner = owners.get(key);
      if (owner !== undefined) throw new WebhookConflictError(plugin, `${method} ${routeText(plugin, spec.path.text)}`, owner, spec.method);
      owners.set(key, spec.method);
    }
  }
}
