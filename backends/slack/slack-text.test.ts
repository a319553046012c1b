import { expect } from 'chai';
import { fromSlackText, mentionedUserIds, toSlackText, type MentionNames } from './slack-text.ts';

const users: Record<string, string> = { U0ALICE: 'alice', U0BOB: 'bob.smith' };
const channels: Record<string, string> = { C0OPS: 'ops', C0DEPLOY: 'deploys' };
const names: MentionNames = {
  userName: (id) => users[id],
  userId: (name) => Object.keys(users).find((id) => users[id] === name),
  channelName: (id) => channels[id],
  channelId: (name) => Object.keys(channels).find((id) => channels[id] === name),
};

describe('Slack text, incoming', function () {
  it('turns mention tokens into the names people see, and lists who was mentioned', function () {
    const readable = fromSlackText('<@U0ALICE> ask <@U0BOB|bob> in <#C0OPS|ops> or <#C0DEPLOY>', names);
    expect(readable.text).to.equal('@alice ask @bob.smith in #ops or #deploys');
    expect(readable.mentions).to.deep.equal(['U0ALICE', 'U0BOB']);
    expect(mentionedUserIds('<@U0ALICE> <@U0ALICE|alice> <@W0X>')).to.deep.equal(['U0ALICE', 'W0X']);
  });

  it('shows links as what was typed, special mentions as @here, and unescapes &, < and >', function () {
    expect(fromSlackText('see <https://example.org/a?b=1&amp;c=2> or <http://example.org|example.org>', names).text).to.equal(
      'see https://example.org/a?b=1&c=2 or example.org',
    );
    expect(fromSlackText('<!here> <!channel> <!subteam^S0OPS|@oncall> <!date^1392734382^{date}|Feb 18>', names).text).to.equal('@here @channel @oncall Feb 18');
    expect(fromSlackText('!add &lt;a&gt; &amp;&amp; &lt;b&gt;', names).text).to.equal('!add <a> && <b>');
  });

  it('keeps an unknown mention readable by its id or label', function () {
    expect(fromSlackText('<@U0NOBODY> <@U0LABEL|carol>', names).text).to.equal('@U0NOBODY @carol');
  });
});

describe('Slack text, outgoing', function () {
  it('escapes &, < and > so no text can forge a Slack token', function () {
    expect(toSlackText('usage: add <a> <b> && done', names)).to.equal('usage: add &lt;a&gt; &lt;b&gt; &amp;&amp; done');
  });

  it('never turns text into @channel, @here or @everyone pings, even text a person typed as a token', function () {
    expect(toSlackText('<!channel> wake up @here', names)).to.equal('&lt;!channel&gt; wake up @here');
  });

  it('turns @handle and #channel of known members and channels into mentions, and leaves e-mails and unknowns alone', function () {
    expect(toSlackText('ping @alice and @bob.smith. in #ops, not @carol or alice@example.org or #nowhere', names)).to.equal(
      'ping <@U0ALICE> and <@U0BOB>. in <#C0OPS>, not @carol or alice@example.org or #nowhere',
    );
  });

  it('keeps mention tokens a plugin wrote itself', function () {
    expect(toSlackText('hello <@U0ALICE> in <#C0OPS|ops>', names)).to.equal('hello <@U0ALICE> in <#C0OPS|ops>');
  });

  it('converts markdown to mrkdwn: bold, italics, strike, links and headings', function () {
    expect(toSlackText('**bold** and *italic* and __also bold__ and ~~gone~~', names)).to.equal('*bold* and _italic_ and *also bold* and ~gone~');
    expect(toSlackText('[the docs](https://example.org/a?x=1&y=2) and ![logo](https://example.org/l.png)', names)).to.equal(
      '<https://example.org/a?x=1&amp;y=2|the docs> and <https://example.org/l.png|logo>',
    );
    expect(toSlackText('# Deploy @alice\nbody', names)).to.equal('*Deploy <@U0ALICE>*\nbody');
  });

  it('leaves code alone except for escaping: no mentions or formatting inside backticks', function () {
    expect(toSlackText('run `rm *.tmp && echo @alice` then\n```\n**x** <y> #ops\n```', names)).to.equal(
      'run `rm *.tmp &amp;&amp; echo @alice` then\n```\n**x** &lt;y&gt; #ops\n```',
    );
  });

  it('round-trips what a person typed through both directions', function () {
    const typed = 'héllo wörld ✓ 🚀 <a> & @alice';
    const sent = toSlackText(typed, names);
    expect(fromSlackText(sent, names).text).to.equal(typed);
  });
});
