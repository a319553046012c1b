import { expect } from 'chai';
import { VERSION } from 'banter';
import { createTestBot } from 'banter/testing';
import { StatusPlugin } from './index.ts';

describe('status plugin', function () {
  it('tells what is running, its health and its uptime', async function () {
    const bot = await createTestBot({ plugins: [StatusPlugin], config: { name: 'opsbot' } });
    expect(await bot.say('!about')).to.equal(`opsbot runs Banter ${VERSION}, a ChatOps bot framework, on the test backend.`);
    expect(await bot.say('!uptime')).to.match(/^I have been up for \d+ seconds?\.$/);
    const status = await bot.say('!status');
    expect(status).to.contain('backend: test (connected)');
    expect(status).to.contain('storage: memory (answering)');
    expect(status).to.contain('plugins: 1 active, 0 inactive, 0 failed');
    expect(status).to.match(/messages received: 3; commands run: 3, failed: 0/);
    await bot.stop();
  });

  it('shuts down or restarts the bot for an admin, after a yes', async function () {
    const bot = await createTestBot({ plugins: [StatusPlugin], config: { admins: ['@root'] } });
    expect(await bot.as('@alice').say('!shutdown')).to.match(/bot admins only/);
    expect(await bot.as('@root').say('!restart')).to.match(/^This will run !restart\. Answer yes/);
    expect(await bot.as('@root').say('yes')).to.equal('Restarting.');
    await bot.bot.untilStopped();
    expect(bot.bot.restartRequested).to.equal(true);
  });
});
