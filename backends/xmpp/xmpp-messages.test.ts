import { expect } from 'chai';
import { xml } from '@xmpp/client';
import type { Bot } from 'banter';
import { startProsody, type ProsodyServer } from '../../test/support/servers/prosody.ts';
import { EventLog } from './testing/event-log.ts';
import { watcherPlugin, type Watched } from './testing/watcher-plugin.ts';
import { TEST_PASSWORD, startXmppBot, xmppChatDriver } from './testing/xmpp-bot.ts';
import { XmppHuman, bodyOf } from './testing/xmpp-human.ts';

const CHAT_STATES = 'http://jabber.org/protocol/chatstates';

describe('XMPP messages against a real Prosody', function () {
  this.timeout(20_000);
  let server: ProsodyServer;
  let bot: Bot;
  let alice: XmppHuman;
  const log = new EventLog<Watched>();
  const login = (username: string) => XmppHuman.login({ port: server.port, domain: server.domain, username, password: TEST_PASSWORD });
  const ops = () => `ops@${server.mucDomain}`;
  const driver = () => xmppChatDriver(alice, { jid: 'bot@localhost', nick: 'banter' }, ops());

  before(async function () {
    server = await startProsody({ users: { bot: TEST_PASSWORD, alice: TEST_PASSWORD, carol: TEST_PASSWORD } });
    alice = await login('alice');
    // Said while the bot is away: the server keeps it (offline storage) and hands it over, stamped, at login.
    await alice.say('bot@localhost', '!record while you were away');
    await alice.sync(); // stored before the bot logs in, not handed to it live
    ({ bot } = await startXmppBot(server, [watcherPlugin(log)], { backend: { rooms: ['ops'], maxMessageSize: 100 } }));
    await alice.join(ops(), 'alice');
  });

  after(async function () {
    await alice?.logout();
    await bot?.stop();
    await server?.remove();
  });

  it('receives what was said while it was offline, marked delayed, and does not run it', async function () {
    expect(await driver().say('!record now')).to.deep.equal(['recorded now']);
    expect(log.entries.filter((e) => e.type === 'command').map((e) => (e as { args: string }).args)).to.deep.equal(['now']);
    expect(bot.status().messagesIn).to.equal(2); // the stored command did arrive, and was dropped as delayed
  });

  it('answers a direct message at the resource it came from, as a chat message', async function () {
    const from = alice.mark();
    await alice.say('bot@localhost', '!whoami');
    const reply = await alice.waitFor((s) => bodyOf(s) !== undefined, { from });
    expect([reply.attrs.type, reply.attrs.to, reply.attrs.from, bodyOf(reply)]).to.deep.equal([
      'chat',
      'alice@localhost/phone',
      'bot@localhost/banter',
      'you are alice@localhost',
    ]);
  });

  it('never answers its own words echoed by the room, even when they look like a command', async function () {
    const from = alice.mark();
    await alice.say('bot@localhost', `!parrot ${ops()} !whoami`); // the bot says "!whoami" in the room
    await alice.waitFor((s) => bodyOf(s) === '!whoami' && s.attrs.from === `${ops()}/banter`, { from });
    // Had the bot heard its echo, "you are bot@localhost" would come before the answer to alice.
    expect(await driver().say('!whoami', { room: ops() })).to.deep.equal(['you are alice@localhost']);
    const said = (await alice.collect((s) => s.attrs.from === `${ops()}/banter` && bodyOf(s) !== undefined, 2, { from })).map(bodyOf);
    expect(said).to.deep.equal(['!whoami', 'you are alice@localhost']);
  });

  it('answers a private message sent through the room privately, through the room', async function () {
    const from = alice.mark();
    await alice.send(xml('message', { to: `${ops()}/banter`, type: 'chat' }, xml('body', {}, '!whoami'), xml('x', { xmlns: 'http://jabber.org/protocol/muc#user' })));
    const reply = await alice.waitFor((s) => bodyOf(s) !== undefined, { from });
    expect([reply.attrs.type, reply.attrs.from, bodyOf(reply)]).to.deep.equal(['chat', `${ops()}/banter`, 'you are alice@localhost']);
  });

  it('shows that it is typing (XEP-0085) before it answers, and stops with the answer', async function () {
    const from = alice.mark();
    await alice.say('bot@localhost', '!typing');
    const reply = await alice.waitFor((s) => bodyOf(s) === 'typed', { from });
    const composing = await alice.waitFor((s) => s.getChild('composing', CHAT_STATES) !== undefined, { from });
    expect(composing.getChild('body')).to.equal(undefined);
    expect(reply.getChild('active', CHAT_STATES)).to.not.equal(undefined);
  });

  it('splits a reply longer than the configured size into several messages, on word boundaries', async function () {
    const parts = await driver().say('!long', { replies: 3 });
    expect(parts).to.have.length(3);
    expect(parts.every((part) => part.length <= 100)).to.equal(true);
    expect(parts.join(' ').split(/\s+/)).to.have.length(30);
  });

  it('delivers the presence changes of someone who subscribed, and approves the subscription both ways', async function () {
    const carol = await login('carol');
    const from = carol.mark();
    await carol.send(xml('presence', { to: 'bot@localhost', type: 'subscribe' }));
    // Approved: the server sends carol the bot's presence, and the bot asks for hers in return.
    await carol.waitFor((s) => s.is('presence') && s.attrs.from === 'bot@localhost/banter' && s.attrs.type === undefined, { from });
    await carol.waitFor((s) => s.is('presence') && s.attrs.from === 'bot@localhost' && s.attrs.type === 'subscribe', { from });
    await carol.send(xml('presence', { to: 'bot@localhost', type: 'subscribed' }));
    const seen = log.mark();
    await carol.send(xml('presence', {}, xml('show', {}, 'dnd'), xml('status', {}, 'in a meeting')));
    const dnd = await log.next((e) => e.type === 'presence' && e.aclattr === 'carol@localhost' && e.status === 'dnd', { from: seen, what: "carol's dnd" });
    expect(dnd).to.deep.equal({ type: 'presence', who: 'carol@localhost/phone', aclattr: 'carol@localhost', status: 'dnd', message: 'in a meeting' });
    await carol.logout();
    await log.next((e) => e.type === 'presence' && e.aclattr === 'carol@localhost' && e.status === 'offline', { from: seen, what: 'carol offline' });
  });

  it("sets its own presence, shown to contacts and in its rooms", async function () {
    const from = alice.mark();
    await bot.changePresence('away', 'deploying');
    const inRoom = await alice.waitFor((s) => s.is('presence') && s.attrs.from === `${ops()}/banter`, { from });
    expect([inRoom.getChildText('show'), inRoom.getChildText('status')]).to.deep.equal(['away', 'deploying']);
    await bot.changePresence('online');
    await expectRejection(bot.changePresence('offline'), /does not support changePresence\("offline"\)/);
    await expectRejection(bot.changePresence('sleepy'), /Unknown presence "sleepy"; use one of online, away, dnd, xa, chat/);
  });
});

async function expectRejection(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  const error = await promise.then(() => undefined, (err: Error) => err);
  expect(error?.message).to.match(pattern);
}
