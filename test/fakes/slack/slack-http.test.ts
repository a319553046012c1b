import { expect } from 'chai';
import type { Bot } from 'banter';
import type { SlackBackend } from '../../../backends/slack/index.ts';
import type { FakeSlack } from './fake-slack.ts';
import { slackSignature } from './http-events.ts';
import { eventCallback } from './payloads.ts';
import type { SlackProbe } from './probe-plugin.ts';
import { ask, barrier, startProbeBot, startWorkspace } from './slack-test-bot.ts';

// The HTTP Events API: Slack POSTs signed requests to the bot's Request URL (Bolt's HTTPReceiver).
describe('Slack backend over the HTTP Events API', function () {
  let slack: FakeSlack;
  let bot: Bot;
  let backend: SlackBackend;
  let probe: SlackProbe;

  beforeEach(async function () {
    slack = await startWorkspace();
    ({ bot, backend, probe } = await startProbeBot(slack, { slack: { transport: 'http', appToken: undefined } }));
    slack.useRequestUrl(`http://127.0.0.1:${backend.httpAddress!.port}/slack/events`);
  });

  afterEach(async function () {
    await bot?.stop();
    await slack.stop();
    expect(slack.protocolErrors).to.deep.equal([]);
  });

  /** A message event from alice in #ops, as Slack would sign and send it. */
  function aliceSays(text: string, eventId: string): string {
    const ops = slack.conversation('#ops');
    const ts = slack.workspace.newTs();
    const event = { type: 'message', channel: ops.id, user: slack.user('alice').id, text, ts, event_ts: ts, channel_type: 'channel', team: slack.workspace.teamId };
    return JSON.stringify(eventCallback(slack.workspace, event, eventId));
  }

  it('runs a command from a signed event and answers through the Web API', async function () {
    const [reply] = await ask(slack, '#ops', '!add 2 3');
    expect(reply!.text).to.equal('5');
    expect(backend.connected).to.equal(true);
  });

  it('answers Slack\'s url_verification challenge', async function () {
    const response = await slack.postToRequestUrl(JSON.stringify({ token: 't', challenge: 'chal-123', type: 'url_verification' }), 'application/json');
    expect(response.status).to.equal(200);
    expect(JSON.parse(response.body)).to.deep.equal({ challenge: 'chal-123' });
  });

  it('refuses a request signed with another secret, and runs nothing', async function () {
    const body = aliceSays('!repeat forged', 'Ev0FORGED1');
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await slack.postToRequestUrl(body, 'application/json', { signature: slackSignature('not-the-secret', timestamp, body), timestamp });
    expect(response.status).to.equal(401);
    await barrier(slack);
    expect(probe.ran.map((r) => r.body)).to.not.include('!repeat forged');
  });

  it('refuses a correctly signed request whose timestamp is ten minutes old (a replay)', async function () {
    const body = aliceSays('!repeat replayed', 'Ev0REPLAY1');
    const response = await slack.postToRequestUrl(body, 'application/json', { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(response.status).to.equal(401);
    await barrier(slack);
    expect(probe.ran.map((r) => r.body)).to.not.include('!repeat replayed');
  });

  it('runs a command once when Slack delivers its event again (X-Slack-Retry-Num)', async function () {
    const since = slack.mark();
    await slack.say('alice', '#ops', '!repeat only once');
    await slack.waitForBotMessages('#ops', 1, since);
    const eventId = slack.lastEventId((e) => e.text === '!repeat only once')!;
    const again = await slack.redeliver(eventId, 1);
    expect(again.via === 'http' && again.response.status).to.equal(200);
    await barrier(slack);
    expect(probe.ran.filter((r) => r.body === '!repeat only once')).to.have.length(1);
  });

  it('takes slash commands and button presses over HTTP too', async function () {
    const since = slack.mark();
    const delivery = await slack.slash('alice', '#ops', '/banter', 'add 40 2');
    expect(delivery.via === 'http' && delivery.response.status).to.equal(200);
    const [answer] = await slack.waitForBotMessages('#ops', 1, since);
    expect(answer).to.include({ text: '42', via: 'response_url' });
    const [card] = await ask(slack, '#ops', '!card');
    await slack.press('bob', card!, 'deploy-no');
    const action = await probe.until(() => probe.cardActions[0], 'the button press');
    expect(action.actionId).to.equal('deploy-no');
  });
});
