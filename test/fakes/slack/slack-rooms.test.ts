import { expect } from 'chai';
import { IdentifierError, isOccupant, isPerson, isRoom, type Bot } from 'banter';
import { SlackApiError, type SlackBackend, type SlackRoom } from '../../../backends/slack/index.ts';
import { BANTER_BOT_SCOPES, type FakeSlack } from './fake-slack.ts';
import type { SlackProbe } from './probe-plugin.ts';
import { eventually, startProbeBot, startWorkspace } from './slack-test-bot.ts';

describe('Slack backend: rooms and identifiers', function () {
  let slack: FakeSlack;
  let bot: Bot | undefined;
  let backend: SlackBackend;
  let probe: SlackProbe;

  afterEach(async function () {
    await bot?.stop();
    bot = undefined;
    await slack.stop();
    expect(slack.protocolErrors).to.deep.equal([]);
  });

  async function start(options: { scopes?: readonly string[] } = {}): Promise<void> {
    slack = await startWorkspace(options);
    ({ bot, backend, probe } = await startProbeBot(slack));
  }

  describe('identifiers', function () {
    beforeEach(async function () {
      await start();
    });

    it('builds people from @handle, <@U…> and ids, all with the user id as aclattr', function () {
      const id = slack.user('alice').id;
      for (const text of ['@alice', `<@${id}>`, `<@${id}|alice>`, id]) {
        const person = backend.buildIdentifier(text);
        expect(isPerson(person), text).to.equal(true);
        expect(person.aclattr, text).to.equal(id);
        expect(String(person), text).to.equal('@alice');
      }
    });

    it('builds channels from #name, <#C…|name> and ids, and occupants from #channel/@person', function () {
      const ops = slack.conversation('#ops').id;
      for (const text of ['#ops', `<#${ops}|ops>`, `<#${ops}>`, ops]) {
        const room = backend.buildIdentifier(text) as SlackRoom;
        expect(isRoom(room), text).to.equal(true);
        expect([String(room), room.channelId], text).to.deep.equal(['#ops', ops]);
      }
      const occupant = backend.buildIdentifier(`<#${ops}>/@bob`);
      expect(isOccupant(occupant) && [String(occupant), occupant.aclattr, occupant.room.name]).to.deep.equal(['#ops/@bob', slack.user('bob').id, '#ops']);
    });

    it('refuses a handle nobody has, rather than guessing who was meant', function () {
      expect(() => backend.buildIdentifier('@mallory')).to.throw(IdentifierError, /no one is called @mallory/);
      expect(() => backend.buildIdentifier('mallory')).to.throw(IdentifierError);
    });
  });

  describe('rooms', function () {
    beforeEach(async function () {
      await start();
    });

    it('lists the channels the bot is in', async function () {
      expect((await backend.rooms()).map(String).sort()).to.deep.equal(['#general', '#ops']);
    });

    it('joins a public channel, and tells plugins it did', async function () {
      const quiet = await backend.joinRoom('#quiet');
      expect(await quiet.joined()).to.equal(true);
      expect(slack.conversation('#quiet').members.has('U0BOT')).to.equal(true);
      const event = await probe.until(() => probe.joined.find((e) => e.room.name === '#quiet'), 'the join');
      expect(event.who).to.equal(undefined); // the bot itself
    });

    it('creates a channel that does not exist when asked to join it, and archives it when asked to destroy it', async function () {
      const room = await backend.joinRoom('release-42');
      expect(String(room)).to.equal('#release-42');
      expect(await room.exists()).to.equal(true);
      await room.destroy();
      expect(slack.conversation('#release-42').archived).to.equal(true);
      expect(await room.exists()).to.equal(false);
    });

    it('cannot join a private channel uninvited, and says so', async function () {
      slack.addChannel('secret', { private: true, members: ['alice'] });
      const error = await backend.joinRoom('#secret').catch((e: unknown) => e);
      expect(error).to.be.instanceOf(SlackApiError);
      expect((error as Error).message).to.match(/private one the bot has not been invited to/);
    });

    it('leaves a channel', async function () {
      const ops = backend.queryRoom('#ops');
      await ops.leave();
      expect(await ops.joined()).to.equal(false);
      expect(slack.conversation('#ops').members.has('U0BOT')).to.equal(false);
    });

    it('reads and sets the topic, and tells plugins when a person changes it', async function () {
      const ops = backend.queryRoom('#ops');
      expect(await ops.topic()).to.equal('all quiet');
      await ops.setTopic('release day');
      expect(await ops.topic()).to.equal('release day');
      await slack.setTopic('alice', '#ops', 'all clear');
      const event = await probe.until(() => probe.topics[0], 'the topic change');
      expect([event.room.name, event.topic, event.who?.aclattr]).to.deep.equal(['#ops', 'all clear', slack.user('alice').id]);
    });

    it('lists who is in a channel with their profiles', async function () {
      const occupants = await backend.queryRoom('#ops').occupants();
      expect(occupants.map((o) => [String(o), o.fullname]).sort()).to.deep.equal([
        ['#ops/@alice', 'Alice Liddell'],
        ['#ops/@banterbot', 'Banter'],
        ['#ops/@bob', 'Bob Smith'],
      ]);
    });

    it('invites people, even ones who joined the workspace after the bot started', async function () {
      await slack.newMember('carol');
      await eventually(() => backend.buildIdentifier('@carol'), 'carol to be known');
      const ops = backend.queryRoom('#ops');
      await ops.invite(backend.buildIdentifier('@carol') as never, backend.buildIdentifier('@alice') as never);
      expect(slack.conversation('#ops').members.has(slack.user('carol').id)).to.equal(true);
      await ops.invite(backend.buildIdentifier('@carol') as never);
    });

    it('sets the bot away and back with users.setPresence', async function () {
      await backend.changePresence('away');
      await backend.changePresence('online');
      expect(slack.api.calls.filter((c) => c.method === 'users.setPresence').map((c) => c.args.presence)).to.deep.equal(['away', 'auto']);
    });
  });

  describe('scopes', function () {
    it('names the missing scope and where to add it when the app lacks one', async function () {
      await start({ scopes: BANTER_BOT_SCOPES.filter((s) => s !== 'channels:join') });
      const error = (await backend.joinRoom('#quiet').catch((e: unknown) => e)) as SlackApiError;
      expect(error).to.be.instanceOf(SlackApiError);
      expect([error.method, error.error, error.needed]).to.deep.equal(['conversations.join', 'missing_scope', 'channels:join']);
      expect(error.message).to.match(/lacks the channels:join scope: add it under "OAuth & Permissions" → "Bot Token Scopes" and reinstall the app/);
    });

    it('still starts without users:read, resolving people as they speak', async function () {
      await start({ scopes: BANTER_BOT_SCOPES.filter((s) => s !== 'users:read' && s !== 'users:read.email') });
      expect(() => backend.buildIdentifier('@alice')).to.throw(IdentifierError);
      expect(String(backend.buildIdentifier(slack.user('alice').id))).to.equal(`<@${slack.user('alice').id}>`);
    });
  });
});
