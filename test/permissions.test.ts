import { expect } from 'chai';
import { Plugin, command, type BanterConfigInput, type Message } from 'banter';
import { createTestBot, type TestBot } from 'banter/testing';
import { HelpPlugin } from '../plugins/help/index.ts';

class Deploys extends Plugin {
  static override metadata = { name: 'deploys' };
  @command()
  deploy(_msg: Message, args: string) {
    return `deploying ${args}`;
  }
  @command()
  status() {
    return 'all green';
  }
  @command({ admin: true })
  halt() {
    return 'halted';
  }
  @command({ name: 'deploy rollback' })
  rollback() {
    return 'rolled back';
  }
}

async function botWith(access: BanterConfigInput['access'], admins: string[] = ['@root']): Promise<TestBot> {
  return createTestBot({ plugins: [Deploys, HelpPlugin], config: { admins, access } });
}

describe('permissions', function () {
  it('lets only the allowed users run a command, matched on aclattr globs', async function () {
    const bot = await botWith({ rules: { 'deploys:deploy': { allowUsers: ['@alice', '@ops-*'] } } });
    expect(await bot.as('@alice').say('!deploy api')).to.equal('deploying api');
    expect(await bot.as('@ops-bob').say('!deploy api')).to.equal('deploying api');
    expect(await bot.as('@mallory').say('!deploy api')).to.equal('You are not allowed to run "deploy".');
    expect(await bot.as('@mallory').say('!status')).to.equal('all green');
    await bot.stop();
  });

  it('cannot be fooled by a display name or nick that looks like an allowed user', async function () {
    const bot = await botWith({ rules: { 'deploy': { allowUsers: ['@alice'] } } });
    const impostor = bot.backend.person('mallory', 'alice');
    expect(await bot.as(impostor).say('!deploy api')).to.equal('You are not allowed to run "deploy".');
    const fakeAdmin = bot.backend.person('eve', 'root');
    expect(await bot.as(fakeAdmin).say('!halt')).to.equal('You are not allowed to run "halt": it is for bot admins only.');
    expect(await bot.as('@root').say('!halt')).to.equal('halted');
    await bot.stop();
  });

  it('refuses denied users even when they are allowed by another list', async function () {
    const bot = await botWith({ rules: { '*:deploy*': { allowUsers: ['@*'], denyUsers: ['@intern-*'] } } });
    expect(await bot.as('@intern-joe').say('!deploy api')).to.equal('You are not allowed to run "deploy".');
    expect(await bot.as('@intern-joe').say('!deploy rollback')).to.equal('You are not allowed to run "deploy rollback".');
    expect(await bot.as('@alice').say('!deploy api')).to.equal('deploying api');
    await bot.stop();
  });

  it('keeps a command to some rooms, or out of rooms, or out of direct messages', async function () {
    const bot = await botWith({
      rules: {
        'deploys:deploy': { allowRooms: ['#ops', '#deploy-*'], denyRooms: ['#deploy-frozen'] },
        'deploys:status': { allowPrivate: false },
        'deploys:deploy rollback': { allowGroup: false },
      },
    });
    expect(await bot.in('#ops').say('!deploy api')).to.equal('deploying api');
    expect(await bot.in('#deploy-eu').say('!deploy api')).to.equal('deploying api');
    expect(await bot.in('#random').say('!deploy api')).to.equal('"deploy" cannot be run in #random.');
    expect(await bot.in('#deploy-frozen').say('!deploy api')).to.equal('"deploy" cannot be run in #deploy-frozen.');
    expect(await bot.say('!deploy api')).to.equal('deploying api');
    expect(await bot.say('!status')).to.equal('"status" cannot be run in a direct message; use it in a room.');
    expect(await bot.in('#ops').say('!status')).to.equal('all green');
    expect(await bot.in('#ops').say('!deploy rollback')).to.equal('"deploy rollback" cannot be run in rooms; ask me in a direct message.');
    expect(await bot.say('!deploy rollback')).to.equal('rolled back');
    await bot.stop();
  });

  it('allows or denies by the argument text', async function () {
    const bot = await botWith({ rules: { 'deploys:deploy': { allowArgs: ['api*', 'web*'], denyArgs: ['* prod'] } } });
    expect(await bot.say('!deploy api staging')).to.equal('deploying api staging');
    expect(await bot.say('!deploy db staging')).to.equal('You are not allowed to run "deploy" with these arguments.');
    expect(await bot.say('!deploy api prod')).to.equal('You are not allowed to run "deploy" with these arguments.');
    await bot.stop();
  });

  it('applies the first matching rule only, with plugin and command globs matched case-insensitively', async function () {
    const bot = await botWith({ rules: { 'DEPLOYS:status': { allowUsers: ['@alice'] }, '*': { allowUsers: ['@nobody'] } } });
    expect(await bot.as('@alice').say('!status')).to.equal('all green');
    expect(await bot.as('@alice').say('!deploy x')).to.equal('You are not allowed to run "deploy".');
    await bot.stop();
  });

  it('makes nobody an admin unless config.ts names them', async function () {
    const bot = await botWith({}, []);
    expect(await bot.as('@root').say('!halt')).to.match(/bot admins only/);
    expect(await bot.say('!halt')).to.match(/bot admins only/);
    await bot.stop();
  });

  it('refuses silently when configured to, and help hides or shows restricted commands as configured', async function () {
    const silent = await botWith({ silent: true, rules: { 'deploys:deploy': { allowUsers: ['@alice'] } } });
    expect(await silent.as('@bob').say('!deploy api')).to.equal('');
    expect(await silent.as('@bob').say('!help deploys')).to.not.match(/!deploy\b(?! rollback)/);
    expect(await silent.as('@bob').say('!help deploys')).to.not.contain('!halt');
    expect(await silent.as('@alice').say('!help deploys')).to.match(/!deploy\b/);
    await silent.stop();
    const shown = await botWith({ hideRestricted: false, rules: { 'deploys:deploy': { allowUsers: ['@alice'] } } });
    expect(await shown.as('@bob').say('!help deploys')).to.match(/^  !deploy$/m).and.to.contain('!halt');
    await shown.stop();
  });

  it('names a bad rule field in the configuration error', async function () {
    let error: unknown;
    try {
      await botWith({ rules: { deploy: { allowUser: ['@alice'] } as never } });
    } catch (err) {
      error = err;
    }
    expect((error as Error).message).to.contain('access.rules.deploy: unknown field "allowUser"');
  });
});
