import { execFile } from 'node:child_process';
import { acceptsConnections } from './accepts-connections.ts';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spawnChild } from './child-processes.ts';
import { freePort } from './free-port.ts';
import { startServer, type TestServer } from './managed-server.ts';
import { makeTempDir } from './temp-dir.ts';

const run = promisify(execFile);

export const PROSODY = process.env.PROSODY || '/usr/bin/prosody';
export const PROSODYCTL = process.env.PROSODYCTL || '/usr/bin/prosodyctl';

/** A running Prosody: the {@link TestServer} handle plus what an XMPP client needs to log in. */
export interface ProsodyServer extends TestServer {
  /** The virtual host, the domain of every account (`localhost`). */
  readonly domain: string;
  /** The multi-user chat service (`conference.localhost`). */
  readonly mucDomain: string;
  /** The generated configuration file. */
  readonly configFile: string;
  /** With `tls`: a second client port that speaks TLS from the first byte (XEP-0368 "direct TLS"). */
  readonly directTlsPort: number | undefined;
  /** Create an account (works whether or not the server runs). */
  register(user: string, password: string): Promise<void>;
}

/** Options of {@link startProsody}. */
export interface ProsodyOptions {
  /** Accounts to create before the start, user → password. */
  readonly users?: Readonly<Record<string, string>>;
  /** Offer STARTTLS, and direct TLS on a second port, with this certificate and key, and require encryption. */
  readonly tls?: { readonly cert: string; readonly key: string };
}

const DOMAIN = 'localhost';

/**
 * A real Prosody on 127.0.0.1 and a free port, with a generated configuration in a fresh folder on tmpfs:
 * client-to-server only (no s2s, component or HTTP listeners; direct TLS only with `tls`), one virtual host and its MUC
 * service, accounts created with prosodyctl before the start. Offline messages are kept (mod_offline), as on
 * a production server, so a bot can be shown to ignore what was said while it was away.
 */
export async function startProsody(options: ProsodyOptions = {}): Promise<ProsodyServer> {
  for (const binary of [PROSODY, PROSODYCTL]) {
    if (!existsSync(binary)) throw new Error(`${binary} is missing: run "npm run pretest" (installs prosody)`);
  }
  const port = await freePort();
  const directTlsPort = options.tls ? await freePort() : undefined;
  const dir = makeTempDir('prosody');
  const configFile = join(dir, 'prosody.cfg.lua');
  const logFile = join(dir, 'prosody.log');
  writeFileSync(configFile, prosodyConfig(dir, port, directTlsPort, options.tls));
  const register = async (user: string, password: string): Promise<void> => {
    // prosodyctl reads the same generated file, so the account lands in this server's data folder.
    await run(PROSODYCTL, ['--config', configFile, 'register', user, DOMAIN, password], { timeout: 15_000 });
  };
  await Promise.all(Object.entries(options.users ?? {}).map(([user, password]) => register(user, password)));
  const server = await startServer({
    name: `prosody on 127.0.0.1:${port}`,
    url: `xmpp://127.0.0.1:${port}`,
    port,
    dir,
    logFile,
    stopSignal: 'SIGTERM',
    spawn: () => spawnChild(PROSODY, ['--config', configFile, '-F'], { logFile: join(dir, 'stdout.log'), cwd: dir }),
    probe: () => acceptsConnections(port),
  });
  // The handle's methods read private fields, so extend it in place rather than spreading it.
  return Object.assign(server, { domain: DOMAIN, mucDomain: `conference.${DOMAIN}`, configFile, directTlsPort, register });
}

/**
 * The generated prosody.cfg.lua. Measured choices (see ../shared/reference/servers.md): `run_as_root` because
 * the tests may run as root; SCRAM with one iteration, or every login costs ~1.4 s of client-side hashing;
 * Nagle off, or a MUC round trip waits ~40 ms for delayed ACKs.
 */
function prosodyConfig(dir: string, port: number, directTlsPort: number | undefined, tls: ProsodyOptions['tls']): string {
  const quote = (value: string) => JSON.stringify(value); // a Lua string literal for these paths
  return `
run_as_root = true
pidfile = ${quote(join(dir, 'prosody.pid'))}
certificates = ${quote(dir)}
data_path = ${quote(join(dir, 'data'))}
interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_interfaces = { "127.0.0.1" }
c2s_ports = { ${port} }
c2s_direct_tls_ports = { ${directTlsPort ?? ''} }
s2s_ports = { }
s2s_interfaces = { }
component_ports = { }
component_interface = "127.0.0.1"
http_ports = { }
https_ports = { }
modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "posix"; "offline"${tls ? '; "tls"' : ''} }
modules_disabled = { "s2s"${tls ? '' : '; "tls"'} }
${tls ? `ssl = { certificate = ${quote(tls.cert)}; key = ${quote(tls.key)} }` : ''}
c2s_require_encryption = ${tls ? 'true' : 'false'}
s2s_require_encryption = false
allow_unencrypted_plain_auth = ${tls ? 'false' : 'true'}
allow_registration = false
network_settings = { nagle = false; opportunistic_writes = true }
authentication = "internal_hashed"
default_iteration_count = 1
storage = "internal"
log = { { levels = { min = "info" }, to = "file", filename = ${quote(join(dir, 'prosody.log'))} } }
VirtualHost "${DOMAIN}"
Component "conference.${DOMAIN}" "muc"
  restrict_room_creation = false
`;
}

/** A private CA and a certificate it signed for the test domain, as PEM files. */
export interface TestCertificates {
  readonly dir: string;
  /** The CA certificate: what NODE_EXTRA_CA_CERTS points at. */
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

/**
 * A throwaway CA and a server certificate it signed for `localhost`, `conference.localhost` and 127.0.0.1
 * (P-256 keys, generated in ~50 ms), in a fresh folder the caller removes. The CA is trusted by nobody until
 * a process is started with NODE_EXTRA_CA_CERTS set to `caFile`.
 */
export async function makeTestCertificates(): Promise<TestCertificates> {
  const dir = makeTempDir('certs');
  const file = (name: string) => join(dir, name);
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  writeFileSync(file('server.ext'), `subjectAltName=DNS:${DOMAIN},DNS:conference.${DOMAIN},IP:127.0.0.1\n`);
  const openssl = (args: string[]) => run('openssl', args, { cwd: dir, timeout: 15_000 });
  await openssl(['req', '-x509', ...key, '-days', '2', '-subj', '/CN=Banter test CA', '-keyout', 'ca.key', '-out', 'ca.pem']);
  await openssl(['req', ...key, '-subj', `/CN=${DOMAIN}`, '-keyout', 'server.key', '-out', 'server.csr']);
  await openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'server.ext', '-out', 'server.pem']);
  return { dir, caFile: file('ca.pem'), certFile: file('server.pem'), keyFile: file('server.key') };
}

