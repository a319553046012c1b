import { expect } from 'chai';
import { isRoom, type Bot } from 'banter';
import type { SlackBackend } from '../../../backends/slack/index.ts';
import type { FakeSlack } from './fake-slack.ts';
import type { SlackProbe } from './probe-plugin.ts';
import { ask, barrier, startProbeBot, startWorkspace } from './slack-test-bot.ts';

describe('Slack backend: reactions, cards, files and edits', function () {
  let slack: FakeSlack;
  let bot: Bot;
  let backend: SlackBackend;
  let probe: SlackProbe;

  beforeEach(async function () {
    slack = await startWorkspace();
    ({ bot, backend, probe } = await startProbeBot(slack));
  });

  afterEach(async function () {
    await bot?.stop();
    await slack.stop();
    expect(slack.protocolErrors).to.deep.equal([]);
  });

  describe('reactions', function () {
    it('tells plugins who reacted with what to which message, and where', async function () {
      const [reply] = await ask(slack, '#ops', '!repeat react to me');
      await slack.react('bob', reply!, 'thumbsup');
      const reaction = await probe.until(() => probe.reactions[0], 'a reaction');
      expect(reaction).to.include({ action: 'added', name: 'thumbsup', messageId: reply!.ts });
      expect(reaction.reactor.aclattr).to.equal(slack.user('bob').id);
      expect(isRoom(reaction.target) && reaction.target.name).to.equal('#ops');
    });

    it('reacts to a message and takes a reaction back; unicode emoji are sent by name', async function () {
      const since = slack.mark();
      await slack.say('alice', '#ops', '!look');
      const command = slack.workspace.messages[since]!;
      await slack.waitFor(() => (command.reactions.has('white_check_mark') && !command.reactions.has('eyes') ? true : undefined), 'the reactions');
      expect(Object.fromEntries(command.reactions)).to.deep.equal({ white_check_mark: ['U0BOT'] });
      await barrier(slack);
      expect(probe.reactions, 'the bot\'s own reactions are not events for plugins').to.deep.equal([]);
    });
  });

  describe('cards', function () {
    it('posts a card as Block Kit that Slack accepts, with a text fallback for notifications', async function () {
      const [card] = await ask(slack, '#ops', '!card');
      expect(card!.blocks?.map((b) => (b as { type: string }).type)).to.deep.equal(['header', 'section', 'section', 'actions']);
      expect((card!.blocks![1] as { text: { text: string } }).text.text).to.equal('Asked by _someone_ &lt;for&gt; you');
      expect(card!.text).to.match(/^\*Deploy api v1\.4\.2\?\*/).and.match(/env: prod/);
    });

    it('delivers a button press to the plugin with the action id, its value, who pressed it and the card', async function () {
      const [card] = await ask(slack, '#ops', '!card');
      const ack = await slack.press('bob', card!, 'deploy-yes');
      expect(ack).to.deep.equal({ via: 'socket', ack: {} });
      const action = await probe.until(() => probe.cardActions[0], 'a button press');
      expect(action).to.include({ actionId: 'deploy-yes', value: 'v1.4.2' });
      expect(action.who.aclattr).to.equal(slack.user('bob').id);
      expect(isRoom(action.target) && action.target.name).to.equal('#ops');
      expect(action.message?.id).to.equal(card!.ts);
    });

    it('sends a card from a plugin to a person as a direct message', async function () {
      const sent = await bot.sendCard(backend.buildIdentifier('@bob'), { title: 'Heads up', body: 'the build is red', color: 'danger' });
      const [card] = slack.botMessages({ channel: slack.conversation('dm', slack.user('bob')).id });
      expect(card?.ts).to.equal(sent.id);
      expect(card?.attachments).to.deep.equal([
        {
          color: '#e01e5a',
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: 'Heads up', emoji: true } },
            { type: 'section', text: { type: 'mrkdwn', text: 'the build is red' } },
          ],
          fallback: '*Heads up*\nthe build is red',
        },
      ]);
    });
  });

  describe('files', function () {
    it('uploads a file through files.uploadV2 into the thread of the command, with its comment', async function () {
      const parent = await slack.say('bob', '#ops', 'how did the nightly go?');
      const [shared] = await ask(slack, '#ops', '!report', { threadTs: parent.ts });
      expect(shared).to.include({ via: 'files.completeUploadExternal', threadTs: parent.ts, text: 'the _report_' });
      expect(shared!.files.map((f) => [f.name, f.content?.toString('utf8')])).to.deep.equal([['report.txt', 'all green\n']]);
      const steps = slack.api.calls.filter((c) => c.method.startsWith('files.')).map((c) => `${c.method} ${c.outcome}`);
      expect(steps).to.deep.equal(['files.getUploadURLExternal ok', 'files.completeUploadExternal ok']);
    });
  });

  describe('edits and deletions', function () {
    it('edits a message it sent and deletes another', async function () {
      const since = slack.mark();
      await ask(slack, '#ops', '!revise', { count: 1 });
      await slack.waitFor(() => (slack.botMessages({ channel: '#ops', since }).some((m) => m.text === 'revised') ? true : undefined), 'the last answer');
      const posted = slack.workspace.messages.slice(since).filter((m) => m.via === 'chat.postMessage');
      expect(posted.map((m) => [m.text, m.edited, m.deleted])).to.deep.equal([
        ['final', true, false],
        ['mistake', false, true],
        ['revised', false, false],
      ]);
    });

    it('refuses to edit an ephemeral message with an error that says why', async function () {
      const error = await backend.edit({ id: '1.2', to: backend.queryRoom('#ops'), channel: 'C1', parts: [], via: 'ephemeral' } as never, 'x').catch((e: unknown) => e);
      expect((error as { code?: string }).code).to.equal('E_SLACK_EPHEMERAL');
    });
  });
});
