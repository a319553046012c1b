import { backendConformanceSuite, pluginEndToEndSuite } from 'banter/testing';
import type { Bot } from 'banter';
import { startNgircd, type NgircdServer } from '../../test/support/servers/ngircd.ts';
import { IrcHuman } from './testing/irc-human.ts';
import { ircChatDriver, startIrcBot } from './testing/irc-bot.ts';

// The shared suites, against a real ngircd (flood protection on, as on a real network) with a second
// irc-framework client as the human. A plugin written for the console runs unchanged here.
describe('IRC backend on a real ngircd', function () {
  let server: NgircdServer;
  const cleanups: Array<() => Promise<void>> = [];

  before(async function () {
    server = await startNgircd();
  });

  after(async function () {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await server?.remove();
  });

  backendConformanceSuite({
    name: 'irc',
    connect: async () => {
      const human = await IrcHuman.connect({ port: server.port, nick: 'alice', channels: ['#conformance'] });
      const { bot, backend } = await startIrcBot({ port: server.port, nick: 'conformer', channels: ['#conformance'] });
      cleanups.push(() => stop(bot, human));
      return backend;
    },
    // alice is in the channel, so "alice" names her full mask: the round trip keeps it.
    identifiers: { person: 'alice', room: '#conformance', occupant: '#conformance/alice' },
  });

  pluginEndToEndSuite({
    name: 'irc',
    start: async (plugins) => {
      const human = await IrcHuman.connect({ port: server.port, nick: 'dana', channels: ['#e2e'] });
      const { bot, backend } = await startIrcBot({ port: server.port, channels: ['#e2e'], plugins });
      return { driver: ircChatDriver(human, backend, '#e2e'), stop: () => stop(bot, human) };
    },
  });
});

async function stop(bot: Bot, human: IrcHuman): Promise<void> {
  await bot.stop();
  await human.quit();
}
