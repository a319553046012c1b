import { expect } from 'chai';
import { Plugin, UserError, command, type Message } from 'banter';
import { createTestBot } from 'banter/testing';
import { AuditPlugin } from './index.ts';

class Ops extends Plugin {
  static override metadata = { name: 'ops' };
  @command()
  deploy(_m: Message, args: string) {
    return `deploying ${args}`;
  }
  @command({ secret: true })
  login(): string {
    return 'logged in';
  }
  @command()
  crash(): never {
    throw new Error('boom');
  }
  @command()
  refuse(): never {
    throw new UserError('no');
  }
  @command({ admin: true })
  halt() {
    return 'halted';
  }
}

describe('audit', function () {
  it('records who ran what, where, with what outcome, secrets redacted, for admins to read', async function () {
    const bot = await createTestBot({ plugins: [Ops, AuditPlugin], config: { admins: ['@root'] } });
    await bot.as('@alice').in('#ops').say('!deploy api token=s3cr3t');
    await bot.as('@alice').say('!login hunter2');
    const failed = await bot.as('@bob').say('!crash');
    await bot.as('@bob').say('!refuse');
    await bot.as('@bob').say('!halt');
    const log = await bot.as('@root').say('!audit 5');
    const lines = log.split('\n');
    expect(lines).to.have.length(5);
    expect(lines[0]).to.match(/ @bob in direct: halt → refused, 0\.0 ms$/);
    expect(lines[1]).to.match(/ @bob in direct: refuse → failed, /);
    expect(lines[2]).to.match(new RegExp(` @bob in direct: crash → failed \\(error id ${/error id (\w+)/.exec(failed)![1]}\\)`));
    expect(lines[3]).to.match(/ @alice in direct: login \[redacted\] → ok, /);
    expect(lines[4]).to.match(/^\d{4}-\d\d-\d\dT.* @alice in #ops: deploy api token=\*\*\* → ok, \d+\.\d ms$/);
    expect(log).to.not.contain('s3cr3t').and.to.not.contain('hunter2');
    expect(await bot.as('@root').say('!audit @alice')).to.match(/^.* login \[redacted\].*\n.* deploy api/);
    expect(await bot.as('@alice').say('!audit')).to.match(/bot admins only/);
    await bot.stop();
  });
});
