import { randomUUID } from 'node:crypto';

/**
 * A short id to quote in an answer and find in the log (eight hex digits), the same format whether a command, a
 * flow or a webhook failed.
 */
export function newErrorId(): string {
  return randomUUID().slice(0, 8);
}
