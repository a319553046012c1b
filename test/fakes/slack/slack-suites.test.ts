import { NULL_SINK, backendConformanceSuite, pluginEndToEndSuite } from 'banter/testing';
import { SlackBackend } from '../../../backends/slack/index.ts';
import { slackTestLogger, startSlackBot, testSlackOptions } from '../../../backends/slack/testing/slack-bot.ts';
import { slackChatDriver } from '../../../backends/slack/testing/slack-chat-driver.ts';
import { FakeSlack } from './fake-slack.ts';

// The shared suites every backend runs, through the unmodified Bolt against the fake Slack in Socket Mode:
// a plugin written for the console runs here unchanged.
describe('Slack backend against the fake Slack: the shared suites', function () {
  let slack: FakeSlack;

  before(async function () {
    slack = await FakeSlack.start();
    slack.addUser('alice', { realName: 'Alice Liddell', displayName: 'Alice', email: 'alice@example.org' });
    slack.addChannel('conformance', { bot: true, members: ['alice'] });
    slack.addChannel('e2e', { bot: true, members: ['alice'] });
  });

  after(async function () {
    await slack?.stop();
  });

  backendConformanceSuite({
    name: 'slack',
    connect: async () => {
      const backend = new SlackBackend(testSlackOptions(slack), { botName: 'banter', log: slackTestLogger() });
      backend.attach(NULL_SINK);
      await backend.connect();
      return backend;
    },
    identifiers: { person: '@alice', room: '#conformance', occupant: '#conformance/@alice' },
  });

  pluginEndToEndSuite({
    name: 'slack',
    start: async (plugins) => {
      const { bot } = await startSlackBot(slack, plugins);
      return { driver: slackChatDriver(slack.peer('alice'), '#e2e'), stop: () => bot.stop() };
    },
  });
});
