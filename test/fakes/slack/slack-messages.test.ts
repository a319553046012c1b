import { expect } from 'chai';
import type { Bot } from 'banter';
import type { FakeSlack } from './fake-slack.ts';
import type { SlackProbe } from './probe-plugin.ts';
import type { SlackBackend } from '../../../backends/slack/index.ts';
import { ask, barrier, botTexts, eventually, startProbeBot, startWorkspace } from './slack-test-bot.ts';

describe('Slack backend: conversations', function () {
  let slack: FakeSlack;
  let bot: Bot | undefined;
  let probe: SlackProbe;
  let backend: SlackBackend;

  beforeEach(async function () {
    slack = await startWorkspace();
  });

  afterEach(async function () {
    await bot?.stop();
    bot = undefined;
    await slack.stop();
    expect(slack.protocolErrors).to.deep.equal([]);
  });

  async function start(options: Parameters<typeof startProbeBot>[1] = {}): Promise<void> {
    ({ bot, probe, backend } = await startProbeBot(slack, options));
  }

  describe('people and mentions', function () {
    it('shows plugins names instead of mention tokens, and turns names back into mentions in replies', async function () {
      await start();
      // alice types "@bob" and "#ops"; her Slack client sends <@U…> and <#C…|ops>.
      const [reply] = await ask(slack, '#ops', '!repeat ask @bob in #ops about <this> & that');
      expect(probe.ran.at(-1)?.body).to.equal('!repeat ask @bob in #ops about <this> & that');
      expect(reply!.text).to.equal(`ask <@${slack.user('bob').id}> in <#${slack.conversation('#ops').id}> about &lt;this&gt; &amp; that`);
    });

    it('knows people by user id, with the profile from users.info as nick, full name and e-mail', async function () {
      await start();
      const [reply] = await ask(slack, 'dm', '!whoami');
      // String(person) is "@alice", which goes out as a real mention.
      const id = slack.user('alice').id;
      expect(reply!.text).to.equal(`nick=Alice aclattr=${id} fullname=Alice Liddell email=alice@example.org string=<@${id}>`);
    });

    it('keeps profiles fresh from user_change, and never takes a display name for an identity', async function () {
      await start();
      await slack.updateUser('alice', { displayName: 'bob' });
      await eventually(() => ((backend.buildIdentifier(`<@${slack.user('alice').id}>`) as { nick?: string }).nick === 'bob' ? true : undefined), 'the new display name');
      const [reply] = await ask(slack, 'dm', '!whoami');
      expect(reply!.text).to.match(new RegExp(`^nick=bob aclattr=${slack.user('alice').id} `));
    });

    it('reads a profile once and then remembers it', async function () {
      await start({ slack: { preload: { users: false, channels: true } } });
      for (let i = 0; i < 3; i++) await ask(slack, '#ops', '!whoami');
      const lookups = slack.api.calls.filter((c) => c.method === 'users.info' && c.args.user === slack.user('alice').id);
      expect(lookups).to.have.length(1);
    });

    it('answers when addressed by mention, once, although Slack sends the message and an app_mention', async function () {
      await start();
      const since = slack.mark();
      await ask(slack, '#ops', '@banterbot repeat hi there');
      await barrier(slack);
      const texts = botTexts(slack, '#ops', since);
      expect(texts).to.have.length(2);
      expect(texts[0]).to.equal('hi there');
      expect(probe.mentions[0]).to.deep.equal({ body: '@banterbot repeat hi there', people: ['U0BOT'] });
    });

    it('never pings a whole channel from text, and mentions the sender with String(person)', async function () {
      await start();
      const [reply] = await ask(slack, '#ops', '!hello');
      expect(reply!.text).to.equal(`hello <@${slack.user('alice').id}>, and &lt;!channel&gt; stays text`);
    });
  });

  describe('who the bot listens to', function () {
    it('ignores its own messages, which Slack sends back to it', async function () {
      await start();
      const since = slack.mark();
      await ask(slack, '#ops', '!repeat !repeat again');
      await barrier(slack);
      expect(botTexts(slack, '#ops', since)).to.have.length(2); // "!repeat again" was not run
      expect(probe.ran.filter((r) => r.command === 'repeat')).to.have.length(2);
    });

    it('ignores other bots unless respondToBots is set', async function () {
      slack.addUser('deploybot', { isBot: true, botId: 'B0DEPLOY' });
      slack.conversation('#ops').members.add(slack.user('deploybot').id);
      await start();
      await slack.say('deploybot', '#ops', '!repeat beep');
      await barrier(slack);
      expect(probe.ran.map((r) => r.body)).to.not.include('!repeat beep');
      await bot!.stop();
      await start({ slack: { respondToBots: true } });
      const [reply] = await ask(slack, '#ops', '!repeat boop', { who: 'deploybot' });
      expect(reply!.text).to.equal('boop');
    });

    it('does not run a command again when someone edits the message', async function () {
      await start();
      const since = slack.mark();
      const said = await slack.say('alice', '#ops', '!repeat once');
      await slack.waitForBotMessages('#ops', 1, since);
      const ops = slack.conversation('#ops');
      await slack.emit({
        type: 'message',
        subtype: 'message_changed',
        hidden: true,
        channel: ops.id,
        channel_type: 'channel',
        ts: slack.workspace.newTs(),
        event_ts: slack.workspace.newTs(),
        message: { type: 'message', user: said.user, text: '!repeat twice', ts: said.ts, edited: { user: said.user, ts: slack.workspace.newTs() } },
        previous_message: { type: 'message', user: said.user, text: said.text, ts: said.ts },
      });
      await barrier(slack);
      expect(probe.ran.map((r) => r.body)).to.not.include('!repeat twice');
    });
  });

  describe('threads', function () {
    it('answers in the thread a command came from', async function () {
      await start();
      const parent = await slack.say('bob', '#ops', 'the deploy is stuck');
      const [reply] = await ask(slack, '#ops', '!repeat looking', { threadTs: parent.ts });
      expect(reply).to.include({ text: 'looking', threadTs: parent.ts });
    });

    it('starts a thread under the command for a command declared with thread: true', async function () {
      await start();
      const since = slack.mark();
      const [reply] = await ask(slack, '#ops', '!threaded');
      const command = slack.workspace.messages.slice(since).find((m) => m.via === 'person')!;
      expect(reply).to.include({ text: 'in a thread', threadTs: command.ts });
    });

    it('diverts the answers of listed commands to a thread, and leaves the others in the channel', async function () {
      await start({ slack: { divertToThread: ['repeat'] } });
      const [diverted] = await ask(slack, '#ops', '!repeat in a thread please');
      expect(diverted!.threadTs).to.be.a('string');
      const [plain] = await ask(slack, '#ops', '!whoami');
      expect(plain!.threadTs).to.equal(undefined);
      const [dm] = await ask(slack, 'dm', '!repeat direct');
      expect(dm!.threadTs).to.equal(undefined); // direct messages are never diverted
    });
  });

  describe('private answers', function () {
    it('answers a private command asked in a channel in a direct message by default', async function () {
      await start();
      const dm = slack.conversation('dm', slack.user('alice')).id;
      const since = slack.mark();
      await slack.say('alice', '#ops', '!secret');
      const [reply] = await slack.waitForBotMessages(dm, 1, since);
      expect(reply).to.include({ text: 'only for you', channel: dm, ephemeralTo: undefined });
    });

    it('shows it in the channel to the asker alone with privateReplies: "ephemeral"', async function () {
      await start({ slack: { privateReplies: 'ephemeral' } });
      const [reply] = await ask(slack, '#ops', '!secret');
      expect(reply).to.include({ text: 'only for you', channel: slack.conversation('#ops').id, ephemeralTo: slack.user('alice').id, via: 'chat.postEphemeral' });
    });
  });

  describe('long answers', function () {
    it('splits an answer longer than Slack advises into messages of at most 4000 characters, losing nothing', async function () {
      await start();
      const parts = await ask(slack, '#ops', '!long 9500', { count: 3 });
      for (const part of parts) expect(part.text.length).to.be.at.most(4000);
      const expected = probeLong(9500);
      expect(parts.map((p) => p.text).join(' ')).to.equal(expected);
    });
  });
});

/** What `!long n` answers (see SlackProbe.long). */
function probeLong(n: number): string {
  const words: string[] = [];
  for (let i = 0; words.join(' ').length < n; i++) words.push(`w${i}`);
  return words.join(' ').slice(0, n);
}
