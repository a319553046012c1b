import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { spawnChild } from './child-processes.ts';
import { freePort } from './free-port.ts';
import { startServer, type TestServer } from './managed-server.ts';
import { makeTempDir } from './temp-dir.ts';

export const REDIS_SERVER = process.env.REDIS_SERVER || '/usr/bin/redis-server';

/**
 * A real redis-server on 127.0.0.1 and a free port, its data in a fresh folder on tmpfs. Durable: every write
 * goes to the append-only file and is fsynced before redis replies (`appendfsync always`), and no RDB
 * snapshots, so what redis acknowledged survives a SIGKILL of the server. `args` are added to redis-server's.
 */
export async function startRedis(options: { args?: readonly string[] } = {}): Promise<TestServer> {
  if (!existsSync(REDIS_SERVER)) throw new Error(`${REDIS_SERVER} is missing: run "npm run pretest" (installs redis-server)`);
  const port = await freePort(); // never --port 0: to redis that means "no TCP listener"
  const dir = makeTempDir('redis');
  const logFile = join(dir, 'redis.log');
  // prettier-ignore
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'no', '--daemonize', 'no',
    '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '',
    ...(options.args ?? []), // later arguments win: e.g. ['--appendonly', 'no'] for a negative control
  ];
  return startServer({
    name: `redis on 127.0.0.1:${port}`,
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    logFile,
    stopSignal: 'SIGTERM',
    spawn: () => spawnChild(REDIS_SERVER, args, { logFile, cwd: dir }),
    probe: () => redisPing(port),
  });
}

/** True when redis on `port` answers PING with PONG (not, say, -LOADING while it replays its AOF). */
export function redisPing(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    let reply = '';
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}
