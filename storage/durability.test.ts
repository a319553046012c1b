import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres } from '../test/support/servers/postgres.ts';
import { startRedis } from '../test/support/servers/redis.ts';
import type { TestServer } from '../test/support/servers/managed-server.ts';
import { makeTempDir } from '../test/support/servers/temp-dir.ts';
import { WriterProcess } from '../test/support/writer-process.ts';
import { createStorageProvider } from './index.ts';

// A writer child process stores k0, k1, ... one at a time and prints each index once the store acknowledged
// it; we SIGKILL the writer (or the server) mid-stream and check that every acknowledged key is stored.
const MIN_ACKNOWLEDGED = 200;
const WRITER_TIMEOUT_MS = 8_000;

interface Check {
  acknowledged: number;
  lost: string[];
  /** The one write in flight at the kill, stored but never acknowledged (allowed either way). */
  inFlightStored: boolean;
}

/** Reopen the store and look for k0 .. k<acknowledged-1>, each with its value. */
async function check(url: string, namespace: string, acknowledged: number): Promise<Check> {
  const provider = await createStorageProvider(url);
  try {
    const store = await provider.open(namespace);
    const lost: string[] = [];
    for (let i = 0; i < acknowledged; i++) {
      const value = (await store.get(`k${i}`)) as { i?: unknown } | undefined;
      if (value?.i !== i) lost.push(`k${i}=${JSON.stringify(value)}`);
    }
    return { acknowledged, lost, inFlightStored: (await store.get(`k${acknowledged}`)) !== undefined };
  } finally {
    await provider.close();
  }
}

function report(what: string, result: Check, extra = ''): string {
  const line =
    `${what}: ${result.acknowledged} acknowledged, ${result.lost.length} lost` +
    `${result.inFlightStored ? ' (+1 in flight stored)' : ''}${extra ? `; ${extra}` : ''}`;
  console.log(`      ${line}`);
  return line;
}

/** A writer that has had at least MIN_ACKNOWLEDGED keys acknowledged and is still writing. */
async function writing(url: string, namespace: string): Promise<WriterProcess> {
  const writer = new WriterProcess(url, namespace);
  try {
    await writer.waitForAcknowledged(MIN_ACKNOWLEDGED, WRITER_TIMEOUT_MS);
  } catch (error) {
    await writer.kill9().catch(() => undefined);
    throw error;
  }
  return writer;
}

async function writerKilled(name: string, url: string): Promise<void> {
  const writer = await writing(url, 'durability-writer-kill');
  const { acknowledged } = await writer.kill9();
  const result = await check(url, 'durability-writer-kill', acknowledged);
  expect(result.lost, report(`${name}, writer SIGKILLed`, result)).to.deep.equal([]);
}

/** Kill the server mid-stream, restart it on the same data, and check what it kept. */
async function serverKilled(name: string, server: TestServer): Promise<{ result: Check; line: string }> {
  const writer = await writing(server.url, 'durability-server-kill');
  await server.kill9();
  // Nothing can be acknowledged from here on (the server is gone and not restarted until the writer is dead),
  // so every key it printed, before or after this line, was acknowledged before the crash.
  const { acknowledged, ended } = await writer.kill9(1_000);
  const started = performance.now();
  await server.restart();
  const restart = `restart with recovery ${(performance.now() - started).toFixed(0)} ms; the writer ${ended}`;
  const result = await check(server.url, 'durability-server-kill', acknowledged);
  return { result, line: report(`${name}, server SIGKILLed`, result, restart) };
}

describe('storage durability: writes acknowledged before a kill -9 are never lost', function () {
  this.timeout(30_000);
  let redis: TestServer | undefined;
  let postgres: TestServer | undefined;
  let sqliteDir: string;

  before(async function () {
    const started = performance.now();
    sqliteDir = makeTempDir('sqlite');
    const [r, p] = await Promise.allSettled([startRedis(), startPostgres()]);
    redis = r.status === 'fulfilled' ? r.value : undefined;
    postgres = p.status === 'fulfilled' ? p.value : undefined;
    if (r.status === 'rejected' || p.status === 'rejected') throw r.status === 'rejected' ? r.reason : (p as PromiseRejectedResult).reason;
    console.log(
      `      servers up in ${(performance.now() - started).toFixed(0)} ms ` +
        `(redis ${redis!.startMs.toFixed(0)} ms, postgres ${postgres!.startMs.toFixed(0)} ms after spawn)`,
    );
  });

  after(async function () {
    const started = performance.now();
    // A fast shutdown while pool connections are still closing is safe: the store's pool has an 'error' listener.
    await Promise.all([redis?.remove(), postgres?.remove()]);
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
    console.log(`      servers stopped in ${(performance.now() - started).toFixed(0)} ms`);
  });

  it('SQLite: the writer process is SIGKILLed mid-stream, and every acknowledged write is in the file', async function () {
    await writerKilled('SQLite', `sqlite://${join(sqliteDir, 'durability.sqlite')}`);
  });

  it('Redis: the writer process is SIGKILLed mid-stream, and every acknowledged write is stored', async function () {
    await writerKilled('Redis', redis!.url);
  });

  it('PostgreSQL: the writer process is SIGKILLed mid-stream, and every acknowledged write is stored', async function () {
    await writerKilled('PostgreSQL', postgres!.url);
  });

  it('Redis with appendonly/appendfsync always: redis-server is SIGKILLed mid-stream, and every acknowledged write survives its restart', async function () {
    const { result, line } = await serverKilled('Redis', redis!);
    expect(result.lost, line).to.deep.equal([]);
  });

  it('PostgreSQL with fsync/synchronous_commit on: postgres is SIGKILLed mid-stream, and every acknowledged write survives crash recovery', async function () {
    const { result, line } = await serverKilled('PostgreSQL', postgres!);
    expect(result.lost, line).to.deep.equal([]);
  });

  it('the check sees a loss: Redis without the append-only file loses every acknowledged write to the same kill', async function () {
    const volatile = await startRedis({ args: ['--appendonly', 'no'] });
    try {
      const { result, line } = await serverKilled('Redis without appendonly (control)', volatile);
      expect(result.lost, line).to.have.length(result.acknowledged);
    } finally {
      await volatile.remove();
    }
  });
});
