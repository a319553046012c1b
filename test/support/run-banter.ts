import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, where `bin/banter.js` is. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What a `banter` run printed and how it ended. */
export interface BanterRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `banter <args>` from the repository root, with `input` on standard input (not a terminal). */
export function runBanter(args: readonly string[], input = ''): Promise<BanterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/banter.js', ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}
