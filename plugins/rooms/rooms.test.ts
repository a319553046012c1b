import { expect } from 'chai';
import { createTestBot } from 'banter/testing';
import { RoomsPlugin } from './index.ts';

describe('rooms plugin', function () {
  it('joins, lists, describes and leaves rooms for admins', async function () {
    const bot = await createTestBot({ plugins: [RoomsPlugin], config: { admins: ['@root'] } });
    const root = bot.as('@root');
    expect(await root.say('!room list')).to.equal('I am in no rooms.');
    expect(await root.say('!room join #ops')).to.equal('Joined #ops.');
    expect(await root.say('!room topic #ops deploys at 10')).to.equal('Topic of #ops set.');
    expect(await root.say('!room topic #ops')).to.equal('#ops: deploys at 10');
    expect(await root.say('!room invite #ops @alice @bob')).to.equal('Invited @alice, @bob to #ops.');
    expect(await root.say('!room occupants #ops')).to.equal('banter (@banter)\nalice (@alice)\nbob (@bob)');
    expect(await root.say('!room list')).to.equal('#ops');
    expect(await root.say('!room invite #ops #other')).to.equal('#other is not a person.');
    expect(await root.say('!room leave #ops')).to.equal('Left #ops.');
    expect(await root.say('!room list')).to.equal('I am in no rooms.');
    expect(await root.say('!room join')).to.match(/^Not enough arguments/);
    expect(await bot.as('@alice').say('!room join #ops')).to.match(/bot admins only/);
    await bot.stop();
  });
});
