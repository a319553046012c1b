import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { exited, hasExited, spawnChild } from './servers/child-processes.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./durability-writer.ts', import.meta.url));

/**
 * The parent's side of test/support/durability-writer.ts: counts the keys the child reports as acknowledged
 * (it writes k0, k1, ... in order, so the count names them all).
 */
export class WriterProcess {
  /** Keys k0 .. k<acknowledged-1> were acknowledged by the store. */
  acknowledged = 0;
  readonly #child: ChildProcess;
  #stderr = '';
  #partial = '';
  #outOfOrder: string | undefined;
  readonly #closed: Promise<void>;

  constructor(url: string, namespace: string) {
    this.#child = spawnChild(process.execPath, ['--import', 'tsx/esm', SCRIPT, url, namespace], { cwd: ROOT });
    this.#child.stderr!.setEncoding('utf8').on('data', (text: string) => (this.#stderr += text));
    this.#child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      const lines = (this.#partial + text).split('\n');
      this.#partial = lines.pop()!;
      for (const line of lines) {
        if (line === String(this.acknowledged)) this.acknowledged++;
        else this.#outOfOrder ??= `expected ${this.acknowledged}, got "${line}"`;
      }
    });
    // stdout and stderr fully read, and the process gone
    this.#closed = new Promise((resolve) => this.#child.once('close', () => resolve()));
  }

  /** Resolves once at least `count` keys are acknowledged; rejects if the writer dies or is too slow. */
  async waitForAcknowledged(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.acknowledged < count) {
      if (hasExited(this.#child)) throw new Error(`the writer exited (${this.#exit()}) after ${this.acknowledged} keys: ${this.#stderr.trim()}`);
      if (Date.now() > deadline) {
        throw new Error(`the writer acknowledged only ${this.acknowledged} of ${count} keys in ${timeoutMs} ms: ${this.#stderr.trim()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /**
   * Give the writer `graceMs` to stop by itself (it fails once its server is gone), then SIGKILL it. Resolves,
   * once its output is all read, to the final count and how the writer ended.
   */
  async kill9(graceMs = 0): Promise<{ acknowledged: number; ended: string }> {
    let ended = 'SIGKILLed while writing';
    if (graceMs > 0 && (await exited(this.#child, graceMs))) ended = `stopped by itself: ${this.#firstError()}`;
    this.#child.kill('SIGKILL');
    const closed = await Promise.race([this.#closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))]);
    if (!closed) throw new Error('the writer did not exit within 5 s of SIGKILL');
    if (this.#outOfOrder) throw new Error(`the writer reported keys out of order: ${this.#outOfOrder}`);
    return { acknowledged: this.acknowledged, ended };
  }

  #exit(): string {
    return String(this.#child.exitCode ?? this.#child.signalCode);
  }

  #firstError(): string {
    const error = this.#stderr.split('\n').find((line) => /^\w*error( \[\w+\])?: /i.test(line));
    return error?.trim() ?? `exit ${this.#exit()}`;
  }
}
