import * as z from 'banter/zod/mini';
import { defineBackend } from 'banter';
import { TestBackend } from './test-backend.ts';

export { TestBackend, type SayOptions, type TestAction } from './test-backend.ts';
export { TestBot, createTestBot, type TestBotOptions } from './test-bot.ts';

/** Build a {@link TestBackend} (for embedding and third-party backend examples). */
export function createTestBackend(options: ConstructorParameters<typeof TestBackend>[0] = {}): TestBackend {
  return new TestBackend(options);
}

/** The test backend as a backend definition; it has no human at the other end, so it is not a CLI choice. */
export default defineBackend({
  name: 'test',
  description: 'In-memory, awaitable chat for tests',
  options: z.strictObject({ user: z.optional(z.string()) }),
  create: (options, context) => new TestBackend({ botName: context.botName, user: options.user }),
});
