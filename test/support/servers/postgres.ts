import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spawnChild } from './child-processes.ts';
import { freePort } from './free-port.ts';
import { startServer, type TestServer } from './managed-server.ts';
import { makeTempDir, tempRoot } from './temp-dir.ts';

const run = promisify(execFile);

export const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';
/** PostgreSQL refuses to run as root; as root we run it as the user the Debian package creates. */
const PG_USER = 'postgres';
const IS_ROOT = process.getuid?.() === 0;

/**
 * A real PostgreSQL 15 on 127.0.0.1 and a free port (trust auth, user and database `postgres`), its cluster a
 * copy of a cached initdb template on tmpfs. Durable settings: fsync, synchronous_commit and full_page_writes
 * on, so a commit PostgreSQL acknowledged survives a SIGKILL of the server (crash recovery replays the WAL).
 * `settings` are more `-c name=value` (they win over these).
 */
export async function startPostgres(options: { settings?: Readonly<Record<string, string>> } = {}): Promise<TestServer> {
  const template = await pgTemplate();
  const port = await freePort();
  const dir = makeTempDir('postgres');
  const data = join(dir, 'data');
  await run('cp', ['-a', template, data], { timeout: 30_000 });
  if (IS_ROOT) chownSync(dir, ...(await postgresIds())); // the socket folder (-k) must be the server's
  const logFile = join(dir, 'postgres.log');
  // prettier-ignore
  const args = [
    '-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir,
    '-c', 'fsync=on', '-c', 'synchronous_commit=on', '-c', 'full_page_writes=on',
    // dynamic shared memory in the data folder, so nothing is left in /dev/shm if the server is killed
    '-c', 'dynamic_shared_memory_type=mmap', '-c', 'max_connections=30',
    ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]), // later -c wins
  ];
  return startServer({
    name: `postgres on 127.0.0.1:${port}`,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    logFile,
    stopSignal: 'SIGINT', // fast shutdown; SIGTERM ("smart") waits for every client to leave
    readyTimeoutMs: 30_000, // after a SIGKILL, crash recovery comes first
    spawn: () => spawnChild(join(PG_BIN, 'postgres'), args, { runAs: PG_USER, logFile, cwd: dir }),
    probe: async () => {
      // exit 0 only once it accepts connections (1 while starting or recovering)
      await run(join(PG_BIN, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-t', '2'], { timeout: 5_000 });
      return true;
    },
  });
}

let template: Promise<string> | undefined;

/**
 * The data folder of a cluster made by initdb, cached on tmpfs across runs (`PG_TEMPLATE_CACHE` overrides);
 * initdb takes ~0.5 s, a copy ~50 ms. Built in a private folder and renamed into place, so a concurrent run
 * never sees half a template.
 */
export function pgTemplate(): Promise<string> {
  template ??= buildTemplate().catch((error: unknown) => {
    template = undefined;
    throw error;
  });
  return template;
}

async function buildTemplate(): Promise<string> {
  for (const binary of ['postgres', 'initdb', 'pg_isready']) {
    if (!existsSync(join(PG_BIN, binary))) throw new Error(`${join(PG_BIN, binary)} is missing: run "npm run pretest" (installs postgresql-15)`);
  }
  const cache = process.env.PG_TEMPLATE_CACHE || join(tempRoot(), `banter-pg15-template-${IS_ROOT ? PG_USER : process.getuid?.()}`);
  const data = join(cache, 'data');
  if (existsSync(join(data, 'PG_VERSION'))) return data;
  const building = `${cache}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const asPostgres = IS_ROOT ? await postgresIds() : undefined;
  if (asPostgres) chownSync(building, ...asPostgres);
  try {
    // prettier-ignore
    await run(join(PG_BIN, 'initdb'), [
      '-D', join(building, 'data'), '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C',
      '--no-sync', '--no-instructions',
    ], { uid: asPostgres?.[0], gid: asPostgres?.[1], cwd: building, timeout: 60_000 });
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(error as { stderr?: string }).stderr || (error as Error).message}`);
  }
  try {
    renameSync(building, cache);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another run got there first
  }
  if (!existsSync(join(data, 'PG_VERSION'))) throw new Error(`no PostgreSQL template at ${data}`);
  return data;
}

let ids: Promise<[number, number]> | undefined;
function postgresIds(): Promise<[number, number]> {
  ids ??= Promise.all([run('id', ['-u', PG_USER]), run('id', ['-g', PG_USER])]).then(
    ([uid, gid]) => [Number(uid.stdout), Number(gid.stdout)] as [number, number],
    () => {
      throw new Error(`there is no "${PG_USER}" user to run PostgreSQL as (root cannot); install postgresql-15`);
    },
  );
  return ids;
}
