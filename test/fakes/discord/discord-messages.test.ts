import { expect } from 'chai';
import { createRequire } from 'node:module';
import { BanterError, type Bot } from 'banter';
import type { DiscordBackend } from '../../../backends/discord/discord-backend.ts';
import { startDiscordBot } from '../../../backends/discord/testing/discord-bot.ts';
import { SeenLog, discordTestPlugin, type Seen } from '../../../backends/discord/testing/discord-test-plugin.ts';
import { FakeDiscord } from './fake-discord.ts';
import { PERMISSIONS } from './index.ts';
import type { FakeChannel, FakeUser } from './world.ts';

const isMessage = (body: string) => (e: Seen): e is Extract<Seen, { type: 'message' }> => e.type === 'message' && e.body === body;

describe('Discord backend: messages, DMs, mentions, threads, reactions, embeds, files', function () {
  let fake: FakeDiscord;
  let bot: Bot;
  let backend: DiscordBackend;
  let seen: SeenLog;
  let alice: FakeUser;
  let general: FakeChannel;

  before(async function () {
    fake = await FakeDiscord.start({ channels: ['general', 'ops'] });
    alice = fake.addUser('alice', { globalName: 'Alice Liddell', nick: 'Al' });
    fake.addEmoji('partyparrot');
    general = fake.channel('general');
    seen = new SeenLog();
    ({ bot, backend } = await startDiscordBot(fake, [discordTestPlugin(seen)]));
  });

  after(async function () {
    await bot?.stop();
    await fake?.stop();
  });

  /** Alice says `text` in `where`; resolves with the bot's next `count` messages there. */
  async function exchange(where: FakeChannel | 'dm', text: string, count = 1) {
    const channel = where === 'dm' ? fake.world.dmChannel(alice.id) : where;
    const before = fake.botMessages(channel).length;
    const said = fake.say(alice, where, text);
    return { said, replies: await fake.botMessagesAfter(channel, before, count) };
  }

  describe('who says what, where', function () {
    it('gives plugins the author as an occupant whose aclattr is the user id, never a display name', async function () {
      await exchange(general, '!say hi');
      const message = await seen.waitFor(isMessage('!say hi'));
      expect(message.from).to.equal(alice.id);
      expect(message.room).to.equal('#general');
    });

    it('answers a direct message in the DM, without the prefix', async function () {
      const { replies } = await exchange('dm', 'say hello there');
      expect(replies.map((r) => r.content)).to.deep.equal(['hello there']);
      expect(fake.world.channels.get(replies[0]!.channelId)!.type).to.equal(1);
    });

    it('answers a private command asked in a channel in a DM, not in the channel', async function () {
      const dm = fake.world.dmChannel(alice.id);
      const inDm = fake.botMessages(dm).length;
      const inChannel = fake.botMessages(general).length;
      fake.say(alice, general, '!secret');
      const [reply] = await fake.botMessagesAfter(dm, inDm, 1);
      expect(reply!.content).to.equal('just for you');
      expect(fake.botMessages(general)).to.have.length(inChannel);
    });

    it('answers as a Discord reply to the command message, and never pings @everyone', async function () {
      const { said, replies } = await exchange(general, '!say hi @everyone');
      const post = fake.callsTo('POST', new RegExp(`^/channels/${general.id}/messages$`)).at(-1)!;
      expect(post.body!.message_reference).to.deep.include({ message_id: said.id, fail_if_not_exists: false });
      expect(post.body!.allowed_mentions).to.deep.equal({ parse: ['users'], replied_user: true });
      expect(replies[0]!.type).to.equal(19);
      expect(replies[0]!.content).to.equal('hi @everyone');
    });

    it('ignores other bots, so two bots never answer each other', async function () {
      const other = fake.world.addUser('otherbot', { bot: true });
      fake.world.join(fake.guild, other.id);
      fake.say(other, general, '!say loop');
      await exchange(general, '!say after the bot');
      expect(seen.entries.some((e) => e.type === 'message' && e.body === '!say loop')).to.equal(false);
    });
  });

  describe('mentions', function () {
    it('runs a command addressed by mentioning the bot, and shows plugins readable names', async function () {
      const { replies } = await exchange(general, `<@${fake.bot.id}> say ping <@${alice.id}> in <#${general.id}>`);
      expect(replies[0]!.content).to.equal(`ping <@${alice.id}> in <#${general.id}>`);
      const message = await seen.waitFor(isMessage(`@${fake.bot.username} say ping @alice in #general`));
      expect(message.mentions).to.have.members([fake.bot.id, alice.id]);
    });

    it('turns @name and #channel in what plugins say into Discord mentions, leaving code alone', async function () {
      const { replies } = await exchange(general, '!say @alice see #ops, not `@alice` or #nowhere');
      expect(replies[0]!.content).to.equal(`<@${alice.id}> see <#${fake.channel('ops').id}>, not \`@alice\` or #nowhere`);
      expect(replies[0]!.mentions).to.deep.equal([alice.id]);
    });
  });

  describe('threads', function () {
    it('answers a command said in a thread in that thread, and tells plugins the thread', async function () {
      const thread = fake.startThread(alice, general, 'incident 7');
      const { replies } = await exchange(thread, '!say in the thread');
      expect(replies[0]!.channelId).to.equal(thread.id);
      const message = await seen.waitFor(isMessage('!say in the thread'));
      expect(message.room).to.equal('#general');
      expect(message.threadId).to.equal(thread.id);
    });

    it('starts a thread from the command message for a command that answers in a thread', async function () {
      const said = fake.say(alice, general, '!threaded');
      const thread = await fake.waitFor(() => fake.world.channels.get(said.id), 'a thread started from the command');
      const [reply] = await fake.botMessagesAfter(thread, 0, 1);
      expect(reply!.content).to.equal('answered in a thread');
      expect(thread.parentId).to.equal(general.id);
      expect(fake.callsTo('POST', new RegExp(`^/channels/${general.id}/messages/${said.id}/threads$`))).to.have.length(1);
    });

    it('keeps every later answer in the thread it started, starting it once', async function () {
      const said = fake.say(alice, general, '!twice');
      const thread = await fake.waitFor(() => fake.world.channels.get(said.id), 'the thread');
      const replies = await fake.botMessagesAfter(thread, 0, 2);
      expect(replies.map((r) => r.content)).to.deep.equal(['first in the thread', 'second in the thread']);
      expect(fake.callsTo('POST', /\/threads$/).filter((c) => c.path.includes(said.id))).to.have.length(1);
    });
  });

  describe('reactions', function () {
    it('delivers a person\'s reaction with its shortcode name, and its removal', async function () {
      const { said } = await exchange(general, '!say react to me');
      fake.react(alice, said, '👍');
      const added = await seen.waitFor((e) => e.type === 'reaction' && e.action === 'added' && e.messageId === said.id);
      expect(added).to.deep.include({ name: 'thumbsup', reactor: alice.id, target: `<#${general.id}>` });
      fake.react(alice, said, '👍', true);
      await seen.waitFor((e) => e.type === 'reaction' && e.action === 'removed' && e.messageId === said.id);
    });

    it('reacts by shortcode, with the emoji URL-encoded in the route, and takes it back', async function () {
      const said = fake.say(alice, general, '!unreact white_check_mark');
      await fake.waitFor(() => fake.botMessages(general).find((m) => m.content === 'reacted and took it back'), 'the answer');
      const route = new RegExp(`/messages/${said.id}/reactions/✅/@me$`);
      const [put] = fake.callsTo('PUT', route);
      expect(put!.rawPath).to.match(new RegExp(`/reactions/${encodeURIComponent('✅')}/@me$`));
      expect(fake.callsTo('DELETE', route)).to.have.length(1);
      expect(said.reactions.get('✅')?.size ?? 0).to.equal(0);
    });

    it('reacts with a custom emoji of the server by its name', async function () {
      const party = fake.guild.emojis.find((e) => e.name === 'partyparrot')!;
      const said = fake.say(alice, general, '!react to partyparrot');
      await fake.waitFor(() => said.reactions.get(`partyparrot:${party.id}`)?.has(fake.bot.id) || undefined, 'the custom reaction');
    });

    it('refuses a reaction name that is no emoji it knows, saying which names work, before calling Discord', async function () {
      const { said } = await exchange(general, '!say react here');
      const puts = fake.callsTo('PUT', /\/reactions\//).length;
      const error = await backend.react({ id: said.id, to: backend.queryRoom('#general') }, 'not_an_emoji_name').catch((e: unknown) => e);
      expect(error).to.be.instanceOf(BanterError);
      expect(error).to.deep.include({ code: 'E_DISCORD_EMOJI' });
      expect((error as Error).message).to.match(/Unknown emoji "not_an_emoji_name": use a shortcode such as thumbsup/);
      expect(fake.callsTo('PUT', /\/reactions\//)).to.have.length(puts);
    });
  });

  describe('cards, files, edits, typing', function () {
    it('renders a card as an embed with buttons, and delivers a button press to the plugin', async function () {
      const { replies } = await exchange(general, '!status');
      const [card] = replies;
      expect(card!.content).to.equal('');
      expect(card!.embeds).to.deep.equal([
        {
          title: 'Deploy api',
          url: 'https://ci.example.org/deploys/42',
          description: 'Waiting for approval',
          color: 0xdaa038,
          fields: [
            { name: 'env', value: 'prod', inline: true },
            { name: 'version', value: '1.4.2', inline: true },
          ],
        },
      ]);
      const buttons = (card!.components as Array<{ components: Array<{ label: string; custom_id: string }> }>)[0]!.components;
      expect(buttons.map((b) => b.label)).to.deep.equal(['Approve', 'Reject']);
      const press = fake.press(alice, card!, buttons[0]!.custom_id);
      const action = await seen.waitFor((e) => e.type === 'card action');
      expect(action).to.deep.include({ actionId: 'approve', value: '42', who: alice.id, target: `<#${general.id}>` });
      expect(press.callback).to.equal(6);
    });

    it('sends a card as text where the bot may not embed links', async function () {
      const plain = fake.addChannel('plain');
      plain.overwrites.push({ id: fake.guild.botRoleId, type: 0, allow: 0n, deny: PERMISSIONS.EmbedLinks });
      fake.events.channel('CHANNEL_UPDATE', plain);
      await fake.waitFor(() => (backend.buildIdentifier(`<#${plain.id}>`).toString() ? true : undefined), 'the new channel');
      const { replies } = await exchange(plain, '!status');
      expect(replies[0]!.embeds).to.deep.equal([]);
      expect(replies[0]!.content).to.match(/\*\*Deploy api\*\*[\s\S]*env: prod[\s\S]*\[Approve\] \[Reject\]/);
    });

    it('uploads a file as multipart form data with payload_json, and the comment as text', async function () {
      const { replies } = await exchange(general, '!upload report.txt');
      const [upload] = replies;
      expect(upload!.content).to.equal('here is the report');
      expect(upload!.attachments.map((a) => [a.filename, a.data.toString()])).to.deep.equal([['report.txt', 'line 1\nline 2\n']]);
      const call = fake.callsTo('POST', new RegExp(`^/channels/${general.id}/messages$`)).at(-1)!;
      expect(call.files.map((f) => f.name)).to.deep.equal(['files[0]']);
      expect(call.body!.attachments).to.deep.equal([{ id: '0' }]);
    });

    it('uploads a file when a newer undici in the process (Slack\'s) made the process-wide dispatcher', async function () {
      // What loading the Slack backend does: @slack/socket-mode's undici 7 sets the dispatcher every undici shares.
      const fromSlack = createRequire(createRequire(import.meta.url).resolve('@slack/socket-mode'));
      const undici7 = fromSlack('undici') as { Agent: new () => unknown; getGlobalDispatcher(): unknown; setGlobalDispatcher(d: unknown): void };
      const previous = undici7.getGlobalDispatcher();
      const shared = new undici7.Agent() as { close(): Promise<void> };
      undici7.setGlobalDispatcher(shared);
      try {
        const { replies } = await exchange(general, '!upload report.txt');
        expect(replies[0]!.attachments.map((a) => a.filename)).to.deep.equal(['report.txt']);
      } finally {
        undici7.setGlobalDispatcher(previous);
        await shared.close();
      }
    });

    it('edits a message it sent, and deletes it', async function () {
      const { replies: done } = await exchange(general, '!revise', 2);
      expect(done[1]!.content).to.equal('revised');
      const revised = done[0]!;
      expect(revised).to.deep.include({ content: 'final text' });
      expect(revised.editedAt).to.be.a('string');
      expect(fake.callsTo('PATCH', new RegExp(`^/channels/${general.id}/messages/${revised.id}$`))).to.have.length(1);
      const { replies } = await exchange(general, '!retract');
      expect(replies[0]!.content).to.equal('deleted');
      expect(fake.world.messages.has(revised.id)).to.equal(false);
    });

    it('shows the typing indicator where the command was asked', async function () {
      await exchange(general, '!typing');
      expect(fake.callsTo('POST', new RegExp(`^/channels/${general.id}/typing$`))).to.have.length(1);
    });

    it('splits a reply longer than Discord\'s 2000 characters into several messages', async function () {
      const { replies } = await exchange(general, '!long 4500', 3);
      expect(replies.every((r) => r.content.length <= 2000)).to.equal(true);
      expect(replies.map((r) => r.content).join(' ').split(' ')).to.have.length(900);
    });
  });
});
