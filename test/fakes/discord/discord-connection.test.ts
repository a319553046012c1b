import { expect } from 'chai';
import { pino } from 'pino';
import { BanterError, ConfigError, createBot, type Bot, type Logger } from 'banter';
import { SamplePlugin } from 'banter/testing';
import { startDiscordBot } from '../../../backends/discord/testing/discord-bot.ts';
import { SeenLog, discordTestPlugin } from '../../../backends/discord/testing/discord-test-plugin.ts';
import { FakeDiscord } from './fake-discord.ts';
import { CLOSE } from './gateway.ts';
import type { FakeChannel, FakeUser } from './world.ts';

/** A logger that keeps every entry, to read what the backend reported. */
function recordingLogger(): { logger: Logger; entries: Array<Record<string, unknown>> } {
  const entries: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void entries.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, entries };
}

describe('Discord backend: connecting, intents, drops, resumes, rate limits', function () {
  describe('at start-up', function () {
    let fake: FakeDiscord | undefined;

    afterEach(async function () {
      await fake?.stop();
      fake = undefined;
    });

    it('refuses to start, naming the Developer Portal switch, when the application lacks the Message Content intent', async function () {
      fake = await FakeDiscord.start({ grantedIntents: ['GuildMembers', 'GuildPresences'] });
      const error = await startDiscordBot(fake, [SamplePlugin]).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(BanterError);
      expect((error as BanterError).code).to.equal('E_DISCORD_INTENTS');
      expect((error as BanterError).message).to.match(/4014.*Message Content Intent.*Developer Portal/);
      expect(fake.gateway.log.closes).to.include(CLOSE.DisallowedIntents);
    });

    it('refuses a configuration that does not ask for MessageContent before it connects: plugins would see empty messages', async function () {
      fake = await FakeDiscord.start();
      const error = await createBot({
        config: { backend: 'discord', storage: { url: 'memory://' }, backends: { discord: { token: fake.token, apiUrl: fake.apiUrl, intents: ['Guilds', 'GuildMessages'] } } },
      }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ConfigError);
      expect((error as ConfigError).message).to.match(/backends\.discord\.intents: must include "MessageContent".*empty messages/);
      expect(fake.calls).to.have.length(0);
    });

    it('refuses a wrong token, saying where the right one is', async function () {
      fake = await FakeDiscord.start();
      const error = await startDiscordBot({ apiUrl: fake.apiUrl, token: 'AAAA.BBBB.CCCC' }, [SamplePlugin]).catch((e: unknown) => e);
      expect((error as BanterError).code).to.equal('E_DISCORD_TOKEN');
      expect((error as BanterError).message).to.match(/Reset Token/);
      expect(fake.calls.map((c) => [c.path, c.status])).to.deep.equal([['/gateway/bot', 401]]);
    });

    it('identifies with the configured intents and heartbeats, each beat acknowledged', async function () {
      fake = await FakeDiscord.start({ heartbeatIntervalMs: 100 });
      const { bot } = await startDiscordBot(fake, [SamplePlugin]);
      try {
        const [identify] = fake.gateway.log.identifies;
        // Guilds | GuildMessages | GuildMessageReactions | DirectMessages | DirectMessageReactions | MessageContent
        expect(identify!.intents).to.equal(1 | 512 | 1024 | 4096 | 8192 | 32768);
        expect(identify!.compress).to.equal(false);
        expect(fake.gateway.log.connections[0]!.query).to.equal('?v=10&encoding=json');
        await fake.waitFor(() => (fake!.gateway.log.heartbeats >= 2 ? true : undefined), 'two heartbeats');
      } finally {
        await bot.stop();
      }
    });
  });

  describe('while running', function () {
    let fake: FakeDiscord;
    let bot: Bot;
    let seen: SeenLog;
    let alice: FakeUser;
    let general: FakeChannel;
    let log: ReturnType<typeof recordingLogger>;

    beforeEach(async function () {
      fake = await FakeDiscord.start();
      alice = fake.addUser('alice');
      general = fake.channel('general');
      seen = new SeenLog();
      log = recordingLogger();
      ({ bot } = await startDiscordBot(fake, [SamplePlugin, discordTestPlugin(seen)], { logger: log.logger }));
    });

    afterEach(async function () {
      await bot?.stop();
      await fake?.stop();
    });

    async function ping(where: FakeChannel = general): Promise<string> {
      const before = fake.botMessages(where).length;
      fake.say(alice, where, '!ping');
      const [reply] = await fake.botMessagesAfter(where, before, 1);
      return reply!.content;
    }

    it('resumes the session when Discord asks it to reconnect (op 7), and misses nothing said meanwhile', async function () {
      fake.gateway.requestReconnect();
      expect(await ping()).to.equal('pong');
      await fake.waitFor(() => fake.gateway.log.resumes[0], 'a RESUME');
      expect(fake.gateway.log.identifies).to.have.length(1);
      expect(fake.gateway.log.connections.at(-1)!.path).to.equal('/resume');
    });

    it('resumes after the connection drops, answering what was said while it was away', async function () {
      fake.gateway.dropConnections();
      const before = fake.botMessages(general).length;
      const said = fake.say(alice, general, '!sample echo said during the outage');
      const [reply] = await fake.botMessagesAfter(general, before, 1);
      expect(reply!.content).to.equal('said during the outage');
      expect(reply!.referenceId).to.equal(said.id);
      expect(fake.gateway.log.resumes).to.have.length(1);
      expect(fake.gateway.log.identifies).to.have.length(1);
      await seen.waitFor((e) => e.type === 'disconnect');
      await seen.waitFor((e) => e.type === 'connect');
    });

    it('identifies anew after Discord invalidates the session (op 9), and answers again', async function () {
      this.timeout(20_000); // discord.js waits out Discord's 5 s between two IDENTIFYs
      fake.gateway.invalidateSessions(false);
      await fake.waitFor(() => (fake.gateway.log.identifies.length === 2 ? true : undefined), 'a second IDENTIFY', 15_000);
      await seen.waitFor((e) => e.type === 'connect', 5_000);
      expect(await ping()).to.equal('pong');
      expect(log.entries.some((e) => e.msg === 'Discord session started anew (the old one was invalid)')).to.equal(true);
    });

    it('spaces its attempts with a growing backoff while the gateway cannot be reached, then resumes', async function () {
      fake.gateway.refuseConnections(4);
      fake.gateway.dropConnections();
      await fake.waitFor(() => fake.gateway.log.resumes[0], 'a RESUME once the gateway is back', 15_000);
      expect(await ping()).to.equal('pong');
      const waits = log.entries.filter((e) => e.msg === 'Discord gateway unreachable; waiting before the next attempt').map((e) => e.waitMs as number);
      // The first attempt after the drop goes at once; each refused one after it waits longer than the last.
      expect(waits).to.have.length(4);
      expect(waits.slice(0, 3).every((ms, i) => ms - 20 < waits[i + 1]!)).to.equal(true);
      expect(fake.gateway.log.connections.filter((c) => c.path === '/resume')).to.have.length(5);
    });

    it('waits out a 429 for as long as Discord says, then delivers the reply once', async function () {
      fake.rest.rateLimits.add({ method: 'POST', path: /^\/channels\/\d+\/messages$/, times: 1, retryAfterMs: 300 });
      expect(await ping()).to.equal('pong');
      expect(fake.rest.rateLimits.hits).to.deep.equal([{ method: 'POST', path: `/channels/${general.id}/messages`, early: false }]);
      const posts = fake.callsTo('POST', /^\/channels\/\d+\/messages$/);
      expect(posts.map((c) => c.status)).to.deep.equal([429, 200]);
      expect(fake.botMessages(general).map((m) => m.content)).to.deep.equal(['pong']);
      expect(log.entries.some((e) => e.msg === 'Discord rate limit: waiting' || /rate limit/i.test(String(e.msg)))).to.equal(true);
    });

    it('stops the bot when Discord ends the session for good (token reset while running)', async function () {
      fake.gateway.closeConnections(CLOSE.AuthenticationFailed, 'Authentication failed.');
      await bot.untilStopped();
      expect(log.entries.some((e) => e.msg === 'Discord ended the session for good' && /4004/.test(String(e.reason)))).to.equal(true);
    });
  });
});
