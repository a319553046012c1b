// A namespace import (not the `z` object) lets bundlers keep only the parts of zod this schema uses.
import * as z from 'zod';
import { Plugin, type PluginClass } from '../plugin.ts';
import { accessSchema } from '../authorization/access-rule.ts';
import { WEB_DEFAULTS, webSchema } from '../web/web-config.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const pluginsSchema = z
  .object({
    builtins: z
      .union([z.boolean(), z.array(z.string())], {
        error: 'must be true (all built-in plugins), false (none) or a list of their names, e.g. ["help", "status"]',
      })
      .default(true),
    dirs: z.array(z.string(), { error: 'must be a list of folder paths, e.g. ["./plugins"]' }).default([]),
    packages: z.array(z.string(), { error: 'must be a list of npm package names, e.g. ["banter-plugin-karma"]' }).default([]),
    classes: z
      .array(z.custom<PluginClass>((v) => Plugin.isPluginClass(v), { error: 'must be a class that extends Plugin' }), {
        error: 'must be a list of plugin classes, e.g. [Greeter]',
      })
      .default([]),
    exclude: z.array(z.string(), { error: 'must be a list of plugin names, e.g. ["status"]' }).default([]),
    config: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/**
 * The schema of config.ts. Every field has a default, so `defineConfig({})` is a working console bot; each
 * message says what to write instead.
 */
export const configSchema = z
  .object({
    name: z
      .string({ error: 'must be the bot\'s name, e.g. name: "banter"' })
      .regex(/^[\w.-]+$/, { error: 'may contain only letters, digits, "_", "." and "-", e.g. "opsbot"' })
      .default('banter'),
    backend: z.string({ error: 'must be a backend name such as "text" or a package name' }).min(1, { error: 'must not be empty; "text" is the console' }).default('text'),
    backends: z.record(z.string(), z.record(z.string(), z.unknown(), { error: 'must be an object of that backend\'s options' })).default({}),
    prefix: z.string({ error: 'must be a string such as "!"' }).min(1, { error: 'must not be empty; the usual prefix is "!"' }).default('!'),
    altPrefixes: z
      .array(z.string().min(1, { error: 'must not contain empty strings' }), { error: 'must be a list such as ["banter", "@banter"]' })
      .optional(),
    prefixOptionalInDirect: z.boolean({ error: 'must be true or false' }).default(true),
    admins: z
      .array(z.string(), { error: 'must be a list of identities (aclattr), e.g. ["@alice"] or ["U0123ABC"]' })
      .default([]),
    /** Access rules by `plugin:command`; see docs/permissions.md. */
    access: accessSchema.default({ rules: {}, silent: false, hideRestricted: true }),
    commandTimeoutMs: z.number({ error: 'must be a number of milliseconds, e.g. 60000' }).int().positive({ error: 'must be more than 0 ms' }).default(60_000),
    confirmTimeoutMs: z.number({ error: 'must be a number of milliseconds, e.g. 60000' }).int().positive({ error: 'must be more than 0 ms' }).default(60_000),
    suppressUnknownCommand: z.boolean({ error: 'must be true or false' }).default(false),
    /** Multi-step conversations; see docs/flows.md. */
    flows: z
      .object({
        /** How long a conversation waits for each answer before it ends (a flow's own `timeoutMs` wins). */
        timeoutMs: z.number({ error: 'must be a number of milliseconds, e.g. 600000' }).int().positive({ error: 'must be more than 0 ms' }).default(600_000),
      })
      .strict()
      .default({ timeoutMs: 600_000 }),
    plugins: pluginsSchema.default({ builtins: true, dirs: [], packages: [], classes: [], exclude: [], config: {} }),
    storage: z
      .object({
        url: z
          .string({ error: 'must be a storage URL: "sqlite://./data/banter.sqlite" or "memory://"' })
          .regex(/^[a-z][a-z0-9+.-]*:/, { error: 'must start with a scheme, e.g. "sqlite://./data/banter.sqlite" or "memory://"' })
          .default('sqlite://./data/banter.sqlite'),
      })
      .strict()
      .default({ url: 'sqlite://./data/banter.sqlite' }),
    log: z
      .object({
        level: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
        file: z.string().optional(),
      })
      .strict()
      .default({ level: 'info' }),
    /** The optional web server: webhooks, health and metrics; see docs/webhooks.md. */
    web: webSchema.default(WEB_DEFAULTS),
  })
  .strict();

/** What config.ts may contain (every field optional). */
export type BanterConfigInput = z.input<typeof configSchema>;

/** A validated configuration with defaults applied. */
export type BanterConfig = z.output<typeof configSchema>;
