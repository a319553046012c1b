import { randomUUID } from 'node:crypto';

/**
 * A short id to quote in an answer and find in the log, made like the command executor's error ids (eight hex
 * digits), so people see one format whether a command or a webhook failed.
 */
export function newErrorId(): string {
  return randomUUID().slice(0, 8);
}
