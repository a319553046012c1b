// A namespace import (not the `z` object) lets bundlers keep only the parts of zod this schema uses.
import * as z from 'zod';

/** Where webhook routes are mounted: `/webhooks/<plugin name><path>`. */
export const WEBHOOK_PREFIX = '/webhooks';

/** 1 MiB: a GitHub push event with many commits stays well under it. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

// A fixed path of letters, digits and `-._~` segments; parameters and wildcards make no sense for health/metrics.
const FIXED_PATH = /^(?:\/[A-Za-z0-9._~-]+)+$/;

function endpointPath(example: string) {
  return z
    .string({ error: `must be a path such as "${example}"` })
    .regex(FIXED_PATH, { error: `must be a path of plain segments starting with "/", such as "${example}"` })
    .refine((path) => path !== WEBHOOK_PREFIX && !path.startsWith(`${WEBHOOK_PREFIX}/`), {
      error: `must not be under ${WEBHOOK_PREFIX}/, which belongs to the plugins' webhooks; e.g. "${example}"`,
    });
}

/**
 * The `web` section of config.ts. The server is off unless `enabled`; it listens on the loopback interface by
 * default, so nothing is reachable from other machines until `host` says so.
 */
export const webSchema = z
  .object({
    enabled: z.boolean({ error: 'must be true or false' }).default(false),
    host: z
      .string({ error: 'must be an address to listen on: "127.0.0.1" (this machine only) or "0.0.0.0" (every interface)' })
      .min(1, { error: 'must not be empty; "127.0.0.1" listens on this machine only' })
      .default('127.0.0.1'),
    port: z
      .number({ error: 'must be a port number, e.g. 3141 (0 picks any free port)' })
      .int({ error: 'must be a whole number, e.g. 3141' })
      .min(0, { error: 'must be between 0 and 65535; 0 picks any free port' })
      .max(65535, { error: 'must be between 0 and 65535; 0 picks any free port' })
      .default(3141),
    bodyLimit: z
      .number({ error: 'must be a number of bytes, e.g. 1048576 (1 MiB)' })
      .int({ error: 'must be a whole number of bytes, e.g. 1048576 (1 MiB)' })
      .positive({ error: 'must be more than 0 bytes, e.g. 1048576 (1 MiB)' })
      .default(DEFAULT_BODY_LIMIT),
    health: z.boolean({ error: 'must be true or false' }).default(true),
    healthPath: endpointPath('/health').default('/health'),
    metrics: z.boolean({ error: 'must be true or false' }).default(true),
    metricsPath: endpointPath('/metrics').default('/metrics'),
  })
  .strict()
  .superRefine((web, ctx) => {
    if (web.health && web.metrics && web.healthPath === web.metricsPath) {
      ctx.addIssue({
        code: 'custom',
        path: ['metricsPath'],
        message: `must differ from healthPath ("${web.healthPath}"), e.g. "/metrics"`,
      });
    }
  });

/** The validated `web` section. */
export type WebConfig = z.output<typeof webSchema>;

/** The `web` section when config.ts has none: the server is off. */
export const WEB_DEFAULTS: WebConfig = {
  enabled: false,
  host: '127.0.0.1',
  port: 3141,
  bodyLimit: DEFAULT_BODY_LIMIT,
  health: true,
  healthPath: '/health',
  metrics: true,
  metricsPath: '/metrics',
};
