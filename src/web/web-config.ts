import * as z from '../zod/mini.ts';

/** Where webhook routes are mounted: `/webhooks/<plugin name><path>`. */
export const WEBHOOK_PREFIX = '/webhooks';

/** 1 MiB: a GitHub push event with many commits stays well under it. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

// A fixed path of letters, digits and `-._~` segments; parameters and wildcards make no sense for health/metrics.
const FIXED_PATH = /^(?:\/[A-Za-z0-9._~-]+)+$/;

function endpointPath(example: string) {
  return z.string({ error: `must be a path such as "${example}"` }).check(
    z.regex(FIXED_PATH, { error: `must be a path of plain segments starting with "/", such as "${example}"` }),
    z.refine((path) => path !== WEBHOOK_PREFIX && !path.startsWith(`${WEBHOOK_PREFIX}/`), {
      error: `must not be under ${WEBHOOK_PREFIX}/, which belongs to the plugins' webhooks; e.g. "${example}"`,
    }),
  );
}

const PORT_RANGE = 'must be between 0 and 65535; 0 picks any free port';

/**
 * The `web` section of config.ts. The server is off unless `enabled`; it listens on the loopback interface by
 * default, so nothing is reachable from other machines until `host` says so. Built on first use (`z.lazy`): a
 * config.ts without a `web` section takes the defaults without this schema being constructed, which saves start-up
 * time.
 */
export const webSchema = z.lazy(() =>
  z
    .strictObject({
      enabled: z._default(z.boolean({ error: 'must be true or false' }), false),
      host: z._default(
        z
          .string({ error: 'must be an address to listen on: "127.0.0.1" (this machine only) or "0.0.0.0" (every interface)' })
          .check(z.minLength(1, { error: 'must not be empty; "127.0.0.1" listens on this machine only' })),
        '127.0.0.1',
      ),
      port: z._default(
        z
          .number({ error: 'must be a port number, e.g. 3141 (0 picks any free port)' })
          .check(z.int({ error: 'must be a whole number, e.g. 3141' }), z.gte(0, { error: PORT_RANGE }), z.lte(65535, { error: PORT_RANGE })),
        3141,
      ),
      bodyLimit: z._default(
        z
          .number({ error: 'must be a number of bytes, e.g. 1048576 (1 MiB)' })
          .check(
            z.int({ error: 'must be a whole number of bytes, e.g. 1048576 (1 MiB)' }),
            z.positive({ error: 'must be more than 0 bytes, e.g. 1048576 (1 MiB)' }),
          ),
        DEFAULT_BODY_LIMIT,
      ),
      health: z._default(z.boolean({ error: 'must be true or false' }), true),
      healthPath: z._default(endpointPath('/health'), '/health'),
      metrics: z._default(z.boolean({ error: 'must be true or false' }), true),
      metricsPath: z._default(endpointPath('/metrics'), '/metrics'),
    })
    .check(
      z.superRefine((web, ctx) => {
        if (web.health && web.metrics && web.healthPath === web.metricsPath) {
          ctx.addIssue({
            code: 'custom',
            path: ['metricsPath'],
            message: `must differ from healthPath ("${web.healthPath}"), e.g. "/metrics"`,
          });
        }
      }),
    ),
);

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
