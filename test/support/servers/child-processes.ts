import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from 'node:fs';

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path));
const IS_ROOT = process.getuid?.() === 0;

export interface SpawnChildOptions {
  /** Run as this user when we are root (PostgreSQL refuses root). Ignored otherwise. */
  readonly runAs?: string;
  /** Send stdout and stderr to this file (appending); otherwise they are pipes. */
  readonly logFile?: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Spawn a process as a direct child (so its pid is the server's pid), killed when the test process dies: by
 * `setpriv --pdeathsig KILL` when the test process is killed outright, and by an exit/signal hook otherwise.
 * setpriv execs the command, leaving no middle process, and switches user before it sets the death signal.
 */
export function spawnChild(command: string, args: readonly string[], options: SpawnChildOptions = {}): ChildProcess {
  const switchUser = options.runAs !== undefined && IS_ROOT;
  if (switchUser && !SETPRIV) throw new Error(`running ${command} as ${options.runAs} needs setpriv (util-linux)`);
  const [file, argv] = SETPRIV
    ? [
        SETPRIV,
        [
          ...(switchUser ? [`--reuid=${options.runAs}`, `--regid=${options.runAs}`, '--init-groups'] : []),
          '--pdeathsig',
          'KILL',
          '--',
          command,
          ...args,
        ],
      ]
    : [command, [...args]];
  const log = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
  const stdio: StdioOptions = log === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', log, log];
  try {
    const child = spawn(file, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio });
    child.once('error', () => undefined); // ENOENT and the like show as an exit; callers check for that
    track(child);
    return child;
  } finally {
    if (log !== undefined) closeSync(log);
  }
}

export const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/** Resolves once `child` has exited, or to false after `timeoutMs`. */
export function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', done);
      resolve(false);
    }, timeoutMs);
    function done() {
      clearTimeout(timer);
      resolve(true);
    }
    child.once('exit', done);
  });
}

/**
 * Send `signal` and wait for the exit. A child still running after `timeoutMs` is SIGKILLed and the promise
 * rejects, so a server that ignores its shutdown signal shows up as a failure instead of a hang.
 */
export async function signalAndWait(child: ChildProcess, signal: NodeJS.Signals, timeoutMs = 10_000, name = `pid ${child.pid}`): Promise<void> {
  if (hasExited(child)) return;
  child.kill(signal);
  if (await exited(child, timeoutMs)) return;
  child.kill('SIGKILL');
  await exited(child, 5_000);
  throw new Error(`${name} did not exit within ${timeoutMs} ms of ${signal}; killed it`);
}

/** Pids of every live descendant of `pid` (zombies excluded), from /proc. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (!stat || stat.state === 'Z') continue;
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** A pid that is gone or a zombie (PID 1 here does not always reap orphans) no longer holds anything. */
export function isGone(pid: number): boolean {
  const stat = procStat(pid);
  return stat === undefined || stat.state === 'Z';
}

function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state!, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** SIGKILL `child` and all its descendants at once (a server crash, as far as the server can tell). */
export function killTree(child: ChildProcess): number[] {
  if (hasExited(child) || child.pid === undefined) return [];
  const others = descendants(child.pid);
  child.kill('SIGKILL');
  for (const pid of others) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return others;
}

// --- the safety net: nothing spawned here outlives the test process -------------------------------------------

const tracked = new Set<ChildProcess>();
const cleanups = new Set<() => void>();

function track(child: ChildProcess): void {
  installSafetyNet();
  tracked.add(child);
  child.once('exit', () => tracked.delete(child));
}

/** Run `cleanup` (synchronous) if the process exits or is signalled before the returned function is called. */
export function onExitCleanup(cleanup: () => void): () => void {
  installSafetyNet();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

let installed = false;
function installSafetyNet(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killEverything);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      killEverything();
      // Alone on this signal: restore its default (die by it). Otherwise whoever else listens decides.
      if (process.listenerCount(signal) === 1) {
        process.off(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

function killEverything(): void {
  for (const child of [...tracked]) killTree(child);
  tracked.clear();
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      // best effort on the way out
    }
  }
  cleanups.clear();
}
