import { backoffOptionsSchema } from 'banter';
import * as z from 'banter/zod/mini';
import { isLoopbackHost, parseAddress } from './address.ts';

const bareJid = (what: string, example: string) =>
  z.string({ error: `must be ${what}, e.g. "${example}"` }).check(
    z.refine(
      (text) => {
        const address = parseAddress(text);
        return address !== undefined && address.local !== '' && address.resource === '';
      },
      { error: `must be a bare JID (local@domain, no /resource), e.g. "${example}"` },
    ),
  );

const roomSchema = z.union(
  [
    z.string(),
    z.strictObject({
      name: z.string({ error: 'must be the room, e.g. "ops@conference.example.org" or "ops"' }),
      password: z.optional(z.string({ error: 'must be the room password, e.g. fromEnv("XMPP_OPS_ROOM_PASSWORD")' })),
      nickname: z.optional(z.string().check(z.minLength(1, { error: 'must not be empty' }))),
    }),
  ],
  { error: 'must be a room name ("ops@conference.example.org", or "ops" on the default MUC service) or { name, password?, nickname? }' },
);

/**
 * Options of the XMPP backend (`backends.xmpp` in config.ts). Every message names the fix; the password is
 * meant to come from the environment:
 *
 * ```ts
 * import { defineConfig, fromEnv } from 'banter';
 * export default defineConfig({
 *   backend: 'xmpp',
 *   backends: { xmpp: { jid: 'banter@example.org', password: fromEnv('XMPP_PASSWORD'), rooms: ['ops'] } },
 * });
 * ```
 */
export const xmppBackendOptions = z
  .strictObject({
    jid: bareJid("the bot's account", 'banter@example.org'),
    password: z
      .string({ error: 'must be the account\'s password: set XMPP_PASSWORD and write password: fromEnv("XMPP_PASSWORD")' })
      .check(z.minLength(1, { error: 'is empty: set XMPP_PASSWORD and write password: fromEnv("XMPP_PASSWORD")' })),
    server: z.optional(
      z
        .string({ error: 'must be a host name or address, e.g. "xmpp.example.org"' })
        .check(z.regex(/^[^\s/:@]+$|^\[[0-9a-fA-F:.]+\]$/, { error: 'must be a host only, e.g. "xmpp.example.org" (put the port in "port")' })),
    ),
    port: z.optional(z.number({ error: 'must be a port number, e.g. 5222' }).check(z.int(), z.gte(1), z.lte(65535, { error: 'must be at most 65535' }))),
    tls: z._default(
      z.strictObject({
        mode: z._default(
          z.enum(['starttls', 'direct', 'none'], {
            error: 'must be "starttls" (default, port 5222), "direct" (TLS from the first byte, port 5223) or "none" (loopback only)',
          }),
          'starttls',
        ),
      }),
      { mode: 'starttls' },
    ),
    resource: z.optional(z.string().check(z.minLength(1, { error: 'must not be empty' }), z.maxLength(256))),
    nickname: z.optional(z.string().check(z.minLength(1, { error: 'must not be empty' }), z.maxLength(256))),
    mucDomain: z.optional(
      z
        .string({ error: 'must be the MUC service, e.g. "conference.example.org"' })
        .check(z.refine((text) => parseAddress(text)?.local === '' && !text.includes('/'), { error: 'must be a domain, e.g. "conference.example.org"' })),
    ),
    rooms: z._default(z.array(roomSchema, { error: 'must be a list of rooms, e.g. ["ops", { name: "secret", password: "…" }]' }), []),
    maxMessageSize: z._default(
      z.number({ error: 'must be a number of characters, e.g. 10000' }).check(z.int(), z.gte(16, { error: 'must be at least 16' })),
      10_000,
    ),
    acceptSubscriptions: z._default(z.boolean({ error: 'must be true or false' }), true),
    timeoutMs: z._default(z.number({ error: 'must be a number of milliseconds, e.g. 10000' }).check(z.int(), z.positive()), 10_000),
    reconnect: backoffOptionsSchema(),
  })
  .check(
    z.superRefine((options, context) => {
      // Without TLS the password and every message cross the network in the clear; only a server on this
      // machine (a test server, a local proxy that does TLS) can be reached that way.
      if (options.tls.mode === 'none' && !isLoopbackHost(options.server ?? '')) {
        context.addIssue({
          code: 'custom',
          path: ['tls', 'mode'],
          message: '"none" sends the password unencrypted and is allowed only with server "127.0.0.1", "::1" or "localhost"; use "starttls" or "direct"',
        });
      }
    }),
  );

/** What config.ts may write under `backends.xmpp`. */
export type XmppBackendOptionsInput = z.input<typeof xmppBackendOptions>;
/** Validated options, defaults applied. */
export type XmppBackendOptions = z.output<typeof xmppBackendOptions>;
