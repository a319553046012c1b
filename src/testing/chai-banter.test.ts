import { AssertionError, expect, use } from 'chai';
import { Plugin, command, type Card, type Message } from 'banter';
import { banterAssertions, createTestBot, type TestBot } from 'banter/testing';

use(banterAssertions);

class Desk extends Plugin {
  static override metadata = { name: 'desk' };

  @command()
  ping() {
    return 'pong';
  }

  @command()
  async *count() {
    yield 'one';
    yield 'two';
  }

  @command()
  quiet() {
    return undefined;
  }

  @command({ thread: true })
  incident() {
    return 'incident 7 opened';
  }

  @command()
  status(): Card {
    return { title: 'Incident 7', fields: [['state', 'open']] };
  }
}

class Broken extends Plugin {
  static override metadata = { name: 'broken' };

  override activate(): void {
    throw new Error('no database');
  }
}

/** The message of the AssertionError `check` fails with. */
async function failure(check: () => unknown): Promise<string> {
  try {
    await check();
  } catch (err) {
    if (err instanceof AssertionError) return err.message;
    throw err;
  }
  throw new Error('the assertion passed');
}

describe('chai assertions for plugin tests', function () {
  let bot: TestBot;

  beforeEach(async function () {
    bot = await createTestBot({ plugins: [Desk, Broken] });
  });

  afterEach(async function () {
    await bot.stop();
  });

  it('checks what the bot answers: the text, a pattern, each reply, or that there is one', async function () {
    await expect(bot).to.answer('!ping', 'pong');
    await expect(bot).to.answer('!ping', /^po/);
    await expect(bot).to.answer('!count', ['one', 'two']);
    await expect(bot).to.answer('!count', 'one\ntwo');
    await expect(bot).to.answer('!ping');
    await expect(bot).not.to.answer('!quiet');
    await expect(bot.in('#ops').as('@alice')).not.to.answer('!ping', 'ping');
  });

  it('says what the bot said instead when an answer is not the expected one', async function () {
    expect(await failure(() => expect(bot).to.answer('!ping', 'ping'))).to.equal(`expected "!ping" to be answered 'ping', but the bot said "pong"`);
    expect(await failure(() => expect(bot).to.answer('!quiet'))).to.equal('expected an answer to "!quiet", but the bot said nothing');
    expect(await failure(() => expect(bot).not.to.answer('!ping'))).to.equal('expected no answer to "!ping", but the bot said "pong"');
    expect(await failure(() => expect(bot).to.answer('!count', ['one']))).to.match(/^expected "!count" to be answered \[ 'one' \], but the replies were \[ 'one', 'two' \]/);
  });

  it('checks where a reply went, its thread and its card', async function () {
    const [reply] = await bot.in('#ops').exchange('!incident');
    expect(reply).to.be.addressedTo('#ops');
    expect(reply).to.be.inThread('m1');
    const [card] = await bot.exchange('!status');
    expect(card).to.have.card({ title: 'Incident 7' });
    const [plain] = await bot.exchange('!ping');
    expect(plain).to.be.addressedTo('@tester');
    expect(plain).not.to.be.inThread();
    expect(plain).not.to.have.card();
    expect(await failure(() => expect(plain).to.be.addressedTo('#ops'))).to.equal("expected the message to be addressed to '#ops', but it went to '@tester'");
    expect(await failure(() => expect(card).to.have.card({ title: 'Incident 8' }))).to.match(/^expected the card to have \{ title: 'Incident 8' \}, but it has \{ title: 'Incident 7' \}/);
    expect(await failure(() => expect(plain).to.be.inThread())).to.equal('expected the message to be in a thread, but it is not');
  });

  it('checks that a plugin is active, and shows the error of one that is not', async function () {
    expect(bot).to.have.activePlugin('desk');
    expect(bot.bot).to.have.activePlugin('desk');
    expect(await failure(() => expect(bot).to.have.activePlugin('broken'))).to.equal('expected plugin "broken" to be active, but it is failed (no database)');
    expect(await failure(() => expect(bot).to.have.activePlugin('karma'))).to.equal('expected plugin "karma" to be active, but it is not loaded (loaded: desk, broken)');
  });

  it('names what it needs when given something else', async function () {
    const notABot = await expect('!ping').to.answer('!ping').then(() => 'passed', (err: Error) => err.message);
    expect(notABot).to.equal('expect(x).to.answer() needs a TestBot, from createTestBot()');
    expect(() => expect({ body: 'x' } as unknown as Message).to.be.addressedTo('#ops')).to.throw(
      TypeError,
      'expect(x).to.be.addressedTo() needs a message, e.g. one of the replies from bot.exchange()',
    );
  });
});
