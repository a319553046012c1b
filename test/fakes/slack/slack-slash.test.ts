import { expect } from 'chai';
import type { Bot } from 'banter';
import type { FakeSlack } from './fake-slack.ts';
import type { SlackProbe } from './probe-plugin.ts';
import { startProbeBot, startWorkspace } from './slack-test-bot.ts';

describe('Slack backend: slash commands', function () {
  let slack: FakeSlack;
  let bot: Bot | undefined;
  let probe: SlackProbe;

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
    ({ bot, probe } = await startProbeBot(slack, options));
  }

  /** Run a slash command as alice and return the bot's first `count` answers in `where`. */
  async function slash(where: string, command: string, text: string, count = 1) {
    const place = slack.conversation(where, slack.user('alice')).id;
    const since = slack.mark();
    const delivery = await slack.slash('alice', where, command, text);
    expect(delivery).to.deep.equal({ via: 'socket', ack: {} }); // acknowledged at once, answered later
    return slack.waitForBotMessages(place, count, since);
  }

  it('runs /banter <command> as that Banter command and answers through the response_url, to the asker alone', async function () {
    await start();
    const [reply] = await slash('#ops', '/banter', 'add 2 3');
    expect(reply).to.include({ text: '5', via: 'response_url', responseType: 'ephemeral', ephemeralTo: slack.user('alice').id });
  });

  it('runs a slash command named like a Banter command as that command, arguments and all', async function () {
    await start();
    const [reply] = await slash('#ops', '/repeat', 'hello <world> & @bob');
    expect(probe.ran.at(-1)).to.deep.equal({ command: 'repeat', body: '!repeat hello <world> & @bob', from: slack.user('alice').id });
    expect(reply!.text).to.equal(`hello &lt;world&gt; &amp; <@${slack.user('bob').id}>`);
  });

  it('maps slash commands to commands with slashCommands.map, and shows answers to everyone with replies: "in_channel"', async function () {
    await start({ slack: { slashCommands: { map: { '/ship': 'repeat shipping' }, replies: 'in_channel' } } });
    const [reply] = await slash('#ops', '/ship', 'v2 to prod');
    expect(reply).to.include({ text: 'shipping v2 to prod', via: 'response_url', responseType: 'in_channel', ephemeralTo: undefined });
  });

  it('answers in a direct message with the bot, too', async function () {
    await start();
    const [reply] = await slash('dm', '/banter', 'whoami');
    expect(reply!.text).to.match(/^nick=Alice aclattr=/);
    expect(reply!.via).to.equal('response_url');
  });

  it('drops nothing when a command answers more often than a response_url allows: the rest go through the Web API', async function () {
    await start();
    const replies = await slash('#ops', '/banter', 'count 7', 7);
    expect(replies.map((r) => r.text)).to.deep.equal(['1', '2', '3', '4', '5', '6', '7']);
    expect(replies.map((r) => r.via)).to.deep.equal([...Array(5).fill('response_url'), 'chat.postEphemeral', 'chat.postEphemeral']);
    expect(replies.every((r) => r.ephemeralTo === slack.user('alice').id)).to.equal(true);
  });

  it('sends the rest to the asker\'s DM when the command came from a channel the bot is not in', async function () {
    await start();
    const dm = slack.conversation('dm', slack.user('alice')).id;
    const since = slack.mark();
    await slack.slash('alice', '#quiet', '/banter', 'count 7');
    const inQuiet = await slack.waitForBotMessages('#quiet', 5, since);
    const inDm = await slack.waitForBotMessages(dm, 2, since);
    expect(inQuiet.map((r) => r.text)).to.deep.equal(['1', '2', '3', '4', '5']);
    expect(inDm.map((r) => r.text)).to.deep.equal(['6', '7']);
  });

  it('answers through the Web API when the response_url has expired', async function () {
    await start();
    let open!: () => void;
    probe.gate = new Promise((resolve) => (open = resolve));
    const since = slack.mark();
    await slack.slash('alice', '#ops', '/banter', 'wait');
    await probe.until(() => probe.ran.find((r) => r.command === 'wait'), 'the command to start');
    slack.responseUrls.expireAll();
    open();
    const [reply] = await slack.waitForBotMessages('#ops', 1, since);
    expect(reply).to.include({ text: 'waited', via: 'chat.postEphemeral', ephemeralTo: slack.user('alice').id });
  });

  it('answers with a card through the response_url, as Block Kit', async function () {
    await start();
    const [reply] = await slash('#ops', '/banter', 'card');
    expect(reply).to.include({ via: 'response_url', responseType: 'ephemeral' });
    expect(reply!.blocks?.map((b) => (b as { type: string }).type)).to.deep.equal(['header', 'section', 'section', 'actions']);
  });

  it('says so when the slash command names no Banter command', async function () {
    await start();
    const [reply] = await slash('#ops', '/banter', 'pnig');
    expect(reply!.text).to.match(/not found/).and.match(/!ping/);
  });
});
