import { expect } from 'chai';
import { Plugin, argCommand, command, regexCommand, type Message } from 'banter';
import { createTestBot, type TestBot } from 'banter/testing';
import { HelpPlugin } from './index.ts';

class Deploys extends Plugin {
  static override metadata = { name: 'deploys', description: 'Ship things' };
  @command({ help: 'Deploy a service', syntax: '<service>', aliases: ['ship'] })
  deploy(_m: Message, args: string) {
    return args;
  }
  @command({ help: 'Internal', hidden: true })
  debug() {
    return 'x';
  }
  @command({ help: 'Stop everything', admin: true })
  halt() {
    return 'halted';
  }
  @argCommand({ help: 'Roll back', usage: '<service>' })
  rollback() {
    return 'ok';
  }
  @regexCommand(/\bOPS-\d+\b/, { prefixed: false, help: 'Links tickets', syntax: 'OPS-<n>' })
  ticket() {
    return 'link';
  }
}

describe('help plugin', function () {
  let bot: TestBot;

  beforeEach(async function () {
    bot = await createTestBot({ plugins: [HelpPlugin, Deploys], config: { admins: ['@root'] } });
  });

  afterEach(async function () {
    await bot.stop();
  });

  it('lists every plugin with its commands and syntax, leaving hidden and admin-only commands out', async function () {
    expect(await bot.say('!help')).to.equal(
      [
        'Commands (prefix !; !help <command> for details):',
        '**help** — Lists commands and explains them',
        '  !help [plugin | command] — List commands, or explain a plugin or command',
        '**deploys** — Ship things',
        '  !deploy <service> — Deploy a service',
        '  !rollback <service> [options] — Roll back',
        '  OPS-<n> — Links tickets',
      ].join('\n'),
    );
  });

  it('shows admin-only commands to admins', async function () {
    expect(await bot.as('@root').say('!help')).to.contain('!halt — Stop everything (admin)');
  });

  it('lists one plugin', async function () {
    expect(await bot.say('!help deploys')).to.match(/^\*\*deploys\*\* — Ship things\n {2}!deploy <service>/);
  });

  it('explains one command, found by name, alias or with the prefix typed', async function () {
    const detail = '!deploy <service> — Deploy a service\nplugin: deploys\naliases: !ship';
    expect(await bot.say('!help deploy')).to.equal(detail);
    expect(await bot.say('!help ship')).to.equal(detail);
    expect(await bot.say('!help !deploy')).to.equal(detail);
    expect(await bot.say('!help rollback')).to.contain('options: !rollback --help');
    expect(await bot.say('!help debug')).to.match(/no plugin or command named "debug"/);
  });

  it('says so when asked about something that does not exist', async function () {
    expect(await bot.say('!help nonsense')).to.equal('There is no plugin or command named "nonsense". !help lists them.');
  });
});
