import { expect } from 'chai';
import { BanterError, createBot, type Bot } from 'banter';
import { SlackBackend } from '../../../backends/slack/index.ts';
import { slackTestLogger, testSlackOptions } from '../../../backends/slack/testing/slack-bot.ts';
import type { FakeSlack } from './fake-slack.ts';
import { SlackProbe } from './probe-plugin.ts';
import { ask, startProbeBot, startWorkspace } from './slack-test-bot.ts';

describe('Slack backend: a Socket Mode server that never says hello', function () {
  let slack: FakeSlack;
  let bot: Bot | undefined;

  beforeEach(async function () {
    slack = await startWorkspace();
  });

  afterEach(async function () {
    await bot?.stop();
    bot = undefined;
    await slack.stop();
    expect(slack.protocolErrors).to.deep.equal([]);
  });

  it('refuses to start, saying Slack opened the socket and never said hello, and leaves no socket open', async function () {
    slack.socket.withholdHello(1);
    const logger = slackTestLogger();
    const backend = new SlackBackend(testSlackOptions(slack, { helloTimeoutMs: 200 }), { botName: 'banter', log: logger, prefix: '!' });
    bot = await createBot({ config: { storage: { url: 'memory://' }, plugins: { builtins: false } }, backend, logger, plugins: [SlackProbe] });
    let refusal: unknown;
    await bot.start().catch((err: unknown) => (refusal = err));
    expect(refusal).to.be.instanceOf(BanterError).with.property('code', 'E_SLACK_CONNECT');
    expect((refusal as Error).message).to.include('Slack opened the Socket Mode connection but did not say hello within 200 ms; closed it.');
    expect((refusal as Error).cause).to.be.instanceOf(BanterError).with.property('code', 'E_SLACK_HELLO_TIMEOUT');
    await slack.waitFor(() => (slack.socket.connections === 0 ? true : undefined), 'the silent socket to be closed');
  });

  it('counts a reconnect that gets no hello as failed, closes it, tries again, and answers once back', async function () {
    let probe: SlackProbe;
    ({ bot, probe } = await startProbeBot(slack, { slack: { helloTimeoutMs: 200, reconnect: { initialMs: 20, maxMs: 50, jitterMs: 0 } } }));
    slack.socket.withholdHello(1);
    slack.dropConnections();
    await probe.until(() => (probe.connects === 2 ? true : undefined), 'the reconnect after the silent one');
    expect(slack.socket.connectionsAccepted).to.equal(3); // the first, the silent one, the one that said hello
    const [reply] = await ask(slack, '#ops', '!repeat back again');
    expect(reply!.text).to.equal('back again');
  });
});
