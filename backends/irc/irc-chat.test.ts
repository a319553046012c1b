import { expect } from 'chai';
import { BanterError, IdentifierError, isOccupant, type Bot } from 'banter';
import { SamplePlugin } from 'banter/testing';
import { startNgircd, type NgircdServer } from '../../test/support/servers/ngircd.ts';
import type { IrcPerson } from './identifiers.ts';
import { chatterPlugin, type Heard } from './testing/chatter-plugin.ts';
import { IrcHuman, same } from './testing/irc-human.ts';
import { startIrcBot, type ObservedIrcBackend } from './testing/irc-bot.ts';

// Conversations between a person (alice, a second irc-framework client) and the bot on a real ngircd. Its
// flood protection is off here: ngircd charges seconds of penalty for each JOIN, WHO, NAMES or TOPIC, which
// only slows these tests down; irc-resilience.test.ts runs the bot under those rules.
describe('IRC chat on a real ngircd', function () {
  let server: NgircdServer;
  let alice: IrcHuman;
  let bot: Bot;
  let backend: ObservedIrcBackend;
  let heard: Heard;

  /** alice says `text` to `target` and gets the bot's next line there (or to her, for a private message). */
  async function exchange(target: string, text: string): Promise<string> {
    const from = alice.mark();
    alice.say(target, text);
    const replyIn = target.startsWith('#') ? target : alice.nick;
    const reply = await alice.waitFor((s) => s.type === 'privmsg' && same(s.nick, 'banter') && same(s.target, replyIn), { from, what: `a reply to ${JSON.stringify(text)}` });
    return reply.text;
  }

  before(async function () {
    server = await startNgircd({ floodProtection: false });
    alice = await IrcHuman.connect({ port: server.port, nick: 'alice', channels: ['#chat', '#locked', '#humans'] });
    await alice.mode('#locked', '+k sesame');
    await alice.mode('#humans', '+t');
    const chatter = chatterPlugin();
    heard = chatter.heard;
    ({ bot, backend } = await startIrcBot({
      port: server.port,
      channels: ['#chat', { name: '#locked', key: 'sesame' }, '#humans'],
      plugins: [SamplePlugin, chatter.plugin],
    }));
  });

  after(async function () {
    await bot?.stop();
    await alice?.quit();
    await server?.remove();
  });

  it('joins the channels in its config at connect, one of them with a key', async function () {
    expect((await backend.rooms()).map(String).sort()).to.deep.equal(['#chat', '#humans', '#locked']);
    expect(await alice.names('#locked')).to.include('banter');
  });

  it('answers "banter: ping" and "banter, ping" in a channel, and tells plugins it was mentioned', async function () {
    expect(await exchange('#chat', 'banter: ping')).to.equal('pong');
    expect(await exchange('#chat', 'Banter, ping')).to.equal('pong');
    expect(heard.mentions.map((m) => m.body)).to.include.members(['banter: ping', 'Banter, ping']);
    expect(heard.mentions.at(-1)!.mentions.map((p) => p.nick)).to.deep.equal(['banter']);
  });

  it('answers a private message, with or without the prefix, privately', async function () {
    expect(await exchange('banter', '!ping')).to.equal('pong');
    expect(await exchange('banter', 'ping')).to.equal('pong');
  });

  it('never answers a NOTICE, in a channel or in private, and hands it to plugins\' hooks marked quiet', async function () {
    const from = alice.mark();
    const before = heard.messages.length;
    alice.client.notice('#chat', '!ping');
    alice.client.notice('banter', '!ping');
    // The server handles alice's lines in order: the reply to the PRIVMSG after the notices is the first thing back.
    expect(await exchange('#chat', '!whereami')).to.equal('in #chat');
    const fromBot = alice.seen.slice(from).filter((s) => same(s.nick, 'banter'));
    expect(fromBot.map((s) => s.text)).to.deep.equal(['in #chat']);
    const seen = heard.messages.slice(before);
    expect(seen.map((m) => [m.body, m.quiet, m.isDirect, m.extras['irc'] && (m.extras['irc'] as { command: string }).command])).to.deep.equal([
      ['!ping', true, false, 'NOTICE'],
      ['!ping', true, true, 'NOTICE'],
      ['!whereami', false, false, 'PRIVMSG'],
    ]);
  });

  it('delivers /me as an emote: the action text as the body, extras.emote set', async function () {
    const before = heard.messages.length;
    alice.client.action('#chat', 'waves at banter');
    await exchange('#chat', '!whereami'); // a reply to a later line: the action has been handled by now
    const action = heard.messages.slice(before).find((m) => m.extras['emote'] === true);
    expect(action?.body).to.equal('waves at banter');
    expect(action?.mentions.map((p) => p.nick)).to.deep.equal(['banter']);
  });

  it('strips colours and bold from what people type before it matches commands', async function () {
    expect(await exchange('#chat', '\x02!sample echo\x02 \x0304,01red\x03 \x1dalert\x1d')).to.equal('red alert');
  });

  it('sends markdown as plain text', async function () {
    expect(await exchange('#chat', '!markdown')).to.equal('Deploy of api: done — log (https://ci.example/1)');
  });

  it('knows alice by her full mask, never her bare nick, whoever she claims to be', async function () {
    await exchange('#chat', '!whereami');
    const said = heard.messages.filter((m) => m.body === '!whereami').at(-1)!;
    expect(String(said.frm)).to.equal('#chat/alice');
    expect(said.frm.aclattr).to.equal('alice!~alice@127.0.0.1');
    expect(isOccupant(said.frm) && String(said.frm.room)).to.equal('#chat');
    expect(said.frm.aclattr).to.equal(backend.buildIdentifier('alice').aclattr);
  });

  it('shows itself away, with a message, and back', async function () {
    const whois = () => new Promise<{ away?: string }>((resolve) => alice.client.whois('banter', resolve));
    await backend.changePresence('away', 'deploying, back soon');
    expect((await whois()).away).to.equal('deploying, back soon');
    await backend.changePresence('online');
    expect((await whois()).away).to.equal(undefined);
  });

  describe('rooms', function () {
    it('joins with a key, and reports a wrong key with the server\'s reason', async function () {
      await alice.join('#vault');
      await alice.mode('#vault', '+k opensesame');
      const wrong = await backend.joinRoom('#vault', { password: 'guess' }).catch((e: unknown) => e);
      expect(wrong).to.be.instanceOf(BanterError).with.property('code', 'E_IRC_REFUSED');
      expect((wrong as Error).message).to.match(/refused the JOIN of #vault: .*\(475\)/);
      const room = await backend.joinRoom('#vault', { password: 'opensesame' });
      expect(await room.joined()).to.equal(true);
    });

    it('leaves with a reason people see, and no longer lists the room', async function () {
      const room = backend.queryRoom('#vault');
      const from = alice.mark();
      await room.leave('done here');
      const part = await alice.waitFor((s) => s.type === 'part' && same(s.nick, 'banter'), { from, what: 'the bot to part #vault' });
      expect(part.text).to.equal('done here');
      expect(await room.joined()).to.equal(false);
      expect((await backend.rooms()).map(String)).to.not.include('#vault');
    });

    it('reads and sets the topic of a channel it runs, and says why it may not elsewhere', async function () {
      const room = await backend.joinRoom('#botroom');
      expect(await room.topic()).to.equal(undefined);
      await alice.join('#botroom');
      const from = alice.mark();
      await room.setTopic('deploys frozen\r\nQUIT :x');
      const topic = await alice.waitFor((s) => s.type === 'topic' && same(s.target, '#botroom'), { from, what: 'the new topic' });
      expect(topic.text).to.equal('deploys frozen QUIT :x');
      expect(await room.topic()).to.equal('deploys frozen QUIT :x');
      const refused = await backend.queryRoom('#humans').setTopic('mine now').catch((e: unknown) => e);
      expect((refused as Error).message).to.match(/refused the topic change of #humans: .*\(482\)/);
    });

    it('lists the occupants of a channel with their full masks', async function () {
      const occupants = await backend.queryRoom('#chat').occupants();
      const byNick = new Map(occupants.map((o) => [o.nick, o]));
      expect([...byNick.keys()].sort()).to.deep.equal(['alice', 'banter']);
      expect(byNick.get('alice')!.aclattr).to.equal('alice!~alice@127.0.0.1');
      expect(String(byNick.get('alice'))).to.equal('#chat/alice');
    });

    it('invites someone, who sees the invitation', async function () {
      const room = await backend.joinRoom('#party');
      const from = alice.mark();
      await room.invite(backend.buildIdentifier('alice') as IrcPerson);
      const invite = await alice.waitFor((s) => s.type === 'invite', { from, what: 'an invitation' });
      expect(invite).to.include({ nick: 'banter', target: '#party' });
      const again = await room.invite(backend.buildIdentifier('banter') as IrcPerson).catch((e: unknown) => e);
      expect((again as Error).message).to.match(/refused the INVITE of banter to #party: .*\(443\)/);
    });

    it('tells a channel that exists from one that does not', async function () {
      expect(await backend.queryRoom('#humans').exists()).to.equal(true);
      expect(await backend.queryRoom('#nobody-here').exists()).to.equal(false);
    });

    it('tells plugins who joins and leaves its channels, and topic changes', async function () {
      const before = heard.roomEvents.length;
      await alice.join('#quiet');
      await backend.joinRoom('#quiet');
      const from = alice.mark();
      alice.client.part('#quiet', 'bye');
      await alice.waitFor((s) => s.type === 'part' && same(s.nick, 'alice'), { from, what: 'alice to leave #quiet' });
      alice.client.raw('TOPIC #chat :release day');
      await exchange('#chat', '!whereami'); // everything before this line has reached the bot
      const events = heard.roomEvents.slice(before).map(({ kind, event }) => `${kind} ${event.room} ${event.who?.nick ?? '(bot)'}${event.topic ? ` ${event.topic}` : ''}`);
      expect(events).to.include.members(['joined #quiet (bot)', 'left #quiet alice', 'topic #chat alice release day']);
    });

    it('refuses a room name that could carry a second command', function () {
      expect(() => backend.queryRoom('#ops\r\nQUIT :x')).to.throw(IdentifierError);
      expect(() => backend.queryRoom('ops')).to.throw(IdentifierError);
    });
  });
});
