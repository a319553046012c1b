import { expect } from 'chai';
import { createServer, type Server } from 'node:net';
import { BanterError, createBot, createSilentLogger } from 'banter';
import { SamplePlugin } from 'banter/testing';
import { SlackBackend } from '../../../backends/slack/index.ts';
import { testSlackOptions } from '../../../backends/slack/testing/slack-bot.ts';
import type { FakeSlack } from './fake-slack.ts';
import { ask, startWorkspace } from './slack-test-bot.ts';

describe('Slack backend: starting up', function () {
  let slack: FakeSlack;

  beforeEach(async function () {
    slack = await startWorkspace();
  });

  afterEach(async function () {
    await slack.stop();
    expect(slack.protocolErrors).to.deep.equal([]);
  });

  async function connectError(overrides: Parameters<typeof testSlackOptions>[1]): Promise<BanterError> {
    const backend = new SlackBackend(testSlackOptions(slack, overrides), { botName: 'banter' });
    const error = await backend.connect().then(
      () => undefined,
      (e: unknown) => e,
    );
    await backend.disconnect();
    expect(error).to.be.instanceOf(BanterError);
    return error as BanterError;
  }

  it('fails at once on a bot token Slack refuses, naming the token and where to find it', async function () {
    const error = await connectError({ botToken: 'xoxb-revoked' });
    expect(error.code).to.equal('E_SLACK_CONNECT');
    expect(error.message).to.match(/bot token \(botToken, SLACK_BOT_TOKEN: the "Bot User OAuth Token" on the app's "OAuth & Permissions" page\) was refused/);
    expect(error.message).to.match(/invalid_auth/);
  });

  it('fails at once on an app-level token Slack refuses, naming that token instead', async function () {
    const error = await connectError({ appToken: 'xapp-1-revoked' });
    expect(error.message).to.match(/app-level token \(appToken, SLACK_APP_TOKEN: "Basic Information" → "App-Level Tokens", with connections:write\)/);
    expect(error.message).to.match(/invalid_auth/);
  });

  it('says which port the HTTP receiver could not listen on', async function () {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const error = await connectError({ transport: 'http', appToken: undefined, http: { port, host: '127.0.0.1' } });
      expect(error.message).to.match(new RegExp(`could not listen on port ${port}`));
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('runs from config.ts with backend: "slack", joining the configured channels', async function () {
    const bot = await createBot({
      config: {
        backend: 'slack',
        backends: { slack: { ...testSlackOptions(slack), channels: ['#quiet'] } },
        storage: { url: 'memory://' },
        plugins: { builtins: false },
        log: { level: 'silent' },
      },
      logger: createSilentLogger(),
      plugins: [SamplePlugin],
    });
    await bot.start();
    try {
      expect(bot.backend.mode).to.equal('slack');
      expect(slack.conversation('#quiet').members.has('U0BOT')).to.equal(true);
      const [reply] = await ask(slack, '#quiet', '!ping');
      expect(reply!.text).to.equal('pong');
    } finally {
      await bot.stop();
    }
  });
});
