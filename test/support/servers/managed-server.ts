import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { exited, hasExited, isGone, killTree, onExitCleanup, signalAndWait } from './child-processes.ts';
import { waitFor } from './wait-for.ts';

/** A real server running as a child of the test process, on 127.0.0.1, with its data in {@link dir}. */
export interface TestServer {
  readonly url: string;
  readonly port: number;
  /** The server's folder (data, log, socket); removed by {@link remove}. */
  readonly dir: string;
  /** The server process's pid (a new one after {@link restart}). */
  readonly pid: number;
  /** How long the last start took, spawn to ready, in ms. */
  readonly startMs: number;
  /**
   * Graceful shutdown, by the server's own signal unless `signal` says otherwise (e.g. SIGTERM, PostgreSQL's
   * "smart" shutdown that waits for clients to leave); resolves once it has exited. The data stays.
   */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** SIGKILL the server and all its processes, as a crash would; resolves once they are gone. The data stays. */
  kill9(): Promise<void>;
  /** Start again on the same port and data (stopping it gracefully first if it still runs). */
  restart(): Promise<void>;
  /** Stop (gracefully, as {@link stop}) if running and delete {@link dir}. */
  remove(signal?: NodeJS.Signals): Promise<void>;
}

/** How to run one kind of server. */
export interface ServerRecipe {
  /** For messages: `redis on 127.0.0.1:6379`. */
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** The server's log file, named in errors. */
  readonly logFile: string;
  readonly stopSignal: NodeJS.Signals;
  /** Spawn the server process (in the foreground, as a direct child). */
  spawn(): ChildProcess;
  /** Resolves once it answers; a single bounded attempt. */
  probe(): Promise<boolean>;
  /** Bound on spawn → ready (crash recovery included). */
  readonly readyTimeoutMs?: number;
}

class ManagedServer implements TestServer {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  startMs = 0;
  #child: ChildProcess | undefined;
  readonly #recipe: ServerRecipe;
  readonly #forget: () => void;

  constructor(recipe: ServerRecipe) {
    this.#recipe = recipe;
    this.url = recipe.url;
    this.port = recipe.port;
    this.dir = recipe.dir;
    this.#forget = onExitCleanup(() => rmSync(recipe.dir, { recursive: true, force: true }));
  }

  get pid(): number {
    return this.#child?.pid ?? -1;
  }

  async start(): Promise<void> {
    const started = performance.now();
    const child = this.#recipe.spawn();
    this.#child = child;
    try {
      await waitFor(() => this.#recipe.probe(), {
        what: `${this.#recipe.name} to be ready`,
        timeoutMs: this.#recipe.readyTimeoutMs ?? 15_000,
        child,
      });
    } catch (error) {
      killTree(child);
      await exited(child, 5_000);
      // the folder may be removed next: quote the log instead of pointing at it
      throw new Error(`${(error as Error).message}; the end of its log:\n${tail(this.#recipe.logFile)}`, { cause: error });
    }
    this.startMs = performance.now() - started;
  }

  async stop(signal = this.#recipe.stopSignal): Promise<void> {
    const child = this.#child;
    if (!child || hasExited(child)) return;
    await signalAndWait(child, signal, 10_000, this.#recipe.name);
  }

  async kill9(): Promise<void> {
    const child = this.#child;
    if (!child || hasExited(child)) return;
    const others = killTree(child);
    if (!(await exited(child, 5_000))) throw new Error(`${this.#recipe.name} (pid ${child.pid}) survived SIGKILL for 5 s`);
    await waitFor(async () => others.every(isGone), { what: `the processes of ${this.#recipe.name} to die`, timeoutMs: 5_000 });
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async remove(signal?: NodeJS.Signals): Promise<void> {
    try {
      await this.stop(signal);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
      this.#forget();
    }
  }
}

/** Start a server from its recipe and wait until it is ready; on failure nothing is left running. */
export async function startServer(recipe: ServerRecipe): Promise<TestServer> {
  const server = new ManagedServer(recipe);
  try {
    await server.start();
  } catch (error) {
    await server.remove();
    throw error;
  }
  return server;
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') || '(empty)';
  } catch {
    return '(no log)';
  }
}
