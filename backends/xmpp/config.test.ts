import { expect } from 'chai';
import { ConfigError, createBackend, createSilentLogger, fromEnv, validateConfig, type BanterConfigInput } from 'banter';
import { XmppBackend } from './xmpp-backend.ts';

/** Build the configured backend the way `banter run` does; resolves with it or with the ConfigError's issues. */
async function configure(xmpp: Record<string, unknown>) {
  const input: BanterConfigInput = { backend: 'xmpp', backends: { xmpp } };
  const config = validateConfig(input);
  try {
    return await createBackend('xmpp', { botName: config.name, log: createSilentLogger(), config, baseDir: process.cwd() });
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
}

describe('XMPP options in config.ts (backends.xmpp)', function () {
  it('builds the backend from a JID and a password, every other option defaulted', async function () {
    const backend = await configure({ jid: 'banter@example.org', password: 's3cret', rooms: ['ops', { name: 'secret@conference.example.org', password: 'p' }] });
    expect(backend).to.be.instanceOf(XmppBackend);
    expect([backend instanceof XmppBackend && backend.botIdentifier.aclattr, (backend as XmppBackend).maxMessageSize]).to.deep.equal(['banter@example.org', 10_000]);
  });

  it('says which environment variable to set when the password is missing', async function () {
    delete process.env.BANTER_TEST_UNSET_XMPP_PASSWORD;
    const issues = await configure({ jid: 'banter@example.org', password: fromEnv('BANTER_TEST_UNSET_XMPP_PASSWORD') });
    expect(issues).to.deep.equal([
      'backends.xmpp.password: is required (must be the account\'s password: set XMPP_PASSWORD and write password: fromEnv("XMPP_PASSWORD")); add it to config.ts',
    ]);
  });

  it('names each bad field: a JID with a resource, a port out of range, an unknown TLS mode, a misspelt option', async function () {
    const issues = (await configure({ jid: 'banter@example.org/laptop', password: 'x', port: 70_000, tls: { mode: 'insecure' }, room: ['ops'] })) as string[];
    expect(issues).to.have.length(4);
    expect(issues[3]).to.match(/^backends\.xmpp: unknown field "room"; remove it or check the spelling/);
    expect(issues.slice(0, 3)).to.deep.equal([
      'backends.xmpp.jid: must be a bare JID (local@domain, no /resource), e.g. "banter@example.org"',
      'backends.xmpp.port: must be at most 65535',
      'backends.xmpp.tls.mode: must be "starttls" (default, port 5222), "direct" (TLS from the first byte, port 5223) or "none" (loopback only)',
    ]);
  });

  it('allows an unencrypted connection only to a server on this machine', async function () {
    expect(await configure({ jid: 'banter@example.org', password: 'x', server: 'xmpp.example.org', tls: { mode: 'none' } })).to.deep.equal([
      'backends.xmpp.tls.mode: "none" sends the password unencrypted and is allowed only with server "127.0.0.1", "::1" or "localhost"; use "starttls" or "direct"',
    ]);
    expect(await configure({ jid: 'banter@example.org', password: 'x', server: '127.0.0.1', port: 5222, tls: { mode: 'none' } })).to.be.instanceOf(XmppBackend);
  });
});
