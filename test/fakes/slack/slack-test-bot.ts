import type { BanterConfigInput, Bot, PluginClass } from 'banter';
import { SamplePlugin } from 'banter/testing';
import type { SlackBackend, SlackBackendOptionsInput } from '../../../backends/slack/index.ts';
import { startSlackBot } from '../../../backends/slack/testing/slack-bot.ts';
import { FakeSlack, type FakeSlackOptions, type Where } from './fake-slack.ts';
import { SlackProbe } from './probe-plugin.ts';
import type { FakeMessage } from './workspace.ts';

/**
 * A fake workspace for the Slack end-to-end tests: alice and bob; #ops with the bot and both of them; #general
 * (Slack's default channel) with everyone; #quiet with alice and bob but not the bot.
 */
export async function startWorkspace(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const slack = await FakeSlack.start(options);
  slack.addUser('alice', { realName: 'Alice Liddell', displayName: 'Alice', email: 'alice@example.org' });
  slack.addUser('bob', { realName: 'Bob Smith', email: 'bob@example.org' });
  slack.addChannel('general', { general: true, bot: true, members: ['alice', 'bob'] });
  slack.addChannel('ops', { bot: true, members: ['alice', 'bob'], topic: 'all quiet' });
  slack.addChannel('quiet', { members: ['alice', 'bob'] });
  return slack;
}

/** A bot with the probe and the sample plugin on `slack`. */
export async function startProbeBot(
  slack: FakeSlack,
  options: { slack?: Partial<SlackBackendOptionsInput>; config?: BanterConfigInput; plugins?: readonly PluginClass[] } = {},
): Promise<{ bot: Bot; backend: SlackBackend; probe: SlackProbe }> {
  const { bot, backend } = await startSlackBot(slack, options.plugins ?? [SlackProbe, SamplePlugin], { slack: options.slack, config: options.config });
  return { bot, backend, probe: SlackProbe.of(bot) };
}

let barriers = 0;

/**
 * Say a command the bot answers and wait for that answer. Slack events are handled in the order they arrive,
 * so once the answer is there, what was said before it in the same conversation has been handled too.
 */
export async function barrier(slack: FakeSlack, where: Where = '#ops', who = 'alice'): Promise<void> {
  const word = `barrier-${++barriers}`;
  const place = slack.conversation(where, slack.user(who)).id;
  const since = slack.mark();
  await slack.say(who, where, `!repeat ${word}`);
  await slack.waitFor(() => slack.botMessages({ channel: place, since }).find((m) => m.text === word), `the answer to ${word}`);
}

/** The text of every message the bot posted in `where` after `since` (raw, as sent over the wire). */
export function botTexts(slack: FakeSlack, where: Where, since = 0, who = 'alice'): string[] {
  return slack.botMessages({ channel: slack.conversation(where, slack.user(who)).id, since }).map((m) => m.text);
}

/** `who` says `text` in `where`, then the first `count` messages the bot posts there. */
export async function ask(slack: FakeSlack, where: Where, text: string, options: { who?: string; count?: number; threadTs?: string } = {}): Promise<FakeMessage[]> {
  const who = options.who ?? 'alice';
  const place = slack.conversation(where, slack.user(who)).id;
  const since = slack.mark();
  await slack.say(who, where, text, options.threadTs ? { threadTs: options.threadTs } : {});
  return slack.waitForBotMessages(place, options.count ?? 1, since);
}

/**
 * `probe()`'s first answer that is not undefined (or throws), checked once per event-loop turn for at most
 * `turns` turns: for state the bot changes right after Slack's event was acknowledged.
 */
export async function eventually<T>(probe: () => T | undefined, what: string, turns = 2_000): Promise<T> {
  for (let turn = 0; turn < turns; turn++) {
    try {
      const found = probe();
      if (found !== undefined) return found;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`gave up after ${turns} event-loop turns waiting for ${what}`);
}
