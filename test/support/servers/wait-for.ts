import type { ChildProcess } from 'node:child_process';

export interface WaitForOptions {
  /** What is awaited, for the error: `redis on 127.0.0.1:6379 to answer PING`. */
  readonly what: string;
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** Fail at once if this process exits while we wait. */
  readonly child?: ChildProcess;
  /** Added to every error (e.g. where the server's log is). */
  readonly hint?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Poll `probe` until it resolves to true, for at most `timeoutMs`. Rejects with a clear error on timeout, or as
 * soon as `child` exits. A probe that throws counts as "not yet".
 */
export async function waitFor(probe: () => Promise<boolean>, options: WaitForOptions): Promise<void> {
  const { what, timeoutMs = 15_000, intervalMs = 10, child, hint } = options;
  const suffix = hint ? `; ${hint}` : '';
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`gave up waiting for ${what}: the process exited (${child.exitCode ?? child.signalCode})${suffix}`);
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() >= deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms${suffix}`);
    await sleep(intervalMs);
  }
}
