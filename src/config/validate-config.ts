import { ConfigError } from '../errors/config-error.ts';
import { configSchema, type BanterConfig } from './config-schema.ts';
import { formatZodIssues } from './format-zod-issues.ts';

/** Validate a configuration object; throws ConfigError listing every bad field with its fix. */
export function validateConfig(input: unknown, source = 'config'): BanterConfig {
  const parsed = configSchema.safeParse(input ?? {}, { reportInput: true });
  if (!parsed.success) throw new ConfigError(formatZodIssues(parsed.error.issues), source);
  return parsed.data;
}
