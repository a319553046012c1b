import { expect } from 'chai';
import { readableText, wireText, type MentionDirectory } from './mentions.ts';

const ALICE = '111111111111111111';
const BOT = '222222222222222222';
const OPS = '333333333333333333';
const ONCALL = '444444444444444444';

const directory: MentionDirectory = {
  username: (id) => ({ [ALICE]: 'alice', [BOT]: 'banterbot' })[id],
  channelName: (id) => (id === OPS ? 'ops' : undefined),
  roleName: (id) => (id === ONCALL ? 'oncall' : undefined),
  userId: (name) => ({ alice: ALICE, banterbot: BOT })[name.toLowerCase()],
  channelId: (name) => (name === 'ops' ? OPS : undefined),
};

describe('Discord mentions', function () {
  it('shows plugins names instead of ids: users, channels, roles and custom emoji', function () {
    expect(readableText(`<@${BOT}> deploy, cc <@!${ALICE}> <@&${ONCALL}> in <#${OPS}> <:party:555555555555555555>`, directory)).to.equal(
      '@banterbot deploy, cc @alice @oncall in #ops :party:',
    );
  });

  it('keeps an id it cannot name, so nothing is lost', function () {
    expect(readableText('<@999999999999999999> and <#999999999999999999>', directory)).to.equal('<@999999999999999999> and <#999999999999999999>');
  });

  it('writes @name and #channel the Discord way, and leaves code, e-mail addresses and unknown names alone', function () {
    expect(wireText('@alice: see #ops. Mail alice@example.org, not `@alice` or ```\n#ops\n``` or @nobody', directory)).to.equal(
      `<@${ALICE}>: see <#${OPS}>. Mail alice@example.org, not \`@alice\` or \`\`\`\n#ops\n\`\`\` or @nobody`,
    );
  });

  it('never turns @everyone or @here into anything', function () {
    expect(wireText('@everyone @here @alice', directory)).to.equal(`@everyone @here <@${ALICE}>`);
  });

  it('round-trips: what a plugin reads it can write back', function () {
    const wire = `<@${ALICE}> look at <#${OPS}>`;
    expect(wireText(readableText(wire, directory), directory)).to.equal(wire);
  });
});
