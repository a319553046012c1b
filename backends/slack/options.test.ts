import { expect } from 'chai';
import { ConfigError, createBackend, createSilentLogger, validateConfig, type BanterConfigInput } from 'banter';
import { slackBackendOptions } from './options.ts';

function problems(input: unknown): string[] {
  const parsed = slackBackendOptions.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('Slack backend options', function () {
  it('accepts a bot token and an app token, and defaults to Socket Mode', function () {
    const options = slackBackendOptions.parse({ botToken: 'xoxb-1-abc', appToken: 'xapp-1-abc' });
    expect(options.transport).to.equal('socket');
    expect(options.pacing).to.deep.equal({ messagesPerSecond: 1, burst: 3 });
    expect(options.retries).to.equal(undefined); // the SDK's own retry policy in production
  });

  it('names every missing token at once, with where the Slack app settings show it and the variable to read', function () {
    const found = problems({});
    expect(found).to.have.length(2);
    expect(found[0]).to.match(/^botToken: .*"Bot User OAuth Token".*"OAuth & Permissions".*SLACK_BOT_TOKEN/);
    expect(found[1]).to.match(/^appToken: .*Socket Mode.*"Basic Information" → "App-Level Tokens".*connections:write.*SLACK_APP_TOKEN/);
  });

  it('asks for the signing secret, not the app token, with the HTTP Events API', function () {
    const found = problems({ botToken: 'xoxb-1', transport: 'http' });
    expect(found).to.have.length(1);
    expect(found[0]).to.match(/^signingSecret: .*"Signing Secret".*"Basic Information" → "App Credentials".*SLACK_SIGNING_SECRET/);
    expect(problems({ botToken: 'xoxb-1', transport: 'http', signingSecret: '8f742231b10e8888abcd99yyyzzz85a5' })).to.deep.equal([]);
  });

  it('says which token went into the wrong setting by its prefix', function () {
    expect(problems({ botToken: 'xapp-1-abc', appToken: 'xoxb-1-abc' })).to.deep.equal([
      'botToken: is an app-level token (xapp-…), which belongs in appToken; botToken must be the "Bot User OAuth Token" (xoxb-…) on your Slack app\'s "OAuth & Permissions" page',
      'appToken: is a bot token (xoxb-…), which belongs in botToken; appToken must be an app-level token (xapp-…) from "Basic Information" → "App-Level Tokens", created with the connections:write scope',
    ]);
    expect(problems({ botToken: 'xoxp-1-abc', appToken: 'xapp-1' })[0]).to.match(/user token \(xoxp-…\)/);
    expect(problems({ botToken: 'xoxb-1', transport: 'http', signingSecret: 'xoxb-1-abcdefghijklmnop' })[0]).to.match(/^signingSecret: looks like a token/);
  });

  it('refuses options it does not know, so a misspelt one is not silently ignored', function () {
    expect(problems({ botToken: 'xoxb-1', appToken: 'xapp-1', divertToThreads: true })[0]).to.match(/divertToThreads/);
  });

  it('reports them as config.ts problems under backends.slack when the bot is built', async function () {
    const config = validateConfig({ backend: 'slack', backends: { slack: { transport: 'socket' } } } satisfies BanterConfigInput);
    const error = await createBackend('slack', { botName: 'banter', log: createSilentLogger(), config, baseDir: process.cwd() }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ConfigError);
    const paths = (error as ConfigError).issues.map((issue) => issue.path);
    expect(paths).to.deep.equal(['backends.slack.botToken', 'backends.slack.appToken']);
    expect((error as ConfigError).message).to.match(/backends\.slack\.botToken: is required \(must be the "Bot User OAuth Token"/);
  });
});
