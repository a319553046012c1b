import type { ChatDriver } from 'banter/testing';
import type { FakeDiscord } from './fake-discord.ts';
import type { FakeChannel, FakeMessage, FakeUser } from './world.ts';

/**
 * The human's side of the shared end-to-end suite on Discord: say a line to the bot in a DM or in a channel
 * (by the room name the bot reports, `#channel`), and collect the bot's next messages there. An embed is read
 * the way a person sees it: its title, text and `name: value` fields.
 */
export function discordChatDriver(fake: FakeDiscord, human: FakeUser, room: FakeChannel, timeoutMs = 5_000): ChatDriver {
  return {
    room: `#${room.name}`,
    async say(text, options = {}) {
      const channel = options.room ? fake.channel(options.room.replace(/^#/, '')) : fake.world.dmChannel(human.id);
      const before = fake.botMessages(channel).length;
      fake.say(human, options.room ? channel : 'dm', text);
      const replies = await fake.botMessagesAfter(channel, before, options.replies ?? 1, timeoutMs);
      return replies.map((reply) => readAsPerson(fake, reply));
    },
  };
}

/**
 * A bot message as a person reads it in Discord: its text with mentions shown as names (`<#1…>` is shown as
 * `#ops`, `<@2…>` as `@alice`), or its embeds' title, description and fields.
 */
export function readAsPerson(fake: FakeDiscord, message: FakeMessage): string {
  const parts = message.content ? [message.content] : [];
  for (const embed of message.embeds as Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }> }>) {
    if (embed.title) parts.push(`**${embed.title}**`);
    if (embed.description) parts.push(embed.description);
    for (const field of embed.fields ?? []) parts.push(`${field.name}: ${field.value}`);
  }
  return parts
    .join('\n')
    .replace(/<#(\d+)>/g, (whole, id: string) => (fake.world.channels.get(id)?.name ? `#${fake.world.channels.get(id)!.name}` : whole))
    .replace(/<@!?(\d+)>/g, (whole, id: string) => (fake.world.users.get(id) ? `@${fake.world.users.get(id)!.username}` : whole));
}
