import * as z from '../zod/mini.ts';
import { accessRuleSchema } from './access-rule.ts';

/** A rule added in chat (`!acl add`), as kept in storage (namespace `core.acl`); built when a stored rule is read. */
export const runtimeAccessRuleSchema = z.lazy(() =>
  z.object({
    /** The `plugin:command` glob it applies to, like a key of `access.rules` in config.ts. */
    pattern: z.string().check(z.minLength(1)),
    rule: accessRuleSchema,
    /** The `aclattr` of the admin who added it. */
    addedBy: z.string(),
    /** ISO time it was added. */
    addedAt: z.string(),
  }),
);

/** A rule added in chat, with who added it and when. */
export type RuntimeAccessRule = z.infer<typeof runtimeAccessRuleSchema>;
