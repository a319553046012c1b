import { execFile } from 'node:child_process';
import { acceptsConnections } from './accepts-connections.ts';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spawnChild } from './child-processes.ts';
import { freePort } from './free-port.ts';
import { startServer, type TestServer } from './managed-server.ts';
import { makeTempDir } from './temp-dir.ts';
import { waitFor } from './wait-for.ts';

const run = promisify(execFile);

export const NGIRCD = process.env.NGIRCD || '/usr/sbin/ngircd';

/** How to run the test IRC server. */
export interface NgircdOptions {
  /**
   * ngircd's flood protection (penalty time): on by default, as on a real network. With it a client may burst
   * about 18 lines and is then held to about 3 lines a second; `false` sets `MaxPenaltyTime = 0`.
   */
  readonly floodProtection?: boolean;
  /** Also listen with TLS on {@link NgircdServer.tlsPort}, with a self-signed certificate for 127.0.0.1. */
  readonly tls?: boolean;
  /** Longest nick (ngircd's default is RFC 2812's 9). Default 30. */
  readonly maxNickLength?: number;
  /** A server password every client must send (PASS); none by default. */
  readonly password?: string;
}

/** A running ngircd: `port` is plain text; `tlsPort` and `certFile` exist when started with `tls`. */
export interface NgircdServer extends TestServer {
  readonly host: '127.0.0.1';
  readonly tlsPort: number | undefined;
  /** The server's self-signed certificate (PEM), for a client's trust store. */
  readonly certFile: string | undefined;
  /**
   * Change settings (not the ports or TLS): the config file is rewritten, so a {@link TestServer.restart} uses
   * it, and a running server re-reads it (SIGHUP) before this resolves. Clients already connected stay.
   */
  reconfigure(changes: Pick<NgircdOptions, 'floodProtection' | 'password'>): Promise<void>;
}

/**
 * A real ngircd on 127.0.0.1 and a free port, in the foreground (`-n`) with a generated config in a fresh
 * folder on tmpfs. ngircd keeps no data, so `restart()` is a new server on the same port: a crash and a
 * reboot look the same to clients. Recipe and measurements: ../shared/reference/servers.md §1.
 */
export async function startNgircd(options: NgircdOptions = {}): Promise<NgircdServer> {
  if (!existsSync(NGIRCD)) throw new Error(`${NGIRCD} is missing: run "npm run pretest" (installs ngircd)`);
  const port = await freePort();
  const tlsPort = options.tls ? await freePort() : undefined;
  // ngircd drops root for "nobody", which must still read the config (and the key): makeTempDir is 0755.
  const dir = makeTempDir('ngircd');
  const logFile = join(dir, 'ngircd.log');
  const configFile = join(dir, 'ngircd.conf');
  const certFile = tlsPort === undefined ? undefined : await selfSignedCertificate(dir);
  let current = options;
  const writeConfig = () => {
    writeFileSync(configFile, ngircdConfig({ port, tlsPort, dir, options: current }));
    chmodSync(configFile, 0o644);
  };
  writeConfig();
  const server = await startServer({
    name: `ngircd on 127.0.0.1:${port}`,
    url: `irc://127.0.0.1:${port}`,
    port,
    dir,
    logFile,
    stopSignal: 'SIGTERM',
    readyTimeoutMs: 10_000,
    spawn: () => spawnChild(NGIRCD, ['-n', '--config', configFile], { logFile, cwd: dir }),
    probe: () => acceptsConnections(port),
  });
  const reconfigure = async (changes: Pick<NgircdOptions, 'floodProtection' | 'password'>) => {
    current = { ...current, ...changes };
    writeConfig();
    if (server.pid <= 0 || !isRunning(server.pid)) return;
    const rehashes = () => (readFileSync(logFile, 'utf8').match(/Re-reading of configuration done/g) ?? []).length;
    const before = rehashes();
    process.kill(server.pid, 'SIGHUP');
    await waitFor(async () => rehashes() > before, { what: `ngircd on 127.0.0.1:${port} to re-read its configuration`, timeoutMs: 5_000 });
  };
  return Object.assign(server, { host: '127.0.0.1' as const, tlsPort, certFile, reconfigure });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function ngircdConfig({ port, tlsPort, dir, options }: { port: number; tlsPort: number | undefined; dir: string; options: NgircdOptions }): string {
  const flood = options.floodProtection ?? true;
  // prettier-ignore
  const lines = [
    '[Global]',
    '\tName = irc.test',
    '\tInfo = Banter test server',
    '\tAdminInfo1 = test', '\tAdminInfo2 = test', '\tAdminEMail = test@irc.test',
    '\tListen = 127.0.0.1',
    `\tPorts = ${port}`,
    '\tMotdPhrase = "test"',
    ...(options.password === undefined ? [] : [`\tPassword = ${options.password}`]),
    '[Limits]',
    '\tMaxConnections = 0', '\tMaxConnectionsIP = 0', '\tMaxJoins = 0',
    `\tMaxNickLength = ${options.maxNickLength ?? 30}`,
    // No line means ngircd's default, -1: penalties on, unlimited (what real networks do, in spirit).
    ...(flood ? [] : ['\tMaxPenaltyTime = 0']),
    '\tPingTimeout = 120', '\tPongTimeout = 20',
    '[Options]',
    '\tDNS = no', '\tIdent = no', '\tPAM = no',
  ];
  if (tlsPort !== undefined) {
    lines.push('[SSL]', `\tCertFile = ${join(dir, 'cert.pem')}`, `\tKeyFile = ${join(dir, 'key.pem')}`, `\tPorts = ${tlsPort}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A self-signed certificate for 127.0.0.1 (openssl, ~0.3 s); returns the certificate's path. */
async function selfSignedCertificate(dir: string): Promise<string> {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  // prettier-ignore
  await run('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { timeout: 30_000 }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'ENOENT' ? 'openssl is missing; the TLS test server needs it (apt-get install openssl)' : `openssl failed: ${error.message}`);
  });
  chmodSync(key, 0o644); // read by "nobody" after ngircd drops root; a throwaway key in a private test folder
  return cert;
}

