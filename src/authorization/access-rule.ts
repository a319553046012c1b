import * as z from '../zod/mini.ts';

const globs = (what: string) => z.optional(z.array(z.string(), { error: `must be a list of ${what} globs, e.g. ["@alice", "U0*"]` }));

/**
 * Who may run the commands a rule applies to, and where: Errbot's ACCESS_CONTROLS as a floor. Every field is
 * optional; a missing field does not restrict. Users and rooms are matched on their `aclattr` (never a display
 * name), with `*` and `?` globs, case-sensitively. Built on first use (`z.lazy`), like {@link accessSchema}.
 */
export const accessRuleSchema = z.lazy(() =>
  z.strictObject({
    /** Only these people may run it. */
    allowUsers: globs('user'),
    /** These people may not run it. */
    denyUsers: globs('user'),
    /** In rooms, only in these rooms. */
    allowRooms: globs('room'),
    /** Never in these rooms. */
    denyRooms: globs('room'),
    /** `false`: not in direct messages. */
    allowPrivate: z.optional(z.boolean({ error: 'must be true or false' })),
    /** `false`: not in rooms at all. */
    allowGroup: z.optional(z.boolean({ error: 'must be true or false' })),
    /** Only when the argument text matches one of these globs. */
    allowArgs: globs('argument'),
    /** Never when the argument text matches one of these globs. */
    denyArgs: globs('argument'),
  }),
);

/** An access rule as written in config.ts. */
export type AccessRule = z.infer<typeof accessRuleSchema>;

/**
 * `access` in config.ts. Built on first use (`z.lazy`): a config.ts without `access` takes the defaults without
 * this schema or the rule schema being constructed, which saves start-up time.
 */
export const accessSchema = z.lazy(() =>
  z.strictObject({
    /**
     * Rules by `plugin:command` glob (case-insensitive; a key without `:` means any plugin). The first key that
     * matches a command decides, so put specific keys before general ones.
     */
    rules: z._default(z.record(z.string(), accessRuleSchema), {}),
    /** Refuse without answering (the refusal is still logged). */
    silent: z._default(z.boolean({ error: 'must be true or false' }), false),
    /** `help` leaves out what the asker may not run. */
    hideRestricted: z._default(z.boolean({ error: 'must be true or false' }), true),
  }),
);

/** `access` in config.ts, validated. */
export type AccessConfig = z.output<typeof accessSchema>;
