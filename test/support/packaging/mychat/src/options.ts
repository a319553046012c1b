import { z } from 'banter/zod';

/** The options of the mychat backend, from `backends['banter-backend-mychat']` in a bot's config.ts. */
export const mychatOptions = z
  .object({
    /** Rooms the bot joins when it connects, e.g. ["#general"]. */
    rooms: z.array(z.string().regex(/^#[\w.-]+$/, { error: 'must be a room like "#general"' })).default([]),
    /**
     * A file of lines for people to say, played once connected; the bot stops after the last one. Each line is
     * `alice> text` (a direct message to the bot) or `alice in #general> text`. Relative to config.ts.
     */
    script: z.string().min(1, { error: 'must be the path of a script file, e.g. "./chat-script.txt"' }).optional(),
  })
  .strict();

/** The validated options. */
export type MychatOptions = z.output<typeof mychatOptions>;
