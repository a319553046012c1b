import { expect } from 'chai';
import { createTestBot } from 'banter/testing';
import { UtilsPlugin } from './index.ts';

describe('utils plugin', function () {
  it('echoes', async function () {
    const bot = await createTestBot({ plugins: [UtilsPlugin] });
    expect(await bot.say('!echo hello  there')).to.equal('hello  there');
    await bot.stop();
  });

  it('shows who you are, where, and whether you are an admin by aclattr, not by nick', async function () {
    const bot = await createTestBot({ plugins: [UtilsPlugin], config: { admins: ['@root'] } });
    const impostor = bot.backend.person('eve', 'root');
    expect(await bot.in('#ops').as(impostor).say('!whoami')).to.equal(
      ['identifier: #ops/eve', 'id: eve', 'nick: root', 'fullname: root', 'aclattr: @eve', 'room: #ops', 'admin: no'].join('\n'),
    );
    expect(await bot.as('@root').say('!whoami')).to.contain('admin: yes');
    await bot.stop();
  });
});
