import { expect } from 'chai';
import { xml } from '@xmpp/client';
import type { Bot } from 'banter';
import { startProsody, type ProsodyServer } from '../../test/support/servers/prosody.ts';
import type { XmppBackend } from './xmpp-backend.ts';
import type { XmppRoomOccupant } from './identifiers.ts';
import { EventLog } from './testing/event-log.ts';
import { watcherPlugin, type Watched } from './testing/watcher-plugin.ts';
import { TEST_PASSWORD, startXmppBot, xmppChatDriver } from './testing/xmpp-bot.ts';
import { XmppHuman, bodyOf } from './testing/xmpp-human.ts';

describe('XMPP rooms (XEP-0045) against a real Prosody', function () {
  this.timeout(20_000);
  let server: ProsodyServer;
  let bot: Bot;
  let backend: XmppBackend;
  let alice: XmppHuman;
  const log = new EventLog<Watched>();
  const login = (username: string) => XmppHuman.login({ port: server.port, domain: server.domain, username, password: TEST_PASSWORD });
  const room = (name: string) => `${name}@${server.mucDomain}`;
  const to = (name: string) => xmppChatDriver(alice, { jid: backend.botIdentifier.id, nick: 'banter' }, room(name));

  before(async function () {
    server = await startProsody({ users: { bot: TEST_PASSWORD, alice: TEST_PASSWORD, bob: TEST_PASSWORD } });
    ({ bot, backend } = await startXmppBot(server, [watcherPlugin(log)], { config: { admins: ['alice@localhost', '*@localhost'] } }));
    alice = await login('alice');
  });

  after(async function () {
    await alice?.logout();
    await bot?.stop();
    await server?.remove();
  });

  it('joins without the room history: a command said before the bot came never runs', async function () {
    await alice.join(room('history'), 'alice');
    const said = alice.mark();
    await alice.say(room('history'), '!record early', 'groupchat');
    await alice.waitFor((s) => bodyOf(s) === '!record early', { from: said }); // the room has it: its echo came back
    await backend.joinRoom(room('history'));
    expect(await to('history').say('!record late', { room: room('history') })).to.deep.equal(['recorded late']);
    expect(log.entries.filter((e) => e.type === 'command').map((e) => (e as { args: string }).args)).to.deep.equal(['late']);
    // The room did keep the early command: someone joining with history gets it, stamped as delayed.
    const bob = await login('bob');
    await bob.join(room('history'), 'bob', { history: 10 });
    const early = await bob.waitFor((s) => bodyOf(s) === '!record early');
    expect(early.getChild('delay', 'urn:xmpp:delay')).to.not.equal(undefined);
    await bob.logout();
  });

  it('joins a password-protected room with its password, and names the fix without it', async function () {
    await alice.join(room('vault'), 'alice');
    await alice.configureRoom(room('vault'), { 'muc#roomconfig_passwordprotectedroom': '1', 'muc#roomconfig_roomsecret': 'sesame' });
    const refused = await backend.joinRoom(room('vault')).then(() => undefined, (error: Error) => error);
    expect(refused?.message).to.match(/Could not join vault@conference\.localhost as banter: not-authorized.*needs a password/);
    const vault = await backend.joinRoom(room('vault'), { password: 'sesame' });
    expect(await vault.joined()).to.equal(true);
  });

  it('reads and sets the subject, and reports a change by someone else as a topic event', async function () {
    const deploys = await backend.joinRoom(room('deploys'));
    expect(await deploys.topic()).to.equal(undefined);
    await alice.join(room('deploys'), 'alice');
    const announced = alice.mark();
    await deploys.setTopic('deploys frozen until Monday');
    expect(await deploys.topic()).to.equal('deploys frozen until Monday');
    const seen = await alice.waitFor((s) => s.getChildText('subject') === 'deploys frozen until Monday', { from: announced });
    expect(seen.attrs.from).to.equal(`${room('deploys')}/banter`);

    // In alice's room only moderators may change the subject: the bot is refused, and hears alice's change.
    await alice.join(room('alices'), 'alice');
    const alices = await backend.joinRoom(room('alices'));
    const refused = await alices.setTopic('mine now').then(() => undefined, (error: Error) => error);
    expect(refused?.message).to.match(/Could not set the subject of alices@conference\.localhost: forbidden/);
    const from = log.mark();
    await alice.send(xmlSubject(room('alices'), 'release train leaves at 5'));
    const topic = await log.next((e) => e.type === 'topic', { from, what: 'the topic event' });
    expect(topic).to.deep.equal({ type: 'topic', room: room('alices'), who: `${room('alices')}/alice`, topic: 'release train leaves at 5' });
    expect(await alices.topic()).to.equal('release train leaves at 5');
  });

  describe('who is who: a room the bot owns shows accounts, a room alice owns hides them from the bot', function () {
    before(async function () {
      await backend.joinRoom(room('open')); // the bot creates it, and as its owner sees real JIDs
      const from = log.mark();
      await alice.join(room('open'), 'alice');
      await log.next((e) => e.type === 'joined' && e.who === `${room('open')}/alice`, { from, what: 'alice in open' });
      await alice.join(room('masked'), 'alice'); // alice's room: real JIDs only for moderators, which the bot is not
      await backend.joinRoom(room('masked'));
    });

    it('lists occupants with their accounts where the room shows them, and only as room/nick where it hides them', async function () {
      const occupants = (await backend.queryRoom('open').occupants()) as XmppRoomOccupant[];
      expect(occupants.map((o) => [String(o), o.aclattr, o.anonymous])).to.have.deep.members([
        [`${room('open')}/banter`, 'bot@localhost', false],
        [`${room('open')}/alice`, 'alice@localhost', false],
      ]);
      expect(String(backend.buildIdentifier(`${room('open')}/alice`).aclattr)).to.equal('alice@localhost');
      const [hidden] = ((await backend.queryRoom('masked').occupants()) as XmppRoomOccupant[]).filter((o) => o.nick === 'alice');
      expect([hidden!.anonymous, hidden!.aclattr]).to.deep.equal([true, `${room('masked')}/alice`]);
    });

    it('never takes a nickname for an admin: alice is one by her JID, not by the nick "alice" in a masked room', async function () {
      expect(await to('open').say('!secret', { room: room('open') })).to.deep.equal(['the secret is 42']);
      expect(await to('masked').say('!secret', { room: room('masked') })).to.deep.equal([
        'You are not allowed to run "secret": it is for bot admins only.',
      ]);
      const mallory = await login('bob');
      await mallory.join(room('masked'), 'alice@localhost'); // a nickname dressed as the admin's account
      const driver = xmppChatDriver(mallory, { jid: 'bot@localhost', nick: 'banter' }, room('masked'));
      expect(await driver.say('!whoami', { room: room('masked') })).to.deep.equal([`you are ${room('masked')}/alice\\40localhost`]);
      expect(await driver.say('!secret', { room: room('masked') })).to.deep.equal(['You are not allowed to run "secret": it is for bot admins only.']);
      await mallory.logout();
    });

    it('answers when addressed by nickname and reports who a message mentions', async function () {
      expect(await to('open').say('banter: whoami', { room: room('open') })).to.deep.equal(['you are alice@localhost']);
      const from = log.mark();
      await alice.say(room('open'), 'alice and banter, the build is green', 'groupchat');
      const mention = await log.next((e) => e.type === 'mention', { from, what: 'a mention' });
      expect(mention).to.deep.equal({ type: 'mention', body: 'alice and banter, the build is green', people: ['banter', 'alice'] });
    });
  });

  it('reports someone joining, changing presence and leaving the room', async function () {
    await backend.joinRoom(room('lobby'));
    const bob = await login('bob');
    const from = log.mark();
    await bob.join(room('lobby'), 'bob');
    await log.next((e) => e.type === 'joined' && e.who === `${room('lobby')}/bob`, { from, what: 'bob joining' });
    await bob.setPresence('away', `${room('lobby')}/bob`);
    const away = await log.next((e) => e.type === 'presence' && e.status === 'away', { from, what: 'bob away' });
    expect(away).to.include({ who: `${room('lobby')}/bob`, aclattr: 'bob@localhost' });
    await bob.logout();
    await log.next((e) => e.type === 'left' && e.who === `${room('lobby')}/bob`, { from, what: 'bob leaving' });
    await log.next((e) => e.type === 'presence' && e.who === `${room('lobby')}/bob` && e.status === 'offline', { from, what: 'bob offline' });
  });

  it('invites a person through the room (a mediated invitation)', async function () {
    const lobby = await backend.joinRoom(room('lobby'));
    const from = alice.mark();
    await lobby.invite(backend.buildIdentifier('alice@localhost') as never);
    const invitation = await alice.waitFor((s) => s.attrs.from === room('lobby') && s.getChild('x', 'http://jabber.org/protocol/muc#user') !== undefined, { from });
    const invite = invitation.getChild('x', 'http://jabber.org/protocol/muc#user')!.getChild('invite')!;
    // The room hides real JIDs from non-moderators, so the inviter is named by its nickname there.
    expect(invite.attrs.from).to.equal(`${room('lobby')}/banter`);
  });

  it('creates a room that did not exist, lists it, leaves and destroys it', async function () {
    const scratch = backend.queryRoom('scratch');
    expect(await scratch.exists()).to.equal(false);
    await scratch.create();
    expect([await scratch.exists(), await scratch.joined()]).to.deep.equal([true, true]);
    expect((await backend.rooms()).map(String)).to.include(room('scratch'));
    await scratch.leave('done here');
    expect(await scratch.joined()).to.equal(false);
    expect((await backend.rooms()).map(String)).to.not.include(room('scratch'));
    await scratch.join();
    await scratch.destroy();
    expect([await scratch.exists(), await scratch.joined()]).to.deep.equal([false, false]);
    await scratch.destroy(); // already gone: nothing to do
  });
});

function xmlSubject(to: string, subject: string) {
  return xml('message', { to, type: 'groupchat' }, xml('subject', {}, subject));
}
