import { expect, use } from 'chai';
import { banterAssertions, createTestBot, type TestBot } from 'banter/testing';
import { Greet } from '../src/index.ts';

use(banterAssertions);

describe('the greet plugin', function () {
  let bot: TestBot;

  beforeEach(async function () {
    bot = await createTestBot({ plugins: [Greet] });
  });

  afterEach(async function () {
    await bot.stop();
  });

  it('greets whoever asks, then counts the greetings', async function () {
    await expect(bot.as('@alice')).to.answer('!greet', 'hello alice');
    await expect(bot.as('@alice')).to.answer('!greet', 'hello again alice (2 times now)');
  });

  it('greets the name it is given, in the room where it was asked', async function () {
    const [reply] = await bot.in('#general').exchange('!greet world');
    expect(reply?.body).to.equal('hello world');
    expect(reply).to.be.addressedTo('#general');
  });
});
