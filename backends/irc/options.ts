import { backoffOptionsSchema } from 'banter';
import * as z from 'banter/zod/mini';
import { isChannelName, isNick } from './identifier-text.ts';

const secret = (what: string, variable: string) =>
  z.string({ error: `must be the ${what}; read it from the environment: fromEnv('${variable}')` }).check(
    z.minLength(1, {
      error: `is empty; is ${variable} set in the environment?`,
    }),
  );

const channel = z
  .string({ error: 'must be a channel name such as "#ops"' })
  .check(z.refine((name) => isChannelName(name, '#&+!'), { error: 'must be a channel name such as "#ops" or "&local" (no spaces or commas)' }));

const channelEntry = z.union(
  [
    channel,
    z.strictObject({
      name: channel,
      key: z.string({ error: 'must be the channel key (password)' }).check(z.regex(/^[^\s,\0-\x1f]+$/, { error: 'must not contain spaces or commas' })),
    }),
  ],
  { error: 'must be a channel name such as "#ops", or { name: "#ops", key: fromEnv(\'IRC_OPS_KEY\') } for a channel with a key' },
);

/**
 * Options of the IRC backend: `backends.irc` in config.ts. Secrets (server password, SASL, NickServ) come from
 * the environment with `fromEnv(...)`; a missing one is reported with the variable to set.
 */
export const ircBackendOptions = z
  .strictObject({
    server: z
      .string({ error: 'must be the IRC server\'s host name, e.g. server: "irc.libera.chat"' })
      .check(z.regex(/^[A-Za-z0-9.:[\]-]+$/, { error: 'must be a host name or IP address, e.g. "irc.libera.chat" or "127.0.0.1"' })),
    /** Default 6697 with TLS, 6667 without. */
    port: z.optional(
      z.number({ error: 'must be a port number, e.g. 6697' }).check(z.int(), z.gte(1), z.lte(65_535, { error: 'must be a port number between 1 and 65535' })),
    ),
    tls: z._default(z.boolean({ error: 'must be true (TLS, the default) or false (plain text, for a server on your own network)' }), true),
    /** Check the server's certificate (turn off only for a test server with a self-signed one). */
    tlsVerify: z._default(z.boolean({ error: 'must be true or false' }), true),
    nick: z
      .string({ error: 'must be the bot\'s nickname, e.g. nick: "opsbot"' })
      .check(z.refine(isNick, { error: 'must be a valid IRC nickname: a letter or one of [ ] \\ ` _ ^ { | } first, then letters, digits, those or "-"' })),
    /** Nicks to try, in order, when `nick` is taken; after them the bot appends "_" and then digits. */
    altNicks: z._default(
      z.array(z.string().check(z.refine(isNick, { error: 'must be a valid IRC nickname' })), { error: 'must be a list of nicknames' }),
      [],
    ),
    username: z.optional(
      z.string({ error: 'must be the username (ident), e.g. "opsbot"' }).check(z.regex(/^[^\s@!\0-\x1f]+$/, { error: 'must not contain spaces, "@" or "!"' })),
    ),
    realname: z._default(z.string({ error: 'must be a text such as "Ops bot"' }), 'Banter bot'),
    /** Server password (PASS), for servers that need one. */
    password: z.optional(secret('server password', 'IRC_PASSWORD')),
    /** Log in to services with SASL PLAIN while connecting (Libera, OFTC…). */
    sasl: z.optional(
      z.strictObject(
        {
          account: z.string({ error: 'must be the services account name' }).check(z.minLength(1)),
          password: secret('services password', 'IRC_SASL_PASSWORD'),
        },
        { error: 'must be { account: "opsbot", password: fromEnv(\'IRC_SASL_PASSWORD\') }' },
      ),
    ),
    /** Identify to NickServ after connecting, for networks without SASL. */
    nickserv: z.optional(
      z.strictObject(
        {
          password: secret('NickServ password', 'IRC_NICKSERV_PASSWORD'),
          account: z.optional(z.string().check(z.minLength(1))),
          service: z._default(z.string().check(z.refine(isNick, { error: 'must be the services nick, e.g. "NickServ"' })), 'NickServ'),
        },
        { error: 'must be { password: fromEnv(\'IRC_NICKSERV_PASSWORD\') }' },
      ),
    ),
    channels: z._default(z.array(channelEntry, { error: 'must be a list of channels, e.g. ["#ops"]' }), []),
    /** Lines per second once the burst is spent (flood control). */
    rate: z._default(
      z.number({ error: 'must be a number of lines per second, e.g. 1' }).check(z.positive({ error: 'must be more than 0 lines per second' }), z.lte(1000)),
      1,
    ),
    /** Lines that may be sent at once after a quiet spell. */
    burst: z._default(z.number({ error: 'must be a whole number of lines, e.g. 5' }).check(z.int(), z.gte(1, { error: 'must be at least 1' })), 5),
    /** How long stopping waits for lines flood control still holds back (0: refuse them at once). */
    drainMs: z._default(
      z.number({ error: 'must be a number of milliseconds, e.g. 5000' }).check(z.int(), z.gte(0, { error: 'must be 0 or more' })),
      5_000,
    ),
    /** Reconnect delays (Banter's Backoff): exponential from `initialMs` to `maxMs`, plus up to `jitterMs`. */
    reconnect: backoffOptionsSchema({ initialMs: 1_000, maxMs: 300_000, jitterMs: 3_000 }),
    /** How markdown is sent: `plain` text, or `irc` bold/italic/monospace codes. */
    format: z._default(z.enum(['plain', 'irc'], { error: 'must be "plain" or "irc"' }), 'plain'),
    /** Send the server, SASL or NickServ password over a connection without TLS to a server elsewhere. */
    allowPlaintextSecrets: z._default(z.boolean({ error: 'must be true or false' }), false),
  })
  .check(
    z.superRefine((options, context) => {
      const local = LOOPBACK.has(options.server.toLowerCase());
      if (!options.tlsVerify && !local) {
        context.addIssue({
          code: 'custom',
          path: ['tlsVerify'],
          message:
            'false turns certificate checks off and is allowed only for a server on this machine; for a self-signed server, start the bot with NODE_EXTRA_CA_CERTS=<its certificate>',
        });
      }
      if (!options.tls && !local && !options.allowPlaintextSecrets) {
        for (const secret of ['password', 'sasl', 'nickserv'] as const) {
          if (options[secret] === undefined) continue;
          context.addIssue({
            code: 'custom',
            path: [secret],
            message: `would be sent unencrypted (tls is false); use tls: true, or set allowPlaintextSecrets: true if the network between the bot and ${options.server} is yours`,
          });
        }
      }
    }),
  );

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** `backends.irc` as written in config.ts. */
export type IrcBackendOptionsInput = z.input<typeof ircBackendOptions>;
/** `backends.irc` validated, defaults applied. */
export type IrcBackendOptions = z.output<typeof ircBackendOptions>;
