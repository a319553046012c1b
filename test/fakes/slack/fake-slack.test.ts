import { expect } from 'chai';
import { App, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import { BANTER_BOT_SCOPES, FakeSlack } from './fake-slack.ts';
import { slackSignature } from './http-events.ts';

// The fake is the strict side of every Slack test: these tests pin down that it refuses what Slack refuses,
// with Slack's error codes, and that the unmodified SDK works against it.
describe('the fake Slack', function () {
  let slack: FakeSlack;
  let bot: webApi.WebClient;
  const { WebClient } = webApi;
  type WebAPIPlatformError = webApi.WebAPIPlatformError;
  type WebAPIRateLimitedError = webApi.WebAPIRateLimitedError;
  // The SDK logs every refusal; these tests provoke refusals on purpose.
  const quiet = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };
  const client = (token: string | undefined, apiUrl: string) =>
    new WebClient(token, { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: quiet });

  beforeEach(async function () {
    slack = await FakeSlack.start();
    bot = client(slack.botToken, slack.apiUrl);
  });

  afterEach(async function () {
    await slack?.stop();
  });

  async function refusal(call: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
    try {
      await call;
    } catch (error) {
      return (error as WebAPIPlatformError).data;
    }
    throw new Error('expected Slack to refuse the call');
  }

  describe('authentication', function () {
    it('answers a call without a token with not_authed', async function () {
      const anonymous = client(undefined, slack.apiUrl);
      expect((await refusal(anonymous.auth.test())).error).to.equal('not_authed');
    });

    it('answers an unknown token with invalid_auth', async function () {
      const stranger = client('xoxb-not-a-real-token', slack.apiUrl);
      expect((await refusal(stranger.auth.test())).error).to.equal('invalid_auth');
    });

    it('refuses the bot token for apps.connections.open and the app token for chat.postMessage', async function () {
      expect((await refusal(bot.apps.connections.open({}))).error).to.equal('not_allowed_token_type');
      const app = client(slack.appToken, slack.apiUrl);
      slack.addChannel('general', { bot: true });
      expect((await refusal(app.chat.postMessage({ channel: 'general', text: 'hi' }))).error).to.equal('not_allowed_token_type');
    });

    it('identifies the bot with auth.test', async function () {
      const me = await bot.auth.test();
      expect(me).to.include({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', user: 'banterbot', team_id: 'T0FAKE' });
    });
  });

  describe('scopes', function () {
    it('answers missing_scope naming the scope that is needed', async function () {
      const narrow = await FakeSlack.start({ scopes: BANTER_BOT_SCOPES.filter((s) => s !== 'channels:join') });
      try {
        const narrowBot = client(narrow.botToken, narrow.apiUrl);
        const general = narrow.addChannel('general');
        const data = await refusal(narrowBot.conversations.join({ channel: general.id }));
        expect(data).to.include({ error: 'missing_scope', needed: 'channels:join' });
      } finally {
        await narrow.stop();
      }
    });

    it('leaves the e-mail out of user objects without users:read.email', async function () {
      const narrow = await FakeSlack.start({ scopes: BANTER_BOT_SCOPES.filter((s) => s !== 'users:read.email') });
      try {
        const narrowBot = client(narrow.botToken, narrow.apiUrl);
        const alice = narrow.addUser('alice', { email: 'alice@example.org' });
        const { user } = await narrowBot.users.info({ user: alice.id });
        expect(user?.name).to.equal('alice');
        expect(user?.profile?.email).to.equal(undefined);
      } finally {
        await narrow.stop();
      }
    });
  });

  describe('messages', function () {
    it('answers an unknown channel with channel_not_found and a channel without the bot with not_in_channel', async function () {
      expect((await refusal(bot.chat.postMessage({ channel: 'C0NOWHERE', text: 'hi' }))).error).to.equal('channel_not_found');
      const elsewhere = slack.addChannel('elsewhere');
      expect((await refusal(bot.chat.postMessage({ channel: elsewhere.id, text: 'hi' }))).error).to.equal('not_in_channel');
    });

    it('refuses a message with neither text nor blocks, and text over 40,000 characters', async function () {
      const general = slack.addChannel('general', { bot: true });
      expect((await refusal(bot.apiCall('chat.postMessage', { channel: general.id }))).error).to.equal('no_text');
      expect((await refusal(bot.chat.postMessage({ channel: general.id, text: 'x'.repeat(40_001) }))).error).to.equal('msg_too_long');
    });

    it('refuses blocks beyond the Block Kit limits with invalid_blocks and a pointer to the field', async function () {
      const general = slack.addChannel('general', { bot: true });
      const data = await refusal(
        bot.chat.postMessage({ channel: general.id, text: 'fallback', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }] }),
      );
      expect(data.error).to.equal('invalid_blocks');
      expect(String(data.response_metadata?.messages)).to.match(/json-pointer:\/blocks\/0\/text\/text/);
    });

    it('answers a form body that is not a form with invalid_form_data', async function () {
      const response = await fetch(`${slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${slack.botToken}`, 'content-type': 'text/plain' },
        body: 'channel=C1&text=hi',
      });
      expect(await response.json()).to.deep.equal({ ok: false, error: 'invalid_form_data' });
    });

    it('lets only the bot update or delete its own messages', async function () {
      const general = slack.addChannel('general', { bot: true, members: [slack.addUser('alice').id] });
      const said = await slack.say('alice', '#general', 'hello');
      expect((await refusal(bot.chat.update({ channel: general.id, ts: said.ts, text: 'edited' }))).error).to.equal('cant_update_message');
      const posted = await bot.chat.postMessage({ channel: general.id, text: 'mine' });
      await bot.chat.update({ channel: general.id, ts: posted.ts!, text: 'still mine' });
      expect(slack.botMessages().map((m) => m.text)).to.deep.equal(['still mine']);
      await bot.chat.delete({ channel: general.id, ts: posted.ts! });
      expect(slack.botMessages()).to.deep.equal([]);
    });
  });

  describe('rate limits', function () {
    it('answers with HTTP 429 and Retry-After as many times as told, then serves the call', async function () {
      const general = slack.addChannel('general', { bot: true });
      slack.api.rateLimit('chat.postMessage', 1, 2);
      const error = (await bot.chat.postMessage({ channel: general.id, text: 'hi' }).catch((e: unknown) => e)) as WebAPIRateLimitedError;
      expect(error.code).to.equal('slack_webapi_rate_limited_error');
      expect(error.retryAfter).to.equal(2);
      expect((await bot.chat.postMessage({ channel: general.id, text: 'hi' })).ok).to.equal(true);
    });
  });

  describe('file uploads', function () {
    it('takes the three-step files.uploadV2 flow and shares the file with its comment', async function () {
      const general = slack.addChannel('general', { bot: true });
      await bot.filesUploadV2({ channel_id: general.id, file: Buffer.from('hello, file'), filename: 'hello.txt', title: 'Hello', initial_comment: 'here it is' });
      const [shared] = slack.botMessages({ channel: '#general' });
      expect(shared?.text).to.equal('here it is');
      expect(shared?.files.map((f) => [f.name, f.title, f.content?.toString()])).to.deep.equal([['hello.txt', 'Hello', 'hello, file']]);
      expect(slack.protocolErrors).to.deep.equal([]);
    });

    it('refuses to complete an upload whose bytes never arrived', async function () {
      const { file_id } = await bot.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });
      expect((await refusal(bot.files.completeUploadExternal({ files: [{ id: file_id! }] }))).error).to.equal('file_not_found');
    });
  });

  describe('response_url', function () {
    it('answers five times, then refuses with used_url', async function () {
      slack.addUser('alice');
      slack.addChannel('general', { bot: true, members: ['alice'] });
      slack.useRequestUrl('http://127.0.0.1:9/never-called'); // the command itself is not delivered in this test
      const url = slack.responseUrls.issue(slack.baseUrl, { channel: slack.conversation('#general').id, user: slack.user('alice').id, kind: 'commands' });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: `reply ${i}` }) });
        statuses.push(response.status);
      }
      expect(statuses).to.deep.equal([200, 200, 200, 200, 200, 404]);
      expect(slack.botMessages().map((m) => m.ephemeralTo)).to.deep.equal(Array(5).fill(slack.user('alice').id));
    });
  });

  describe('Socket Mode and the Events API with the unmodified Bolt', function () {
    it('delivers a message over Socket Mode, takes the ack, and shows Bolt\'s say() in the channel', async function () {
      slack.addUser('alice');
      slack.addChannel('general', { bot: true, members: ['alice'] });
      const clientOptions = { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } };
      const receiver = new SocketModeReceiver({ appToken: slack.appToken, clientPingTimeout: 200, logLevel: LogLevel.ERROR, installerOptions: { clientOptions: { ...clientOptions } } });
      const app = new App({ token: slack.botToken, receiver, clientOptions, logLevel: LogLevel.ERROR });
      app.message('ping', async ({ say }) => {
        await say('pong');
      });
      await app.start();
      try {
        const since = slack.mark();
        await slack.say('alice', '#general', 'ping');
        const [reply] = await slack.waitForBotMessages('#general', 1, since);
        expect(reply?.text).to.equal('pong');
      } finally {
        await receiver.client.disconnect();
      }
      expect(slack.protocolErrors).to.deep.equal([]);
    });

    it('signs HTTP deliveries so that Bolt accepts them, and Bolt refuses a wrong signature with 401', async function () {
      slack.addUser('alice');
      slack.addChannel('general', { bot: true, members: ['alice'] });
      const app = new App({ token: slack.botToken, signingSecret: slack.signingSecret, clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } }, logLevel: LogLevel.ERROR });
      app.message('ping', async ({ say }) => {
        await say('pong');
      });
      const server = (await app.start(0)) as import('node:http').Server;
      try {
        const port = (server.address() as import('node:net').AddressInfo).port;
        slack.useRequestUrl(`http://127.0.0.1:${port}/slack/events`);
        const since = slack.mark();
        await slack.say('alice', '#general', 'ping');
        await slack.waitForBotMessages('#general', 1, since);
        const body = JSON.stringify({ type: 'url_verification', challenge: 'c' });
        const timestamp = Math.floor(Date.now() / 1000);
        expect((await slack.postToRequestUrl(body, 'application/json', { signature: slackSignature('wrong', timestamp, body), timestamp })).status).to.equal(401);
      } finally {
        await app.stop();
      }
    });
  });
});
