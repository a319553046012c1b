import * as z from 'banter/zod/mini';
import { defineBackend } from 'banter';
import { TextBackend } from './text-backend.ts';

export { TextBackend, type TextBackendOptions } from './text-backend.ts';

/** Options of the console backend in config.ts (`backends.text`). */
export const textBackendOptions = z.strictObject({
  user: z._default(z.string().check(z.regex(/^@?[\w.-]+$/, { error: 'must be a person like "@me"' })), '@me'),
  room: z.optional(z.string().check(z.regex(/^#?[\w.-]+$/, { error: 'must be a room like "#ops"' }))),
});

/** The console backend: `backend: 'text'` in config.ts. */
export default defineBackend({
  name: 'text',
  description: 'Console: talk to the bot in a terminal, no credentials needed',
  options: textBackendOptions,
  create: (options, context) => new TextBackend({ botName: context.botName, user: options.user, room: options.room }),
});
