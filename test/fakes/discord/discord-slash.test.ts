import { expect } from 'chai';
import { Plugin, command, type Bot, type PluginClass } from 'banter';
import { SamplePlugin } from 'banter/testing';
import { startDiscordBot } from '../../../backends/discord/testing/discord-bot.ts';
import { SeenLog, discordTestPlugin } from '../../../backends/discord/testing/discord-test-plugin.ts';
import { FakeDiscord } from './fake-discord.ts';
import type { FakeInteraction } from './interactions.ts';
import type { FakeChannel, FakeUser } from './world.ts';

class OpsPlugin extends Plugin {
  static override metadata = { name: 'ops', description: 'Admin commands' };

  @command({ help: 'Restarts a service', syntax: '<service> [env]', admin: true })
  restart(): string {
    return 'restarted';
  }

  @command({ help: 'Not for the menu', hidden: true })
  hiddenthing(): string {
    return 'hidden';
  }
}

describe('Discord backend: slash commands', function () {
  let fake: FakeDiscord;
  let alice: FakeUser;
  let general: FakeChannel;
  const plugins: PluginClass[] = [SamplePlugin, discordTestPlugin(new SeenLog())];

  before(async function () {
    fake = await FakeDiscord.start();
    alice = fake.addUser('alice');
    general = fake.channel('general');
  });

  after(async function () {
    await fake?.stop();
  });

  const commandPuts = () => fake.callsTo('PUT', /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/);
  /** The texts a person sees as the answer to an interaction: the placeholder's final text, then follow-ups. */
  const answers = (interaction: FakeInteraction) => [interaction.original?.content, ...interaction.followups.map((m) => m.content)];

  describe('registration', function () {
    let bot: Bot | undefined;

    afterEach(async function () {
      await bot?.stop();
      bot = undefined;
    });

    it('offers each plain and argument command, with options from its syntax, leaving out regex and hidden ones', async function () {
      ({ bot } = await startDiscordBot(fake, [...plugins, OpsPlugin]));
      const registered = new Map([...fake.world.commands.values()].map((c) => [c.json.name as string, c.json]));
      expect([...registered.keys()]).to.include.members(['ping', 'sample-echo', 'add', 'count', 'react-to', 'restart']);
      expect([...registered.keys()]).to.not.include.members(['shout', 'hiddenthing']);
      expect(registered.get('sample-echo')).to.deep.include({ description: 'Repeats its arguments', options: [{ type: 3, name: 'text', description: 'text (required)', required: true }] });
      expect((registered.get('add')!.options as Array<{ name: string; required: boolean }>).map((o) => [o.name, o.required])).to.deep.equal([
        ['a', true],
        ['b', true],
        ['options', false],
      ]);
      expect(registered.get('restart')).to.deep.include({ default_member_permissions: '0' });
      expect(registered.get('ping')).to.deep.include({ default_member_permissions: null });
    });

    it('does not write them again when the same bot starts again: it reads, compares, and leaves them', async function () {
      ({ bot } = await startDiscordBot(fake, [...plugins, OpsPlugin]));
      await bot.stop();
      const puts = commandPuts().length;
      const gets = fake.callsTo('GET', /\/commands$/).length;
      ({ bot } = await startDiscordBot(fake, [...plugins, OpsPlugin]));
      expect(commandPuts()).to.have.length(puts);
      expect(fake.callsTo('GET', /\/commands$/)).to.have.length(gets + 1);
    });

    it('writes them again, in one bulk overwrite, when the commands changed', async function () {
      ({ bot } = await startDiscordBot(fake, [...plugins, OpsPlugin]));
      await bot.stop();
      const puts = commandPuts().length;
      ({ bot } = await startDiscordBot(fake, plugins));
      expect(commandPuts()).to.have.length(puts + 1);
      expect([...fake.world.commands.values()].map((c) => c.json.name)).to.not.include('restart');
    });

    it('registers in one guild instead of globally when commandGuild is set', async function () {
      ({ bot } = await startDiscordBot(fake, plugins, { backend: { commandGuild: fake.guild.id } }));
      expect(commandPuts().at(-1)!.path).to.equal(`/applications/${fake.world.applicationId}/guilds/${fake.guild.id}/commands`);
      expect([...fake.world.commands.values()].filter((c) => c.guildId === fake.guild.id).map((c) => c.json.name)).to.include('ping');
    });

    it('updates them when a plugin is deactivated or activated while the bot runs', async function () {
      ({ bot } = await startDiscordBot(fake, [...plugins, OpsPlugin]));
      const names = () => [...fake.world.commands.values()].filter((c) => c.guildId === undefined).map((c) => c.json.name);
      expect(names()).to.include('restart');
      await bot.deactivatePlugin('ops');
      expect(names()).to.not.include('restart');
      await bot.activatePlugin('ops');
      expect(names()).to.include('restart');
    });

    it('registers nothing when slash commands are turned off', async function () {
      const puts = commandPuts().length;
      const gets = fake.callsTo('GET', /\/commands$/).length;
      ({ bot } = await startDiscordBot(fake, [...plugins, OpsPlugin], { backend: { slashCommands: false } }));
      expect(commandPuts()).to.have.length(puts);
      expect(fake.callsTo('GET', /\/commands$/)).to.have.length(gets);
    });
  });

  describe('running them', function () {
    let bot: Bot;

    before(async function () {
      ({ bot } = await startDiscordBot(fake, plugins));
    });

    after(async function () {
      await bot?.stop();
    });

    async function run(where: FakeChannel | 'dm', name: string, options: Record<string, string> = {}, count = 1): Promise<FakeInteraction> {
      const interaction = fake.slash(alice, where, name, options);
      return fake.waitFor(() => (answers(interaction).filter((a) => a).length >= count ? interaction : undefined), `${count} answer(s) to /${name}`);
    }

    it('runs the same handler as the chat command, deferring at once and then answering in place', async function () {
      const interaction = await run(general, 'sample-echo', { text: 'hello   world' });
      expect(interaction.callback).to.equal(5);
      expect(answers(interaction)).to.deep.equal(['hello   world']);
      expect(interaction.original!.flags & 128).to.equal(0);
    });

    it('passes options to a command with typed arguments in syntax order', async function () {
      expect(answers(await run(general, 'add', { b: '3', a: '2' }))).to.deep.equal(['5']);
    });

    it('quotes an option with blanks for a command with typed arguments', async function () {
      const interaction = await run(general, 'add', { a: '2', b: '3', options: '--unknown' });
      expect(answers(interaction)[0]).to.match(/5|Unknown argument/);
    });

    it('sends a streamed answer as the placeholder\'s text and then follow-ups', async function () {
      expect(answers(await run(general, 'count', { n: '3' }, 3))).to.deep.equal(['1', '2', '3']);
    });

    it('answers a card as an embed in the interaction', async function () {
      const interaction = fake.slash(alice, general, 'sample-card');
      const embeds = await fake.waitFor(() => (interaction.original?.embeds.length ? (interaction.original.embeds as Array<{ title: string }>) : undefined), 'the card');
      expect(embeds[0]!.title).to.equal('Sample status');
      expect(interaction.callback).to.equal(5);
    });

    it('removes the placeholder of a command that says nothing', async function () {
      const interaction = fake.slash(alice, general, 'quiet');
      await fake.waitFor(() => fake.callsTo('DELETE', new RegExp(`^/webhooks/${fake.world.applicationId}/${interaction.token}/messages/@original$`))[0], 'the placeholder removed');
      expect(interaction.callback).to.equal(5);
      expect(fake.world.messages.has(interaction.original!.id)).to.equal(false);
    });

    it('works in a direct message with the bot', async function () {
      expect(answers(await run('dm', 'ping'))).to.deep.equal(['pong']);
    });

    it('answers in a DM, not in the channel, for a command that answers privately', async function () {
      const dm = fake.world.dmChannel(alice.id);
      const before = fake.botMessages(dm).length;
      const interaction = fake.slash(alice, general, 'secret');
      const [reply] = await fake.botMessagesAfter(dm, before, 1);
      expect(reply!.content).to.equal('just for you');
      await fake.waitFor(() => (fake.world.messages.has(interaction.original!.id) ? undefined : true), 'the placeholder removed');
    });

    it('answers a slash command the bot no longer has, only to the person who used it', async function () {
      const id = fake.world.ids.next();
      fake.world.commands.set(id, { id, guildId: undefined, version: id, json: { id, name: 'retired', description: 'gone', type: 1 } });
      const interaction = fake.slash(alice, general, 'retired');
      await fake.waitFor(() => interaction.original, 'an answer');
      expect(interaction.callback).to.equal(4);
      expect(interaction.original!.content).to.match(/not one of this bot's commands/);
      expect(interaction.original!.flags & 64).to.equal(64);
    });
  });
});
