import { expect } from 'chai';
import type { Bot } from 'banter';
import { SamplePlugin } from 'banter/testing';
import { startNgircd, type NgircdServer } from '../../test/support/servers/ngircd.ts';
import { chatterPlugin, type Heard } from './testing/chatter-plugin.ts';
import { IrcHuman, same, type Seen } from './testing/irc-human.ts';
import { startIrcBot, type ObservedIrcBackend } from './testing/irc-bot.ts';

// The bot under ngircd's flood rules (penalty time on, its default), against injection attempts, and through
// a server crash. ngircd reads about 256 bytes a second from a client before it starts holding it back (and
// stops reading its socket); RATE and BURST keep the bot's numbered lines (~19 bytes each) under that.
const RATE = 12;
const BURST = 2;
const fromBot = (channel: string) => (s: Seen) => s.type === 'privmsg' && same(s.nick, 'banter') && same(s.target, channel);

describe('IRC under flood rules, injection attempts and a server crash', function () {
  let server: NgircdServer;
  let alice: IrcHuman;
  let bot: Bot;
  let backend: ObservedIrcBackend;
  let heard: Heard;

  async function ask(text: string, channel = '#ops'): Promise<string> {
    const from = alice.mark();
    alice.say(channel, text);
    return (await alice.waitFor(fromBot(channel), { from, what: `a reply to ${text}` })).text;
  }

  before(async function () {
    server = await startNgircd();
    alice = await IrcHuman.connect({ port: server.port, nick: 'alice', channels: ['#ops'] });
    const chatter = chatterPlugin();
    heard = chatter.heard;
    ({ bot, backend } = await startIrcBot({ port: server.port, channels: ['#ops'], plugins: [SamplePlugin, chatter.plugin], irc: { rate: RATE, burst: BURST } }));
  });

  after(async function () {
    await bot?.stop();
    await alice?.quit();
    await server?.remove();
  });

  it('delivers a 200-line reply completely and in order at its own pace, and is never disconnected for it', async function () {
    this.timeout(45_000);
    const from = alice.mark();
    const started = performance.now();
    alice.say('#ops', '!lines 200');
    const lines = await alice.waitForAll(fromBot('#ops'), 200, { from, timeoutMs: 40_000, what: '200 lines' });
    const took = performance.now() - started;
    expect(lines.map((l) => l.text)).to.deep.equal(Array.from({ length: 200 }, (_, i) => String(i + 1)));
    // The bucket allows BURST at once and RATE a second after that; ngircd then had no reason to hold it back.
    expect(took).to.be.within(((200 - BURST) / RATE) * 1000 * 0.95, ((200 - BURST) / RATE) * 1000 + 5_000);
    expect(alice.seen.slice(from).filter((s) => s.type === 'quit' && same(s.nick, 'banter'))).to.deep.equal([]);
    expect(backend.connected).to.equal(true);
    expect(heard.disconnects).to.equal(0);
    expect(await ask('!ping')).to.equal('pong');
  });

  it('sends a reply with CR, LF and NUL in it as lines of text: no second command reaches the server', async function () {
    const from = alice.mark();
    alice.say('#ops', '!inject');
    const lines = await alice.waitForAll(fromBot('#ops'), 3, { from, what: 'the three lines of the reply' });
    expect(lines.map((l) => l.text)).to.deep.equal(['before', 'QUIT :x', 'PRIVMSG #elsewhere :injectedafter']);
    expect(await ask('!ping')).to.equal('pong'); // still here: the QUIT was text
    expect(alice.seen.slice(from).filter((s) => same(s.nick, 'banter') && s.type !== 'privmsg')).to.deep.equal([]);
  });

  it('cuts a long unicode reply to fit 512 bytes with its prefix, and the server relays every byte of it', async function () {
    const expected = Array.from({ length: 90 }, (_, i) => `ünïcødé✓-${i}`).join(' '); // about 1500 bytes
    const from = alice.mark();
    const sentFrom = backend.sent.length;
    alice.say('#ops', '!repeat 90 ünïcødé✓');
    const [sent] = await backend.waitForSent('#ops', 1, sentFrom);
    expect(sent!.lines.length).to.be.greaterThan(2);
    const lines = await alice.waitForAll(fromBot('#ops'), sent!.lines.length, { from, what: `${sent!.lines.length} lines` });
    for (const line of lines) {
      expect(Buffer.byteLength(`:banter!~banter@127.0.0.1 PRIVMSG #ops :${line.text}\r\n`)).to.be.at.most(512);
      expect(line.text).to.not.include('[CUT]'); // ngircd's mark for a line it had to shorten
    }
    expect(lines.map((l) => l.text).join(' ')).to.equal(expected);
  });

  it('is back in its channels within 5 s of the server returning after a kill -9', async function () {
    this.timeout(20_000);
    const dropped = heard.nextDisconnect();
    await server.kill9();
    await dropped;
    expect(backend.connected).to.equal(false);
    const back = heard.nextConnect();
    await server.restart();
    const returned = performance.now();
    await withTimeout(back, 5_000, 'the bot to reconnect and rejoin');
    expect(performance.now() - returned).to.be.below(5_000);
    expect((await backend.rooms()).map(String)).to.deep.equal(['#ops']);
    alice = await IrcHuman.connect({ port: server.port, nick: 'alice', channels: ['#ops'] });
    expect(await alice.names('#ops')).to.include('banter');
    expect(await ask('!ping')).to.equal('pong');
  });

  it('delivers a reply sent while the server was down once it is back, after rejoining', async function () {
    this.timeout(20_000);
    const dropped = heard.nextDisconnect();
    await server.kill9();
    await dropped;
    const delivered = bot.send(backend.queryRoom('#ops'), 'sent during the outage');
    // Let alice in first (the server asks a password the bot does not have), so she is there to see it arrive.
    await server.reconfigure({ password: 'letmein' });
    await server.restart();
    alice = await IrcHuman.connect({ port: server.port, nick: 'alice', channels: ['#ops'], password: 'letmein' });
    const from = alice.mark();
    const back = heard.nextConnect();
    await server.reconfigure({ password: undefined });
    const returned = performance.now();
    await withTimeout(back, 5_000, 'the bot to reconnect and rejoin');
    expect(performance.now() - returned).to.be.below(5_000);
    await alice.waitFor((s) => s.type === 'join' && same(s.nick, 'banter'), { from, what: 'the bot to rejoin #ops' });
    expect((await alice.waitFor(fromBot('#ops'), { from, what: 'the reply sent during the outage' })).text).to.equal('sent during the outage');
    expect((await delivered).map((s) => String(s.to))).to.deep.equal(['#ops']);
  });
});

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`gave up waiting for ${what} after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
