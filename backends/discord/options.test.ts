import { expect } from 'chai';
import { ConfigError, createBackend, createSilentLogger, validateConfig } from 'banter';
import { DiscordBackend } from './discord-backend.ts';
import { DEFAULT_INTENTS, discordBackendOptions, intentBits } from './options.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

async function buildDiscord(options: Record<string, unknown>) {
  const config = validateConfig({ backend: 'discord', backends: { discord: options }, storage: { url: 'memory://' } });
  return createBackend('discord', { botName: 'banter', log: createSilentLogger(), config, baseDir: process.cwd() });
}

async function issues(options: Record<string, unknown>): Promise<string[]> {
  const error = await buildDiscord(options).catch((e: unknown) => e);
  expect(error).to.be.instanceOf(ConfigError);
  return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
}

describe('Discord configuration', function () {
  it('is a built-in backend: backend "discord" in config.ts builds a DiscordBackend', async function () {
    const backend = await buildDiscord({ token: TOKEN });
    expect(backend).to.be.instanceOf(DiscordBackend);
    expect(backend.mode).to.equal('discord');
    expect(backend.maxMessageSize).to.equal(2000);
  });

  it('asks for guild messages, DMs, reactions and message content by default, and offers slash commands globally', function () {
    const options = discordBackendOptions.parse({ token: TOKEN });
    expect(options.intents).to.deep.equal([...DEFAULT_INTENTS]);
    expect(intentBits(options.intents)).to.equal(1 | 512 | 1024 | 4096 | 8192 | 32768);
    expect(options).to.deep.include({ slashCommands: true, ignoreBots: true });
    expect(options.commandGuild).to.equal(undefined);
  });

  it('says where the token comes from when it is missing or empty', async function () {
    const [missing] = await issues({});
    expect(missing).to.match(/^backends\.discord\.token: is required .*Developer Portal → your application → Bot → Reset Token.*fromEnv\('DISCORD_TOKEN'\)/);
    const [empty] = await issues({ token: '' });
    expect(empty).to.match(/is empty: is DISCORD_TOKEN set\?/);
  });

  it('refuses the "Bot " prefix and things that are not a bot token (the application id, the client secret)', async function () {
    expect((await issues({ token: `Bot ${TOKEN}` }))[0]).to.match(/without the "Bot " prefix/);
    expect((await issues({ token: '123456789012345678' }))[0]).to.match(/does not look like a bot token.*application id or the client secret are not the token/);
  });

  it('refuses intents without MessageContent, saying plugins would see empty messages and which switch to turn on', async function () {
    const [problem] = await issues({ token: TOKEN, intents: ['Guilds', 'GuildMessages'] });
    expect(problem).to.match(/^backends\.discord\.intents: must include "MessageContent".*empty messages.*Message Content Intent/);
  });

  it('names an unknown intent and lists the known ones', async function () {
    const [problem] = await issues({ token: TOKEN, intents: ['Guilds', 'MessageContent', 'GuildMessages', 'Everything'] });
    expect(problem).to.match(/^backends\.discord\.intents\.3: must be an intent name: Guilds, GuildMembers/);
  });

  it('wants a guild id, not a name, for slash command registration', async function () {
    const [problem] = await issues({ token: TOKEN, commandGuild: 'My Server' });
    expect(problem).to.match(/^backends\.discord\.commandGuild: must be the guild .*Copy ID/);
  });
});
