import '../zod/english-messages.ts';
import { safeParse, type $ZodType, type $ZodIssue } from 'zod/v4/core';

/**
 * Any zod 4 schema whose parsed value is `Output`: classic (`banter/zod`, `zod`) or mini (`banter/zod/mini`,
 * `zod/mini`). Plugin configuration (`metadata.config`) and backend options (`defineBackend({ options })`) take one.
 */
export type ZodSchema<Output = unknown> = $ZodType<Output>;

/** What {@link validateWithSchema} found: the parsed value, or zod's issues with the offending input. */
export type SchemaResult<Output> = { readonly success: true; readonly data: Output } | { readonly success: false; readonly issues: readonly $ZodIssue[] };

/**
 * Parse `input` with a schema of either zod flavour (through zod's core, which both share), reporting each
 * issue's input so that messages can tell a missing field from a wrong one.
 */
export function validateWithSchema<Output>(schema: ZodSchema<Output>, input: unknown): SchemaResult<Output> {
  const result = safeParse(schema, input, { reportInput: true });
  return result.success ? { success: true, data: result.data } : { success: false, issues: result.error.issues };
}
