import { NULL_SINK } from 'banter/testing';
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { makeTestCertificates, startProsody, type ProsodyServer, type TestCertificates } from '../../test/support/servers/prosody.ts';
import { xmppBackendOptions } from './config.ts';
import { XmppBackend } from './xmpp-backend.ts';
import { TEST_PASSWORD } from './testing/xmpp-bot.ts';

const run = promisify(execFile);
const PROBE = fileURLToPath(new URL('./testing/tls-probe.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('XMPP over TLS with a certificate from a private CA', function () {
  this.timeout(30_000);
  let certs: TestCertificates;
  let server: ProsodyServer;

  before(async function () {
    certs = await makeTestCertificates();
    server = await startProsody({ users: { bot: TEST_PASSWORD }, tls: { cert: certs.certFile, key: certs.keyFile } });
  });

  after(async function () {
    await server?.remove();
    if (certs) rmSync(certs.dir, { recursive: true, force: true });
  });

  it('refuses the certificate while the CA is not trusted, and says how to trust it', async function () {
    const backend = new XmppBackend(
      xmppBackendOptions.parse({ jid: 'bot@localhost', password: TEST_PASSWORD, server: '127.0.0.1', port: server.port, timeoutMs: 5_000 }),
      { botName: 'banter' },
    );
    backend.attach(NULL_SINK);
    const error = await backend.connect().then(() => undefined, (err: Error) => err);
    expect(error?.message).to.match(/TLS certificate is not trusted \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)/);
    expect(error?.message).to.match(/NODE_EXTRA_CA_CERTS=\/path\/to\/ca\.pem/);
  });

  for (const mode of ['starttls', 'direct'] as const) {
    it(`logs in over ${mode === 'starttls' ? 'STARTTLS' : 'direct TLS'} once the process trusts the CA through NODE_EXTRA_CA_CERTS`, async function () {
      const port = mode === 'starttls' ? server.port : server.directTlsPort!;
      const { stdout } = await run(process.execPath, ['--import', 'tsx/esm', PROBE, String(port), TEST_PASSWORD, mode], {
        cwd: ROOT,
        env: { ...process.env, NODE_EXTRA_CA_CERTS: certs.caFile },
        timeout: 20_000,
      });
      expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).to.deep.equal({ secure: true, jid: 'bot@localhost/banter' });
    });
  }
});
