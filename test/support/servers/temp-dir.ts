import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where test servers keep their data: tmpfs (/dev/shm) when there is one; `FIXTURE_TMP_ROOT` overrides. */
export function tempRoot(): string {
  return process.env.FIXTURE_TMP_ROOT || (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
}

const OURS = /^banter-[a-z0-9]+-(\d+)-/;

/**
 * A fresh folder under {@link tempRoot}, named `banter-<prefix>-<pid>-XXXXXX`. The first call also deletes the
 * folders of test processes that died without cleaning up (killed outright, or crashed inside a crash handler).
 */
export function makeTempDir(prefix: string): string {
  sweepOnce();
  const dir = mkdtempSync(join(tempRoot(), `banter-${prefix}-${process.pid}-`));
  chmodSync(dir, 0o755);
  return dir;
}

let swept = false;
function sweepOnce(): void {
  if (swept) return;
  swept = true;
  for (const name of readdirSync(tempRoot())) {
    const pid = Number(OURS.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) rmSync(join(tempRoot(), name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
