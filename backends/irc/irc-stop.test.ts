import { expect } from 'chai';
import type { Bot } from 'banter';
import { startNgircd, type NgircdServer } from '../../test/support/servers/ngircd.ts';
import { chatterPlugin } from './testing/chatter-plugin.ts';
import { IrcHuman, same, type Seen } from './testing/irc-human.ts';
import { startIrcBot } from './testing/irc-bot.ts';

const fromBot = (s: Seen) => s.type === 'privmsg' && same(s.nick, 'banter') && same(s.target, '#ops');
const botQuit = (s: Seen) => s.type === 'quit' && same(s.nick, 'banter');

describe('IRC: stopping the bot', function () {
  this.timeout(30_000);
  let server: NgircdServer;
  let alice: IrcHuman;
  let bot: Bot | undefined;

  before(async function () {
    server = await startNgircd();
    alice = await IrcHuman.connect({ port: server.port, nick: 'alice', channels: ['#ops'] });
  });

  afterEach(async function () {
    await bot?.stop();
    bot = undefined;
  });

  after(async function () {
    await alice?.quit();
    await server?.remove();
  });

  /** Ask for a 5-line reply, stop the bot once its first line is in, and return the lines alice got before its QUIT. */
  async function stopDuringFiveLineReply(irc: { rate: number; burst: number; drainMs?: number }): Promise<string[]> {
    ({ bot } = await startIrcBot({ port: server.port, channels: ['#ops'], plugins: [chatterPlugin().plugin], irc }));
    const from = alice.mark();
    alice.say('#ops', '!lines 5');
    await alice.waitFor(fromBot, { from, what: 'the first line of the reply' });
    await bot.stop();
    const quit = await alice.waitFor(botQuit, { from, what: 'the bot quitting' });
    return alice.seen.slice(from, alice.seen.indexOf(quit)).filter(fromBot).map((s) => s.text);
  }

  it('sends the lines flood control still holds back before it quits: a reply is not cut off by a stop', async function () {
    // Two lines a second after a burst of one: the last lines of a 5-line reply are still queued when stop() starts.
    expect(await stopDuringFiveLineReply({ rate: 2, burst: 1 })).to.deep.equal(['1', '2', '3', '4', '5']);
  });

  it('with drainMs 0, quits at once and refuses what was still queued', async function () {
    expect(await stopDuringFiveLineReply({ rate: 0.5, burst: 1, drainMs: 0 })).to.deep.equal(['1']);
  });
});
