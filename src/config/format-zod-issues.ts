import type { ConfigIssue } from '../errors/config-error.ts';

/** The parts of a zod issue this formatter reads (stable across zod 3 and 4). */
interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: unknown;
  readonly keys?: readonly string[];
  readonly input?: unknown;
}

/**
 * Turn zod issues into {@link ConfigIssue}s whose path starts at `root` and whose message says what to write.
 * Schemas put the fix into their own messages; this adds what zod leaves generic (unknown keys, types).
 */
export function formatZodIssues(issues: readonly ZodIssueLike[], root = ''): ConfigIssue[] {
  return issues.map((issue) => {
    const path = [root, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      return {
        path,
        message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling (docs/configuration.md lists every field)`,
      };
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return { path, message: `is required (${issue.message}); add it to config.ts` };
    }
    return { path, message: issue.message };
  });
}
