import { expect } from 'chai';
import { BanterError, type Bot } from 'banter';
import { SamplePlugin } from 'banter/testing';
import { freePort } from '../../test/support/servers/free-port.ts';
import { startNgircd, type NgircdServer } from '../../test/support/servers/ngircd.ts';
import { IrcHuman, same } from './testing/irc-human.ts';
import { startIrcBot } from './testing/irc-bot.ts';

// Getting connected: TLS, a taken nick, and failures reported at once with their reason.
describe('IRC connection on a real ngircd', function () {
  let server: NgircdServer;
  const bots: Bot[] = [];

  before(async function () {
    server = await startNgircd({ tls: true, floodProtection: false });
  });

  afterEach(async function () {
    for (const bot of bots.splice(0)) await bot.stop();
  });

  after(async function () {
    await server?.remove();
  });

  it('connects over TLS and talks there', async function () {
    const alice = await IrcHuman.connect({ port: server.port, nick: 'alice', channels: ['#tls'] });
    try {
      const { bot } = await startIrcBot({ port: server.tlsPort!, channels: ['#tls'], plugins: [SamplePlugin], irc: { tls: true, tlsVerify: false } });
      bots.push(bot);
      const from = alice.mark();
      alice.say('#tls', '!ping');
      const answer = await alice.waitFor((s) => s.type === 'privmsg' && same(s.nick, 'banter'), { from, what: 'an answer over TLS' });
      expect(answer).to.include({ target: '#tls', text: 'pong' });
    } finally {
      await alice.quit();
    }
  });

  it('refuses a server certificate it cannot verify, and says why', async function () {
    const error = await startIrcBot({ port: server.tlsPort!, irc: { tls: true } }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(BanterError).with.property('code', 'E_IRC_CONNECT');
    expect((error as Error).message).to.match(/127\.0\.0\.1:\d+ \(TLS\): .*self[- ]signed certificate/);
  });

  it('takes another nick when its own is taken', async function () {
    const first = await startIrcBot({ port: server.port, nick: 'opsbot' });
    bots.push(first.bot);
    const second = await startIrcBot({ port: server.port, nick: 'opsbot', irc: { altNicks: ['opsbot2'] } });
    bots.push(second.bot);
    const third = await startIrcBot({ port: server.port, nick: 'opsbot', irc: { altNicks: ['opsbot2'] } });
    bots.push(third.bot);
    expect([first, second, third].map((b) => b.backend.botIdentifier.nick)).to.deep.equal(['opsbot', 'opsbot2', 'opsbot_']);
  });

  it('reports a server it cannot reach at once, with the reason, instead of retrying in silence', async function () {
    const port = await freePort();
    const error = await startIrcBot({ port }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(BanterError).with.property('code', 'E_IRC_CONNECT');
    expect((error as Error).message).to.match(new RegExp(`127\\.0\\.0\\.1:${port}: connect ECONNREFUSED`));
  });

  it('reports a wrong server password at once', async function () {
    await server.reconfigure({ password: 'letmein' });
    try {
      const error = await startIrcBot({ port: server.port, irc: { password: 'guess' } }).catch((e: unknown) => e);
      expect(error).to.have.property('code', 'E_IRC_CONNECT');
      expect((error as Error).message).to.match(/password|Access denied/i);
      const { bot } = await startIrcBot({ port: server.port, irc: { password: 'letmein' } });
      bots.push(bot);
    } finally {
      await server.reconfigure({ password: undefined });
    }
  });
});
