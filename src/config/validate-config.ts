import { ConfigError } from '../errors/config-error.ts';
import { configSchema, type BanterConfig } from './config-schema.ts';
import { formatZodIssues } from './format-zod-issues.ts';

/** Validate a configuration object; throws ConfigError listing every bad field with its fix. */
// jitless: zod compiles a fast parser for each object schema on its first parse, with \`new Function\`; the
// configuration is parsed once per start, so compiling costs start-up time and never pays back.
export function validateConfig(input: unknown, source = 'config'): BanterConfig {
  const parsed = configSchema.safeParse(input ?? {}, { reportInput: true, jitless: true });
  if (!parsed.success) throw new ConfigError(formatZodIssues(parsed.error.issues), source);
  return parsed.data;
}
