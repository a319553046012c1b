import { expect } from 'chai';
import { Plugin, command, type Message } from 'banter';
import { TestBackend, backendConformanceSuite, createTestBot, pluginEndToEndSuite } from 'banter/testing';

backendConformanceSuite({
  name: 'test',
  connect: async () => {
    const backend = new TestBackend();
    await backend.connect();
    return backend;
  },
  identifiers: { person: '@alice', room: '#ops', occupant: '#ops/alice' },
});

backendConformanceSuite({
  name: 'test, with no optional capabilities',
  connect: async () => {
    const backend = new TestBackend({
      capabilities: { threads: false, reactions: false, cards: false, files: false, edits: false, typing: false },
    });
    await backend.connect();
    return backend;
  },
  identifiers: { person: '@alice', room: '#ops', occupant: '#ops/alice' },
});

pluginEndToEndSuite({
  name: 'test',
  start: async (plugins) => {
    const bot = await createTestBot({ plugins, capabilities: { cards: false } });
    await bot.bot.queryRoom('#e2e').join();
    return {
      driver: { room: '#e2e', say: (text, options) => bot.replies(text, { in: options?.room }) },
      stop: () => bot.stop(),
    };
  },
});

describe('test backend', function () {
  class Reactor extends Plugin {
    static override metadata = { name: 'reactor' };
    @command()
    async ack(msg: Message) {
      await this.react(msg, 'eyes');
      const [sent] = await this.send(msg.frm, 'working on it');
      await this.bot.startTyping(msg.frm);
      return sent ? `sent ${sent.id}` : 'nothing sent';
    }
  }

  it('records what the bot did besides replying, in order', async function () {
    const bot = await createTestBot({ plugins: [Reactor] });
    expect(await bot.say('!ack')).to.match(/^sent m\d+$/);
    expect(bot.backend.actions.map((a) => a.type)).to.deep.equal(['react', 'typing']);
    expect(bot.sent.map((m) => m.body)).to.deep.equal(['working on it', bot.sent[1]!.body]);
    await bot.stop();
  });

  it('answers a plugin that reacts where reactions are missing with the typed error, not silence', async function () {
    const bot = await createTestBot({ plugins: [Reactor], capabilities: { reactions: false } });
    expect(await bot.say('!ack')).to.equal('The test backend does not support react.');
    await bot.stop();
  });

  it('keeps concurrent conversations apart', async function () {
    class Echo extends Plugin {
      static override metadata = { name: 'echo' };
      @command()
      async echo(_msg: Message, args: string) {
        await new Promise((resolve) => setTimeout(resolve, Number(args)));
        return args;
      }
    }
    const bot = await createTestBot({ plugins: [Echo] });
    const answers = await Promise.all(['30', '1', '15'].map((delay) => bot.say(`!echo ${delay}`)));
    expect(answers).to.deep.equal(['30', '1', '15']);
    await bot.stop();
  });

  it('joins, describes and leaves rooms like a chat service', async function () {
    const bot = await createTestBot();
    const room = await bot.bot.backend.joinRoom('#deploys');
    await room.setTopic('friday freeze');
    await bot.backend.joinAs('@alice', '#deploys');
    expect(await room.joined()).to.equal(true);
    expect(await room.topic()).to.equal('friday freeze');
    expect((await room.occupants()).map(String)).to.deep.equal(['#deploys/banter', '#deploys/alice']);
    expect((await bot.bot.rooms()).map(String)).to.deep.equal(['#deploys']);
    await room.leave();
    expect(await room.joined()).to.equal(false);
    await bot.stop();
  });
});
