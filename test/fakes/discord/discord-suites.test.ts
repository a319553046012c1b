import { NULL_SINK, backendConformanceSuite, pluginEndToEndSuite } from 'banter/testing';
import { DiscordBackend } from '../../../backends/discord/discord-backend.ts';
import { startDiscordBot, testBackendOptions } from '../../../backends/discord/testing/discord-bot.ts';
import { discordChatDriver } from './chat-driver.ts';
import { FakeDiscord } from './fake-discord.ts';

// The shared suites every backend runs, through the unmodified discord.js against the fake Discord: what holds
// for the console holds here.
describe('Discord backend against the fake Discord: the shared suites', function () {
  let fake: FakeDiscord;

  before(async function () {
    fake = await FakeDiscord.start({ channels: ['general', 'banter-e2e'] });
  });

  after(async function () {
    await fake?.stop();
  });

  backendConformanceSuite({
    name: 'discord',
    connect: async () => {
      const backend = new DiscordBackend(testBackendOptions(fake), { botName: 'banter' });
      backend.attach(NULL_SINK); // nothing listens to a backend under the conformance suite
      await backend.connect();
      return backend;
    },
    get identifiers() {
      const alice = [...fake.world.users.values()].find((u) => u.username === 'alice') ?? fake.addUser('alice');
      const general = fake.channel('general');
      return { person: `<@${alice.id}>`, room: `<#${general.id}>`, occupant: `<#${general.id}>/<@${alice.id}>` };
    },
  });

  pluginEndToEndSuite({
    name: 'discord',
    start: async (plugins) => {
      const human = fake.addUser('carol');
      const { bot } = await startDiscordBot(fake, plugins);
      return { driver: discordChatDriver(fake, human, fake.channel('banter-e2e')), stop: () => bot.stop() };
    },
  });
});
