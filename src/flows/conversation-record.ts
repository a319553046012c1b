import * as z from '../zod/mini.ts';

/**
 * A conversation in progress as kept in storage (namespace `core.flows`), one key per conversation; built when a
 * stored conversation is read.
 */
export const conversationRecordSchema = z.lazy(() =>
  z.object({
    plugin: z.string(),
    flow: z.string(),
    scope: z.enum(['person', 'room']),
    step: z.string(),
    state: z.unknown(),
    startedBy: z.string(),
    place: z.string(),
    inRoom: z.boolean(),
    startedAt: z.number(),
    expiresAt: z.number(),
    timeoutMs: z.number(),
  }),
);

/** A stored conversation. */
export type ConversationRecord = z.infer<typeof conversationRecordSchema>;
