import { expect } from 'chai';
import { Plugin, command, type Message } from 'banter';
import { createTestBot } from 'banter/testing';

class Danger extends Plugin {
  static override metadata = { name: 'danger' };
  readonly dropped: string[] = [];
  @command({ confirm: true, help: 'Drop a database' })
  drop(_m: Message, args: string) {
    this.dropped.push(args);
    return `dropped ${args}`;
  }
  @command()
  ping() {
    return 'pong';
  }
}

describe('confirmation of dangerous commands', function () {
  it('asks first, runs only on yes from the same person in the same place, and cancels on no', async function () {
    const bot = await createTestBot({ plugins: [Danger] });
    const danger = bot.bot.pluginManager.instance('danger') as Danger;
    const alice = bot.as('@alice').in('#ops');
    expect(await alice.say('!drop users')).to.equal('This will run !drop users. Answer yes to go ahead or no to cancel (within 60 s).');
    expect(danger.dropped).to.deep.equal([]);
    expect(await bot.as('@bob').in('#ops').say('yes')).to.equal('');
    expect(await alice.in('#other').say('yes')).to.equal('');
    expect(danger.dropped).to.deep.equal([]);
    expect(await alice.say('!ping')).to.equal('pong');
    expect(await alice.say('yes')).to.equal('dropped users');
    expect(danger.dropped).to.deep.equal(['users']);
    expect(await alice.say('yes')).to.equal('');

    await alice.say('!drop orders');
    expect(await alice.say('no')).to.equal('Cancelled: !drop did not run.');
    expect(danger.dropped).to.deep.equal(['users']);
    await bot.stop();
  });

  it('shows the answer to onMessage hooks like any other message, while it runs the confirmed command', async function () {
    class Listener extends Plugin {
      static override metadata = { name: 'listener' };
      readonly heard: string[] = [];
      override onMessage(message: Message): void {
        this.heard.push(message.body);
      }
    }
    const bot = await createTestBot({ plugins: [Danger, Listener] });
    const listener = bot.bot.pluginManager.instance('listener') as Listener;
    await bot.say('!drop users');
    expect(await bot.say('yes')).to.equal('dropped users');
    expect(listener.heard).to.deep.equal(['!drop users', 'yes']);
    await bot.stop();
  });

  it('forgets a question nobody answered in time', async function () {
    const bot = await createTestBot({ plugins: [Danger], config: { confirmTimeoutMs: 1 } });
    const danger = bot.bot.pluginManager.instance('danger') as Danger;
    await bot.say('!drop users');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await bot.say('yes')).to.match(/not found/);
    expect(danger.dropped).to.deep.equal([]);
    await bot.stop();
  });
});
