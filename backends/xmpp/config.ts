import { backoffOptionsSchema, z } from 'banter';
import { isLoopbackHost, parseAddress } from './address.ts';

const bareJid = (what: string, example: string) =>
  z
    .string({ error: `must be ${what}, e.g. "${example}"` })
    .refine((text) => {
      const address = parseAddress(text);
      return address !== undefined && address.local !== '' && address.resource === '';
    }, { error: `must be a bare JID (local@domain, no /resource), e.g. "${example}"` });

const roomSchema = z.union(
  [
    z.string(),
    z
      .object({
        name: z.string({ error: 'must be the room, e.g. "ops@conference.example.org" or "ops"' }),
        password: z.string({ error: 'must be the room password, e.g. fromEnv("XMPP_OPS_ROOM_PASSWORD")' }).optional(),
        nickname: z.string().min(1, { error: 'must not be empty' }).optional(),
      })
      .strict(),
  ],
  { error: 'must be a room name ("ops@conference.example.org", or "ops" on the default MUC service) or { name, password?, nickname? }' },
);

/**
 * Options of the XMPP backend (`backends.xmpp` in config.ts). Every message names the fix; the password is
 * meant to come from the environment:
 *
 * ```ts
 * backends: { xmpp: { jid: 'banter@example.org', password: fromEnv('XMPP_PASSWORD'), rooms: ['ops'] } }
 * ```
 */
export const xmppBackendOptions = z
  .object({
    jid: bareJid("the bot's account", 'banter@example.org'),
    password: z
      .string({ error: 'must be the account\'s password: set XMPP_PASSWORD and write password: fromEnv("XMPP_PASSWORD")' })
      .min(1, { error: 'is empty: set XMPP_PASSWORD and write password: fromEnv("XMPP_PASSWORD")' }),
    server: z
      .string({ error: 'must be a host name or address, e.g. "xmpp.example.org"' })
      .regex(/^[^\s/:@]+$|^\[[0-9a-fA-F:.]+\]$/, { error: 'must be a host only, e.g. "xmpp.example.org" (put the port in "port")' })
      .optional(),
    port: z.number({ error: 'must be a port number, e.g. 5222' }).int().min(1).max(65535, { error: 'must be at most 65535' }).optional(),
    tls: z
      .object({
        mode: z
          .enum(['starttls', 'direct', 'none'], {
            error: 'must be "starttls" (default, port 5222), "direct" (TLS from the first byte, port 5223) or "none" (loopback only)',
          })
          .default('starttls'),
      })
      .strict()
      .default({ mode: 'starttls' }),
    resource: z.string().min(1, { error: 'must not be empty' }).max(256).optional(),
    nickname: z.string().min(1, { error: 'must not be empty' }).max(256).optional(),
    mucDomain: z
      .string({ error: 'must be the MUC service, e.g. "conference.example.org"' })
      .refine((text) => parseAddress(text)?.local === '' && !text.includes('/'), { error: 'must be a domain, e.g. "conference.example.org"' })
      .optional(),
    rooms: z.array(roomSchema, { error: 'must be a list of rooms, e.g. ["ops", { name: "secret", password: "…" }]' }).default([]),
    maxMessageSize: z.number({ error: 'must be a number of characters, e.g. 10000' }).int().min(16, { error: 'must be at least 16' }).default(10_000),
    acceptSubscriptions: z.boolean({ error: 'must be true or false' }).default(true),
    timeoutMs: z.number({ error: 'must be a number of milliseconds, e.g. 10000' }).int().positive().default(10_000),
    reconnect: backoffOptionsSchema(),
  })
  .strict()
  .superRefine((options, context) => {
    // Without TLS the password and every message cross the network in the clear; only a server on this
    // machine (a test server, a local proxy that does TLS) can be reached that way.
    if (options.tls.mode === 'none' && !isLoopbackHost(options.server ?? '')) {
      context.addIssue({
        code: 'custom',
        path: ['tls', 'mode'],
        message: '"none" sends the password unencrypted and is allowed only with server "127.0.0.1", "::1" or "localhost"; use "starttls" or "direct"',
      });
    }
  });

/** What config.ts may write under `backends.xmpp`. */
export type XmppBackendOptionsInput = z.input<typeof xmppBackendOptions>;
/** Validated options, defaults applied. */
export type XmppBackendOptions = z.output<typeof xmppBackendOptions>;
