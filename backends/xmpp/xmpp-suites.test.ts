import { NULL_SINK, backendConformanceSuite, pluginEndToEndSuite } from 'banter/testing';
import { startProsody, type ProsodyServer } from '../../test/support/servers/prosody.ts';
import { XmppBackend } from './xmpp-backend.ts';
import { TEST_PASSWORD, startXmppBot, testBackendOptions, xmppChatDriver } from './testing/xmpp-bot.ts';
import { XmppHuman } from './testing/xmpp-human.ts';

// The shared suites every backend runs, against a real Prosody: what holds for the console holds here.
describe('XMPP backend against a real Prosody: the shared suites', function () {
  this.timeout(20_000);
  let server: ProsodyServer;

  before(async function () {
    server = await startProsody({ users: { bot: TEST_PASSWORD, alice: TEST_PASSWORD } });
  });

  after(async function () {
    await server?.remove();
  });

  backendConformanceSuite({
    name: 'xmpp',
    connect: async () => {
      const backend = new XmppBackend(testBackendOptions(server), { botName: 'banter' });
      backend.attach(NULL_SINK); // nothing listens to a backend under the conformance suite
      await backend.connect();
      return backend;
    },
    identifiers: { person: 'alice@localhost', room: 'ops@conference.localhost', occupant: 'ops@conference.localhost/alice' },
  });

  pluginEndToEndSuite({
    name: 'xmpp',
    start: async (plugins) => {
      const room = `e2e@${server.mucDomain}`;
      const { bot, backend } = await startXmppBot(server, plugins);
      await backend.joinRoom(room);
      const alice = await XmppHuman.login({ port: server.port, domain: server.domain, username: 'alice', password: TEST_PASSWORD });
      await alice.join(room, 'alice');
      return {
        driver: xmppChatDriver(alice, { jid: backend.botIdentifier.id, nick: backend.botIdentifier.nick }, room),
        stop: async () => {
          await alice.logout();
          await bot.stop();
        },
      };
    },
  });
});
