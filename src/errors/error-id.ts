/**
 * A short id to quote in an answer and find in the log (eight hex digits), the same format whether a command, a
 * flow or a webhook failed.
 */
export function newErrorId(): string {
  // The Web Crypto global loads Node's crypto module on first use (a failure), not with Banter at start-up.
  return globalThis.crypto.randomUUID().slice(0, 8);
}
