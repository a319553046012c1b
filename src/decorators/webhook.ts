import { BanterError } from '../errors/banter-error.ts';
import { nodeCrypto } from '../node-crypto.ts';
import { assertNoWebhookConflict } from '../web/webhook-conflicts.ts';
import { declareWebhook, ownWebhooksOf, type WebhookSpec } from '../web/webhook-metadata.ts';
import { WEBHOOK_BODY_MODES, WEBHOOK_METHODS, type WebhookOptions, type WebhookSignature } from '../web/webhook-options.ts';
import { parseWebhookPath } from '../web/webhook-path.ts';
import type { WebhookHandler } from '../web/webhook-request.ts';
import { assertLegacyDecorator } from './decorator-target.ts';

/**
 * Serve a plugin method over HTTP at `/webhooks/<plugin name><path>` while the plugin is active, on the bot's web
 * server (`web.enabled` in config.ts). `path` may hold `:name` parameters. The method receives a
 * {@link WebhookRequest} and returns what to answer (see {@link WebhookResult}). A thrown UserError answers 400
 * with its message; anything else answers 500 with an error id, the details going to the log only.
 *
 * Options that cannot work (a bad path, method, body mode, limit, or signature setting) throw BanterError
 * `E_WEBHOOK_OPTIONS` when the class is defined; two webhooks of the class answering the same requests throw
 * WebhookConflictError.
 *
 * @example
 * ```ts
 * import { Plugin, webhook, type WebhookRequest } from 'banter';
 * import { z } from 'banter/zod';
 *
 * const Push = z.object({ ref: z.string(), repository: z.object({ full_name: z.string() }) });
 *
 * export class Ci extends Plugin<{ githubSecret: string }> {
 *   static override metadata = {
 *     name: 'ci',
 *     config: z.object({ githubSecret: z.string().min(1) }),
 *   };
 *
 *   // POST /webhooks/ci/github, signed by GitHub with the secret from plugins.config.ci.
 *   @webhook<{ githubSecret: string }>('/github', { body: 'json', signature: { style: 'github', secret: (c) => c.githubSecret } })
 *   async github(request: WebhookRequest) {
 *     const push = Push.parse(request.body);
 *     await this.send(this.buildIdentifier('#ops'), `push to ${push.repository.full_name} (${push.ref})`);
 *   }
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function webhook<Config = any>(path: string, options: WebhookOptions<Config> = {}) {
  return <Handler extends WebhookHandler>(target: object, key: string, _descriptor: TypedPropertyDescriptor<Handler>): void => {
    assertLegacyDecorator('webhook', key);
    const where = `@webhook on ${key}()`;
    const spec: WebhookSpec = {
      method: key,
      path: parseWebhookPath(path, where),
      methods: checkMethods(options.methods, where),
      body: checkBody(options.body, where),
      bodyLimit: checkPositive(options.bodyLimit, 'bodyLimit', 'bytes', where),
      signature: checkSignature(options.signature as WebhookSignature | undefined, where),
      timeoutMs: checkPositive(options.timeoutMs, 'timeoutMs', 'milliseconds', where),
    };
    const constructor = target.constructor as { name: string; metadata?: { name?: string } };
    // The class's own declarations are complete up to this one: a clash within it is reported at once.
    assertNoWebhookConflict(constructor.metadata?.name ?? constructor.name, [...ownWebhooksOf(constructor), spec]);
    declareWebhook(constructor, spec);
  };
}

function optionsError(where: string, message: string): BanterError {
  return new BanterError('E_WEBHOOK_OPTIONS', `${where}: ${message}`);
}

function checkMethods(methods: readonly string[] | undefined, where: string): WebhookSpec['methods'] {
  if (methods === undefined) return ['POST'];
  if (!Array.isArray(methods) || methods.length === 0) throw optionsError(where, `methods must be a non-empty list, e.g. ['POST']`);
  const upper = methods.map((m) => String(m).toUpperCase());
  for (const m of upper) {
    if (!(WEBHOOK_METHODS as readonly string[]).includes(m)) {
      throw optionsError(where, `method "${m}" is not one of ${WEBHOOK_METHODS.join(', ')} (HEAD is answered wherever GET is)`);
    }
  }
  return [...new Set(upper)] as WebhookSpec['methods'];
}

function checkBody(body: string | undefined, where: string): WebhookSpec['body'] {
  if (body === undefined) return 'auto';
  if (!(WEBHOOK_BODY_MODES as readonly string[]).includes(body)) throw optionsError(where, `body must be one of ${WEBHOOK_BODY_MODES.join(', ')}`);
  return body as WebhookSpec['body'];
}

function checkPositive(value: number | undefined, name: string, unit: string, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value <= 0) throw optionsError(where, `${name} must be a positive whole number of ${unit}`);
  return value;
}

function checkSignature(signature: WebhookSignature | undefined, where: string): WebhookSignature | undefined {
  if (signature === undefined) return undefined;
  const secret = signature.secret;
  const secretOk =
    typeof secret === 'function' ||
    (typeof secret === 'string' && secret.length > 0) ||
    (Array.isArray(secret) && secret.length > 0 && secret.every((s) => typeof s === 'string' && s.length > 0));
  if (!secretOk) throw optionsError(where, 'signature.secret must be a non-empty string, a list of them, or a function of the plugin config that returns one');
  if (signature.style === 'github') return signature;
  if (signature.style !== 'hmac') throw optionsError(where, `signature.style must be "github" or "hmac"`);
  if (typeof signature.header !== 'string' || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(signature.header)) {
    throw optionsError(where, 'signature.header must be an HTTP header name, e.g. "X-Signature"');
  }
  const algorithm = signature.algorithm ?? 'sha256';
  if (!nodeCrypto().getHashes().includes(algorithm)) throw optionsError(where, `signature.algorithm "${algorithm}" is not a hash this Node.js has; use e.g. "sha256"`);
  if (signature.encoding !== undefined && signature.encoding !== 'hex' && signature.encoding !== 'base64') {
    throw optionsError(where, 'signature.encoding must be "hex" or "base64"');
  }
  if (signature.prefix !== undefined && typeof signature.prefix !== 'string') throw optionsError(where, 'signature.prefix must be a string, e.g. "sha256="');
  return signature;
}

