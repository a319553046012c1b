import { NULL_SINK } from 'banter/testing';
import { expect } from 'chai';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { Bot } from 'banter';
import { freePort } from '../../test/support/servers/free-port.ts';
import { startProsody, type ProsodyServer } from '../../test/support/servers/prosody.ts';
import { waitFor } from '../../test/support/servers/wait-for.ts';
import type { XmppBackendOptionsInput } from './config.ts';
import { XmppBackend } from './xmpp-backend.ts';
import { EventLog } from './testing/event-log.ts';
import { Gate, watcherPlugin, type Watched } from './testing/watcher-plugin.ts';
import { TEST_PASSWORD, startXmppBot, testBackendOptions, xmppChatDriver } from './testing/xmpp-bot.ts';
import { XmppHuman, bodyOf } from './testing/xmpp-human.ts';

describe('XMPP backend when the server goes away', function () {
  this.timeout(30_000);
  let server: ProsodyServer;
  let bot: Bot;
  let backend: XmppBackend;
  let alice: XmppHuman;
  const log = new EventLog<Watched>();
  const gate = new Gate();
  const login = () => XmppHuman.login({ port: server.port, domain: server.domain, username: 'alice', password: TEST_PASSWORD });
  const ops = () => `ops@${server.mucDomain}`;
  const driver = () => xmppChatDriver(alice, { jid: 'bot@localhost', nick: 'banter' }, ops());

  before(async function () {
    server = await startProsody({ users: { bot: TEST_PASSWORD, alice: TEST_PASSWORD } });
    ({ bot, backend } = await startXmppBot(server, [watcherPlugin(log, gate)], { backend: { rooms: ['ops'] } }));
    alice = await login();
    await alice.join(ops(), 'alice');
  });

  after(async function () {
    await alice?.logout();
    await bot?.stop();
    await server?.remove();
  });

  it('is back in its rooms within 5 s of a killed server returning, and delivers the reply it computed meanwhile', async function () {
    expect(await driver().say('!whoami', { room: ops() })).to.deep.equal(['you are alice@localhost']);
    await alice.say(ops(), '!slow', 'groupchat');
    await gate.entered;
    const outage = log.mark();
    await server.kill9();
    await log.next((e) => e.type === 'disconnect', { from: outage, what: 'the bot noticing the outage' });
    gate.open(); // the command answers while the server is down: its reply must wait, not vanish
    await waitFor(async () => backend.pendingSends === 1, { what: 'the reply to be held for the reconnect', timeoutMs: 5_000 });

    await server.restart();
    const returned = performance.now();
    await log.next((e) => e.type === 'joined' && e.room === ops() && e.who === undefined, { from: outage, what: 'the bot rejoining ops', timeoutMs: 5_000 });
    expect(performance.now() - returned).to.be.below(5_000);
    await log.next((e) => e.type === 'connect', { from: outage, what: 'the reconnect to be reported' }); // after the rooms
    expect(bot.status().connected).to.equal(true);

    await alice.logout();
    alice = await login();
    await alice.join(ops(), 'alice', { history: 10 }); // the reply may have gone out before alice was back
    await alice.waitFor((s) => bodyOf(s) === 'done' && s.attrs.from === `${ops()}/banter`);
    expect(await driver().say('!whoami', { room: ops() })).to.deep.equal(['you are alice@localhost']);
    expect(backend.pendingSends).to.equal(0);
  });

  it('rides out a graceful server shutdown (a stream error) without crashing, and answers again after it', async function () {
    const outage = log.mark();
    await server.stop(); // SIGTERM: Prosody sends <system-shutdown/> to every client first
    await log.next((e) => e.type === 'disconnect', { from: outage, what: 'the disconnect' });
    await server.restart();
    await log.next((e) => e.type === 'connect', { from: outage, what: 'the reconnect' });
    await alice.logout();
    alice = await login();
    expect(await driver().say('!whoami')).to.deep.equal(['you are alice@localhost']);
  });

  describe('refuses to start, saying what to fix', function () {
    const connectWith = async (overrides: Partial<XmppBackendOptionsInput>) => {
      const failing = new XmppBackend(testBackendOptions(server, overrides), { botName: 'banter' });
      failing.attach(NULL_SINK);
      const error = await failing.connect().then(() => undefined, (err: Error & { code?: string }) => err);
      await failing.disconnect();
      return error;
    };

    it('a wrong password', async function () {
      const error = await connectWith({ password: 'hunter2' });
      expect(error?.code).to.equal('E_XMPP_CONNECT');
      expect(error?.message).to.match(/as bot@localhost at xmpp:\/\/127\.0\.0\.1:\d+: the server refused the login \(not-authorized\)\. Check "jid" and the password/);
    });

    it('nothing listening at the address', async function () {
      const error = await connectWith({ port: await freePort() });
      expect(error?.message).to.match(/nothing answers there \(ECONNREFUSED\)\. Check "server" and "port"/);
    });

    it('a port that accepts connections but never speaks XMPP, within the timeout', async function () {
      const accepted = new Set<Socket>();
      const silent = createServer((socket) => accepted.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const port = (silent.address() as AddressInfo).port;
        const error = await connectWith({ port, timeoutMs: 300 });
        expect(error?.message).to.match(/the server did not answer in time\. Check "server", "port" and tls\.mode/);
      } finally {
        for (const socket of accepted) socket.destroy();
        silent.close();
      }
    });

    it('a server that does not offer encryption, before sending it the password', async function () {
      const error = await connectWith({ tls: { mode: 'starttls' } });
      expect(error?.message).to.match(/did not encrypt the connection \(no STARTTLS offered\), so the password was not sent/);
    });
  });
});
