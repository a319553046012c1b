import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Plugin, command } from 'banter';
import { createTestBot } from 'banter/testing';
import { AclPlugin } from './index.ts';

class Deploys extends Plugin {
  static override metadata = { name: 'deploys' };
  @command()
  deploy(_m: unknown, args: string) {
    return `deploying ${args}`;
  }
  @command()
  rollback() {
    return 'rolled back';
  }
}

describe('acl plugin', function () {
  let dir: string;

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'banter-acl-'));
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  const bot = () =>
    createTestBot({
      plugins: [AclPlugin, Deploys],
      config: {
        admins: ['@root'],
        storage: { url: `sqlite://${join(dir, 'banter.sqlite')}` },
        access: { rules: { 'deploys:rollback': { allowUsers: ['@root', '@carol'] } } },
      },
    });

  it('adds a rule in chat that applies at once, is listed before config.ts rules, and survives a restart', async function () {
    const first = await bot();
    const root = first.as('@root');
    expect(await first.as('@bob').in('#ops').say('!deploy api')).to.equal('deploying api');
    expect(await root.say('!acl add deploys:deploy --deny-users @bob --allow-rooms #ops')).to.equal(
      'Added runtime rule 1: runtime rule 1 "deploys:deploy": denyUsers=@bob allowRooms=#ops',
    );
    expect(await first.as('@bob').in('#ops').say('!deploy api')).to.equal('You are not allowed to run "deploy".');
    expect(await first.as('@alice').in('#random').say('!deploy api')).to.equal('"deploy" cannot be run in #random.');
    expect(await first.as('@alice').in('#ops').say('!deploy api')).to.equal('deploying api');
    expect(await root.say('!acl list')).to.equal(
      ['runtime rule 1 "deploys:deploy": denyUsers=@bob allowRooms=#ops', 'config.ts rule "deploys:rollback": allowUsers=@root,@carol'].join('\n'),
    );
    await first.stop();

    const second = await bot();
    expect(await second.as('@bob').in('#ops').say('!deploy api')).to.equal('You are not allowed to run "deploy".');
    expect(await second.as('@root').say('!acl remove 1')).to.equal('Removed runtime rule 1 (deploys:deploy, added by @root).');
    expect(await second.as('@bob').in('#ops').say('!deploy api')).to.equal('deploying api');
    await second.stop();
  });

  it('explains which rule decides for a person, a command and a place', async function () {
    const b = await bot();
    const root = b.as('@root');
    expect(await root.say('!acl explain @bob rollback')).to.equal(
      '@bob → deploys:rollback: may not run it in a direct message: You are not allowed to run "rollback". (decided by config.ts rule "deploys:rollback": allowUsers=@root,@carol).',
    );
    expect(await root.say('!acl explain @carol rollback --in #ops')).to.equal(
      '@carol → deploys:rollback: may run it in #ops (decided by config.ts rule "deploys:rollback": allowUsers=@root,@carol).',
    );
    expect(await root.say('!acl explain @bob deploy')).to.equal('@bob → deploys:deploy: may run it in a direct message (no rule names this command).');
    await root.say('!acl add deploy --deny-args "*prod*" --at 1');
    expect(await root.say('!acl explain @bob deploy --args "api prod"')).to.match(/may not run it in a direct message: You are not allowed to run "deploy" with these arguments\. \(decided by runtime rule 1 "deploy"/);
    expect(await root.say('!acl explain @bob acl list')).to.match(/may not run it in a direct message: .*bot admins only\. \(no rule names this command\)/);
    expect(await root.say('!acl explain @bob nosuch')).to.equal('There is no command "nosuch".');
    await b.stop();
  });

  it('never lets a runtime rule lock admins out of the acl commands', async function () {
    const b = await bot();
    const root = b.as('@root');
    await root.say('!acl add * --deny-users *');
    expect(await root.say('!deploy api')).to.equal('You are not allowed to run "deploy".');
    expect(await root.say('!acl remove 1')).to.equal('Removed runtime rule 1 (*, added by @root).');
    expect(await root.say('!deploy api')).to.equal('deploying api');
    await b.stop();
  });

  it('refuses rules that say nothing or are malformed, and positions and numbers out of range', async function () {
    const b = await bot();
    const root = b.as('@root');
    expect(await root.say('!acl add deploy')).to.match(/^That rule restricts nothing/);
    expect(await root.say('!acl add deploy --private --at 3')).to.equal('Position must be between 1 and 1.');
    expect(await root.say('!acl remove 4')).to.equal('There are no runtime rules to remove.');
    expect(await root.say('!acl remove x')).to.equal('Give the rule\'s number, as shown by !acl list.');
    expect(await root.say('!acl list')).to.equal('config.ts rule "deploys:rollback": allowUsers=@root,@carol');
    await b.stop();
  });

  it('is for admins only, whatever name a person shows', async function () {
    const b = await bot();
    expect(await b.as('@mallory').say('!acl add deploy --deny-users @root')).to.match(/bot admins only/);
    expect(await b.as('@mallory').say('!acl list')).to.match(/bot admins only/);
    await b.stop();
  });
});
