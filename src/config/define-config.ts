import type { BanterConfigInput } from './config-schema.ts';

/**
 * Type-check a configuration in config.ts. It returns its argument unchanged; validation (with a message per
 * bad field) happens when the bot loads it.
 *
 * @example
 * ```ts
 * import { defineConfig } from 'banter';
 * export default defineConfig({
 *   name: 'opsbot',
 *   backend: 'text',
 *   admins: ['@alice'],
 *   storage: { url: 'sqlite://./data/banter.sqlite' },
 * });
 * ```
 */
export function defineConfig(config: BanterConfigInput): BanterConfigInput {
  return config;
}

/**
 * Read a secret from the environment, for config.ts. Returns `undefined` when the variable is unset, so the
 * backend's validation can say which variable to set.
 *
 * @example
 * ```ts
 * import { defineConfig, fromEnv } from 'banter';
 * export default defineConfig({ backend: 'slack', backends: { slack: { botToken: fromEnv('SLACK_BOT_TOKEN') } } });
 * ```
 */
export function fromEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}
