import { expect } from 'chai';
import { parseIdentifierText } from './identifier-text.ts';

const U = '123456789012345678';
const C = '876543210987654321';

describe('Discord identifier text', function () {
  it('reads mentions as Discord writes them: <@user>, <@!user>, <#channel>', function () {
    expect(parseIdentifierText(`<@${U}>`)).to.deep.equal({ kind: 'user', id: U });
    expect(parseIdentifierText(`<@!${U}>`)).to.deep.equal({ kind: 'user', id: U });
    expect(parseIdentifierText(` <#${C}> `)).to.deep.equal({ kind: 'channel', id: C });
  });

  it('reads an occupant as <#channel>/<@user>, and a bare snowflake as an id', function () {
    expect(parseIdentifierText(`<#${C}>/<@${U}>`)).to.deep.equal({ kind: 'occupant', channelId: C, userId: U });
    expect(parseIdentifierText(U)).to.deep.equal({ kind: 'id', id: U });
  });

  it('reads @username, #channel, Guild/#channel and #channel/thread name', function () {
    expect(parseIdentifierText('@alice')).to.deep.equal({ kind: 'username', username: 'alice' });
    expect(parseIdentifierText('#Ops')).to.deep.equal({ kind: 'channel-name', guild: undefined, channel: 'ops', thread: undefined });
    expect(parseIdentifierText('Ops Team/HQ/#deploys')).to.deep.equal({ kind: 'channel-name', guild: 'Ops Team/HQ', channel: 'deploys', thread: undefined });
    expect(parseIdentifierText('#deploys/release 1.4 / hotfix')).to.deep.equal({ kind: 'channel-name', guild: undefined, channel: 'deploys', thread: 'release 1.4 / hotfix' });
  });

  it('refuses text that names nothing rather than guessing', function () {
    for (const text of ['', '   ', 'alice', '<@alice>', '<#12>', '#', '/#ops', '#ops/', '@', '12345', 'ops@example.org']) {
      expect(parseIdentifierText(text), text).to.equal(undefined);
    }
  });
});
