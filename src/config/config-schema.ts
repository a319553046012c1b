// zod/mini (through Banter's entry, which also switches on English messages): start-up loads only what these use.
import * as z from '../zod/mini.ts';
import { Plugin, type PluginClass } from '../plugin.ts';
import { accessSchema } from '../authorization/access-rule.ts';
import { WEB_DEFAULTS, webSchema } from '../web/web-config.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const milliseconds = (example: string) =>
  z.number({ error: `must be a number of milliseconds, e.g. ${example}` }).check(z.int(), z.positive({ error: 'must be more than 0 ms' }));

const pluginsSchema = z.strictObject({
  builtins: z._default(
    z.union([z.boolean(), z.array(z.string())], {
      error: 'must be true (all built-in plugins), false (none) or a list of their names, e.g. ["help", "status"]',
    }),
    true,
  ),
  dirs: z._default(z.array(z.string(), { error: 'must be a list of folder paths, e.g. ["./plugins"]' }), []),
  packages: z._default(z.array(z.string(), { error: 'must be a list of npm package names, e.g. ["banter-plugin-karma"]' }), []),
  classes: z._default(
    z.array(z.custom<PluginClass>((v) => Plugin.isPluginClass(v), { error: 'must be a class that extends Plugin' }), {
      error: 'must be a list of plugin classes, e.g. [Greeter]',
    }),
    [],
  ),
  exclude: z._default(z.array(z.string(), { error: 'must be a list of plugin names, e.g. ["status"]' }), []),
  config: z._default(z.record(z.string(), z.unknown()), {}),
});

/**
 * The schema of config.ts. Every field has a default, so `defineConfig({})` is a working console bot; each
 * message says what to write instead.
 */
export const configSchema = z.strictObject({
  name: z._default(
    z
      .string({ error: 'must be the bot\'s name, e.g. name: "banter"' })
      .check(z.regex(/^[\w.-]+$/, { error: 'may contain only letters, digits, "_", "." and "-", e.g. "opsbot"' })),
    'banter',
  ),
  backend: z._default(
    z
      .string({ error: 'must be a backend name such as "text" or a package name' })
      .check(z.minLength(1, { error: 'must not be empty; "text" is the console' })),
    'text',
  ),
  backends: z._default(z.record(z.string(), z.record(z.string(), z.unknown(), { error: 'must be an object of that backend\'s options' })), {}),
  prefix: z._default(
    z.string({ error: 'must be a string such as "!"' }).check(z.minLength(1, { error: 'must not be empty; the usual prefix is "!"' })),
    '!',
  ),
  altPrefixes: z.optional(
    z.array(z.string().check(z.minLength(1, { error: 'must not contain empty strings' })), { error: 'must be a list such as ["banter", "@banter"]' }),
  ),
  prefixOptionalInDirect: z._default(z.boolean({ error: 'must be true or false' }), true),
  admins: z._default(z.array(z.string(), { error: 'must be a list of identities (aclattr), e.g. ["@alice"] or ["U0123ABC"]' }), []),
  /** Access rules by `plugin:command`; see docs/permissions.md. */
  access: z._default(accessSchema, { rules: {}, silent: false, hideRestricted: true }),
  commandTimeoutMs: z._default(milliseconds('60000'), 60_000),
  confirmTimeoutMs: z._default(milliseconds('60000'), 60_000),
  suppressUnknownCommand: z._default(z.boolean({ error: 'must be true or false' }), false),
  /** Multi-step conversations; see docs/flows.md. */
  flows: z._default(
    z.strictObject({
      /** How long a conversation waits for each answer before it ends (a flow's own `timeoutMs` wins). */
      timeoutMs: z._default(milliseconds('600000'), 600_000),
    }),
    { timeoutMs: 600_000 },
  ),
  plugins: z._default(pluginsSchema, { builtins: true, dirs: [], packages: [], classes: [], exclude: [], config: {} }),
  storage: z._default(
    z.strictObject({
      url: z._default(
        z
          .string({ error: 'must be a storage URL: "sqlite://./data/banter.sqlite" or "memory://"' })
          .check(z.regex(/^[a-z][a-z0-9+.-]*:/, { error: 'must start with a scheme, e.g. "sqlite://./data/banter.sqlite" or "memory://"' })),
        'sqlite://./data/banter.sqlite',
      ),
    }),
    { url: 'sqlite://./data/banter.sqlite' },
  ),
  log: z._default(
    z.strictObject({
      level: z._default(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }), 'info'),
      file: z.optional(z.string()),
    }),
    { level: 'info' },
  ),
  /** The optional web server: webhooks, health and metrics; see docs/webhooks.md. */
  web: z._default(webSchema, WEB_DEFAULTS),
});

/** What config.ts may contain (every field optional). */
export type BanterConfigInput = z.input<typeof configSchema>;

/** A validated configuration with defaults applied. */
export type BanterConfig = z.output<typeof configSchema>;
