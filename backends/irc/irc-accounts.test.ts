import { expect } from 'chai';
import type { Bot } from 'banter';
import { SamplePlugin } from 'banter/testing';
import { chatterPlugin } from './testing/chatter-plugin.ts';
import { startIrcBot } from './testing/irc-bot.ts';
import { ScriptedIrcd } from './testing/scripted-ircd.ts';

// Services accounts decide who someone is, where the network has them. ngircd has no services, so a
// scripted server plays a network with SASL, account-tag and extended-join; the client is the real
// irc-framework, parsing real protocol lines.
describe('IRC services accounts', function () {
  const running: Array<{ bot?: Bot; ircd: ScriptedIrcd }> = [];

  afterEach(async function () {
    for (const { bot, ircd } of running.splice(0)) {
      await bot?.stop();
      await ircd.stop();
    }
  });

  async function network(caps: string[]) {
    const ircd = await ScriptedIrcd.start({ caps, accounts: { opsbot: 's3cret' } });
    const entry: { bot?: Bot; ircd: ScriptedIrcd } = { ircd };
    running.push(entry);
    return { ircd, entry };
  }

  it('logs in with SASL PLAIN while connecting, and is then known by its account', async function () {
    const { ircd, entry } = await network(['sasl=PLAIN', 'account-tag', 'extended-join']);
    const { bot, backend } = await startIrcBot({ port: ircd.port, nick: 'opsbot', channels: ['#ops'], irc: { sasl: { account: 'opsbot', password: 's3cret' } } });
    entry.bot = bot;
    expect(ircd.received).to.include(`AUTHENTICATE ${Buffer.from('opsbot\0opsbot\0s3cret').toString('base64')}`);
    expect(backend.botIdentifier.aclattr).to.equal('$a:opsbot');
    expect(String(backend.botIdentifier)).to.equal('opsbot!~opsbot@bot.example');
  });

  it('grants an admin command to the account the network vouches for, and refuses the same nick without it', async function () {
    const { ircd, entry } = await network(['account-tag', 'extended-join']);
    const chatter = chatterPlugin();
    const { bot } = await startIrcBot({ port: ircd.port, nick: 'opsbot', channels: ['#ops'], plugins: [chatter.plugin], admins: ['$a:alice'] });
    entry.bot = bot;
    let from = ircd.received.length;
    ircd.send('@account=alice :alice!~a@home.example PRIVMSG #ops :!secret');
    expect(await ircd.waitForLine(/^PRIVMSG #ops :/, from)).to.equal('PRIVMSG #ops :granted');
    from = ircd.received.length;
    ircd.send(':alice!~m@evil.example PRIVMSG #ops :!secret'); // the nick, without the account
    expect(await ircd.waitForLine(/^PRIVMSG #ops :/, from)).to.match(/not allowed to run "secret"/);
    expect(chatter.heard.messages.map((m) => m.frm.aclattr)).to.deep.equal(['$a:alice', 'alice!~m@evil.example']);
  });

  it('remembers an account from extended-join for that connection only, not for the next holder of the nick', async function () {
    const { ircd, entry } = await network(['extended-join']);
    const chatter = chatterPlugin();
    const { bot } = await startIrcBot({ port: ircd.port, nick: 'opsbot', channels: ['#ops'], plugins: [SamplePlugin, chatter.plugin] });
    entry.bot = bot;
    const say = async (line: string) => {
      const from = ircd.received.length;
      ircd.send(line);
      await ircd.waitForLine(/^PRIVMSG #ops :pong$/, from);
    };
    ircd.send(':bob!~b@home.example JOIN #ops bobacct :Bob');
    await say(':bob!~b@home.example PRIVMSG #ops :!ping');
    ircd.send(':bob!~b@home.example QUIT :gone');
    await say(':bob!~x@elsewhere.example PRIVMSG #ops :!ping');
    expect(chatter.heard.messages.map((m) => m.frm.aclattr)).to.deep.equal(['$a:bobacct', 'bob!~x@elsewhere.example']);
  });

  it('reports a failed SASL login at once', async function () {
    const { ircd } = await network(['sasl=PLAIN']);
    const error = await startIrcBot({ port: ircd.port, nick: 'opsbot', irc: { sasl: { account: 'opsbot', password: 'wrong' } } }).catch((e: unknown) => e);
    expect(error).to.have.property('code', 'E_IRC_CONNECT');
    expect((error as Error).message).to.match(/SASL login failed \(fail: SASL authentication failed\)/);
  });

  it('identifies to NickServ where there is no SASL, before it joins any channel', async function () {
    const { ircd, entry } = await network([]);
    const { bot, backend } = await startIrcBot({ port: ircd.port, nick: 'opsbot', channels: ['#ops'], irc: { nickserv: { password: 's3cret' } } });
    entry.bot = bot;
    const identify = ircd.received.indexOf('PRIVMSG NickServ :IDENTIFY s3cret');
    expect(identify).to.be.greaterThan(-1);
    expect(identify).to.be.below(ircd.received.indexOf('JOIN #ops'));
    expect(backend.botIdentifier.aclattr).to.equal('$a:opsbot');
  });
});
