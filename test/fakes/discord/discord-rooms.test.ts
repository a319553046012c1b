import { expect } from 'chai';
import { BanterError, IdentifierError, NotSupportedError, isOccupant, isPerson, isRoom, type Bot } from 'banter';
import type { DiscordBackend } from '../../../backends/discord/discord-backend.ts';
import type { DiscordRoom } from '../../../backends/discord/identifiers.ts';
import { startDiscordBot } from '../../../backends/discord/testing/discord-bot.ts';
import { SeenLog, discordTestPlugin } from '../../../backends/discord/testing/discord-test-plugin.ts';
import { FakeDiscord } from './fake-discord.ts';
import { PERMISSIONS } from './index.ts';
import type { FakeChannel, FakeUser } from './world.ts';

describe('Discord backend: rooms, identifiers and presence', function () {
  let fake: FakeDiscord;
  let bot: Bot;
  let backend: DiscordBackend;
  let seen: SeenLog;
  let alice: FakeUser;
  let bob: FakeUser;
  let general: FakeChannel;
  let ops: FakeChannel;
  let vault: FakeChannel;
  let hidden: FakeChannel;
  let thread: FakeChannel;

  before(async function () {
    fake = await FakeDiscord.start({ channels: ['general', 'ops', 'lobby'] });
    alice = fake.addUser('alice', { globalName: 'Alice Liddell', nick: 'Al' });
    bob = fake.addUser('bob');
    general = fake.channel('general');
    ops = fake.channel('ops');
    ops.topic = 'deploys and incidents';
    // A private channel the bot's role may see, and one it may not.
    vault = fake.world.addChannel(fake.guild, 'vault', { private: true });
    hidden = fake.world.addChannel(fake.guild, 'hidden', { private: true });
    hidden.overwrites = hidden.overwrites.filter((o) => o.id !== fake.guild.botRoleId);
    thread = fake.world.addThread(general, 'incident 7', alice.id);
    seen = new SeenLog();
    ({ bot, backend } = await startDiscordBot(fake, [discordTestPlugin(seen)]));
  });

  after(async function () {
    await bot?.stop();
    await fake?.stop();
  });

  const room = (text: string) => backend.queryRoom(text);

  /**
   * A round trip through the gateway: the gateway delivers events in order, so once the bot answers this,
   * it has handled every event sent before it (a channel update, a new guild).
   */
  async function sync(): Promise<void> {
    const before = fake.botMessages(general).length;
    fake.say(alice, general, '!say sync');
    await fake.botMessagesAfter(general, before, 1);
  }

  describe('identifiers', function () {
    it('reads people as <@id>, <@!id>, @username or a bare id, with the id as aclattr', function () {
      for (const text of [`<@${alice.id}>`, `<@!${alice.id}>`, '@alice', alice.id]) {
        const person = backend.buildIdentifier(text);
        expect(isPerson(person), text).to.equal(true);
        expect(person.aclattr).to.equal(alice.id);
        expect(String(person)).to.equal(`<@${alice.id}>`);
        expect(person).to.deep.include({ nick: 'alice', fullname: 'Alice Liddell' });
      }
    });

    it('reads rooms as <#id>, #name, Guild/#name, #channel/thread or a bare channel id', function () {
      expect(String(backend.buildIdentifier('#general'))).to.equal(`<#${general.id}>`);
      expect(String(backend.buildIdentifier('Banter Test/#ops'))).to.equal(`<#${ops.id}>`);
      expect(String(backend.buildIdentifier(general.id))).to.equal(`<#${general.id}>`);
      const inThread = backend.buildIdentifier('#general/incident 7');
      expect(isRoom(inThread) && inThread.name).to.equal('#general/incident 7');
      expect(String(inThread)).to.equal(`<#${thread.id}>`);
    });

    it('reads an occupant as <#channel>/<@user>, with the guild nickname as full name', function () {
      const occupant = backend.buildIdentifier(`<#${general.id}>/<@${alice.id}>`);
      expect(isOccupant(occupant)).to.equal(true);
      expect(occupant).to.deep.include({ aclattr: alice.id, fullname: 'Al' });
      expect(String(occupant)).to.equal(`<#${general.id}>/<@${alice.id}>`);
    });

    it('refuses a name that two guilds share, and names nobody it has not seen', async function () {
      const other = fake.world.addGuild('Other Guild', alice.id);
      fake.world.addChannel(other, 'lobby');
      fake.gateway.dispatch('GUILD_CREATE', () => fake.world.guildCreateJson(other));
      await sync();
      expect(() => backend.buildIdentifier('#lobby')).to.throw(IdentifierError, /Banter Test\/#lobby.*Other Guild\/#lobby/);
      expect(String(backend.buildIdentifier('Other Guild/#lobby'))).to.not.equal(String(backend.buildIdentifier('Banter Test/#lobby')));
      expect(() => backend.buildIdentifier('@nobody')).to.throw(IdentifierError, /<@id> always works/);
      expect(() => backend.buildIdentifier('general')).to.throw(IdentifierError);
    });
  });

  describe('rooms', function () {
    it('lists the channels it can see and the threads it is in, not channels hidden from it', async function () {
      const names = (await backend.rooms()).map((r) => r.name);
      expect(names).to.include.members(['#general', '#ops', '#vault']);
      expect(names).to.not.include('#hidden');
      expect(names).to.not.include('#general/incident 7');
    });

    it('reads a channel\'s topic and sets it; a topic someone else sets reaches plugins', async function () {
      expect(await room('#ops').topic()).to.equal('deploys and incidents');
      await room('#ops').setTopic('release day');
      expect(ops.topic).to.equal('release day');
      expect(fake.callsTo('PATCH', new RegExp(`^/channels/${ops.id}$`))[0]!.body).to.deep.equal({ topic: 'release day' });
      fake.changeTopic(ops, 'all clear');
      const event = await seen.waitFor((e) => e.type === 'topic' && e.topic === 'all clear');
      expect(event).to.deep.include({ room: '#ops' });
    });

    it('lists as occupants the members who can see the channel', async function () {
      const everyone = (await room('#general').occupants()).map((o) => o.aclattr);
      expect(everyone).to.include.members([alice.id, bob.id, fake.bot.id]);
      const few = (await room('#vault').occupants()).map((o) => o.aclattr);
      expect(few).to.include(fake.bot.id);
      expect(few).to.not.include.members([alice.id, bob.id]);
    });

    it('invites someone to a private channel by letting them see it', async function () {
      const person = backend.buildIdentifier(`<@${bob.id}>`);
      expect(isPerson(person)).to.equal(true);
      await room('#vault').invite(person as never);
      expect(fake.world.can(bob.id, vault, PERMISSIONS.ViewChannel)).to.equal(true);
      const [put] = fake.callsTo('PUT', new RegExp(`^/channels/${vault.id}/permissions/${bob.id}$`));
      expect(put!.body).to.deep.include({ type: 1 });
      await sync();
      expect((await room('#vault').occupants()).map((o) => o.aclattr)).to.include(bob.id);
    });

    it('joins and leaves a thread, and invites people into it', async function () {
      const incident = room('#general/incident 7');
      expect(await incident.joined()).to.equal(false);
      await incident.join();
      await fake.waitFor(() => (thread.threadMembers.has(fake.bot.id) ? true : undefined), 'the bot in the thread');
      expect(await incident.joined()).to.equal(true);
      expect((await backend.rooms()).map((r) => r.name)).to.include('#general/incident 7');
      await incident.invite(backend.buildIdentifier(`<@${bob.id}>`) as never);
      expect(thread.threadMembers.has(bob.id)).to.equal(true);
      expect((await incident.occupants()).map((o) => o.aclattr)).to.include.members([alice.id, bob.id, fake.bot.id]);
      await incident.leave();
      expect(thread.threadMembers.has(fake.bot.id)).to.equal(false);
    });

    it('needs nothing to join a channel it can see, and says why it cannot join one hidden from it', async function () {
      await backend.joinRoom('#general');
      const error = await backend.joinRoom(`<#${hidden.id}>`).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(BanterError);
      expect((error as BanterError).code).to.equal('E_DISCORD_PERMISSION');
      expect((error as Error).message).to.match(/cannot see #hidden: give its role View Channel/);
    });

    it('says plainly that a bot cannot join a server it is not in, and how it gets in', async function () {
      const error = await backend.joinRoom('Somewhere Else/#lobby').catch((e: unknown) => e);
      expect(error).to.be.instanceOf(NotSupportedError);
      expect((error as Error).message).to.match(/not in the server "Somewhere Else".*cannot join a server by itself.*invite URL/);
    });

    it('says that a bot cannot leave a channel, only lose sight of it', async function () {
      const error = await room('#general').leave().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(NotSupportedError);
      expect((error as Error).message).to.match(/View Channel/);
    });

    it('creates a channel, sees it exist, and destroys it', async function () {
      const fresh = room('Banter Test/#war-room') as DiscordRoom;
      expect(await fresh.exists()).to.equal(false);
      await fresh.create();
      const created = await fake.waitFor(() => [...fake.world.channels.values()].find((c) => c.name === 'war-room'), 'the new channel');
      await sync();
      const made = room('#war-room');
      expect(await made.exists()).to.equal(true);
      await made.destroy();
      expect(fake.world.channels.has(created.id)).to.equal(false);
      await made.destroy(); // nothing to destroy: nothing happens
    });
    it('starts a thread in a channel by creating a room named #channel/thread', async function () {
      const review = room('#ops/release review');
      expect(await review.exists()).to.equal(false);
      await review.create();
      const created = await fake.waitFor(() => [...fake.world.channels.values()].find((c) => c.name === 'release review'), 'the thread');
      expect(created).to.deep.include({ parentId: ops.id, type: 11 });
      expect(created.threadMembers.has(fake.bot.id)).to.equal(true);
    });
  });

  describe('presence', function () {
    it('tells plugins when someone\'s status changes, given the Presence intent (idle is away)', async function () {
      const watching = new SeenLog();
      const second = await startDiscordBot(fake, [discordTestPlugin(watching)], { backend: { intents: ['Guilds', 'GuildMessages', 'MessageContent', 'GuildPresences'] } });
      try {
        fake.setPresence(bob, 'idle');
        expect(await watching.waitFor((e) => e.type === 'presence')).to.deep.equal({ type: 'presence', who: bob.id, status: 'away' });
        expect(seen.entries.some((e) => e.type === 'presence')).to.equal(false);
      } finally {
        await second.bot.stop();
      }
    });

    it('sets its status and a custom status text over the gateway', async function () {
      await backend.changePresence('away', 'deploying');
      const presence = await fake.waitFor(() => fake.gateway.log.presences.at(-1), 'a presence update');
      expect(presence).to.deep.include({ status: 'idle' });
      expect(presence.activities).to.deep.equal([{ name: 'deploying', state: 'deploying', type: 4 }]);
    });
  });
});
