import { expect } from 'chai';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, createBackend, createSilentLogger, validateConfig } from 'banter';
import { ROOT, runBanter } from '../../test/support/run-banter.ts';
import { IrcBackend } from './irc-backend.ts';
import { ircBackendOptions } from './options.ts';

async function buildIrc(options: Record<string, unknown>) {
  const config = validateConfig({ backend: 'irc', backends: { irc: options }, storage: { url: 'memory://' } });
  return createBackend('irc', { botName: 'banter', log: createSilentLogger(), config, baseDir: ROOT });
}

describe('IRC configuration', function () {
  it('is a built-in backend: backend "irc" in config.ts builds an IrcBackend', async function () {
    const backend = await buildIrc({ server: 'irc.example.org', nick: 'opsbot' });
    expect(backend).to.be.instanceOf(IrcBackend);
    expect(backend.mode).to.equal('irc');
  });

  it('names the missing server and nick, and says what to write', async function () {
    const error = await buildIrc({ channels: ['#ops'] }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ConfigError);
    const issues = (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
    expect(issues).to.have.length(2);
    expect(issues[0]).to.match(/^backends\.irc\.server: is required .*server: "irc\.libera\.chat"/);
    expect(issues[1]).to.match(/^backends\.irc\.nick: is required .*nick: "opsbot"/);
  });

  it('says which environment variable to set when a secret read with fromEnv is missing', async function () {
    const error = await buildIrc({ server: 'irc.example.org', nick: 'opsbot', sasl: { account: 'opsbot', password: undefined } }).catch((e: unknown) => e);
    expect((error as ConfigError).message).to.match(/backends\.irc\.sasl\.password: is required .*fromEnv\('IRC_SASL_PASSWORD'\)/);
  });

  it('refuses channels, keys and nicks that are not what IRC allows', async function () {
    const error = await buildIrc({ server: 'irc.example.org', nick: '9lives', channels: ['ops', { name: '#x', key: 'a b' }] }).catch((e: unknown) => e);
    const paths = (error as ConfigError).issues.map((i) => i.path);
    expect(paths).to.include.members(['backends.irc.nick', 'backends.irc.channels.0', 'backends.irc.channels.1.key']);
  });

  it('refuses to send a password unencrypted, or to skip certificate checks, for a server elsewhere', async function () {
    const error = await buildIrc({ server: 'irc.example.org', nick: 'opsbot', tls: false, tlsVerify: false, sasl: { account: 'opsbot', password: 'x' } }).catch((e: unknown) => e);
    const issues = (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
    expect(issues).to.have.length(2);
    expect(issues[0]).to.match(/^backends\.irc\.tlsVerify: false turns certificate checks off .*NODE_EXTRA_CA_CERTS/);
    expect(issues[1]).to.match(/^backends\.irc\.sasl: would be sent unencrypted .*allowPlaintextSecrets: true/);
    await buildIrc({ server: 'irc.internal', nick: 'opsbot', tls: false, password: 'x', allowPlaintextSecrets: true });
    await buildIrc({ server: '127.0.0.1', nick: 'opsbot', tls: false, tlsVerify: false, password: 'x' });
  });

  it('defaults to TLS on 6697, one line a second after a burst of five, and plain-text output', function () {
    const options = ircBackendOptions.parse({ server: 'irc.example.org', nick: 'opsbot' });
    expect(options).to.include({ tls: true, tlsVerify: true, rate: 1, burst: 5, format: 'plain', realname: 'Banter bot' });
    expect(options.port).to.equal(undefined);
    expect(options.reconnect).to.deep.equal({ initialMs: 1_000, maxMs: 300_000, jitterMs: 3_000 });
  });

  it('is checked by "banter check-config" with no extra wiring', async function () {
    this.timeout(30_000);
    const dir = join(ROOT, '.tmp', `irc-config-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(
        join(dir, 'irc.config.ts'),
        "import { defineConfig } from 'banter';\nexport default defineConfig({ backend: 'irc', backends: { irc: { channels: ['#ops'] } }, storage: { url: 'memory://' }, plugins: { builtins: false } });\n",
      );
      const run = await runBanter(['check-config', '--config', join(dir, 'irc.config.ts')]);
      expect(run.code, run.stderr).to.equal(2);
      expect(run.stderr).to.match(/backends\.irc\.server: is required/);
      expect(run.stderr).to.match(/backends\.irc\.nick: is required/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
