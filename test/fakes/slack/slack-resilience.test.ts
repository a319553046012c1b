import { expect } from 'chai';
import { createHook } from 'node:async_hooks';
import type { Bot } from 'banter';
import type { SlackBackend } from '../../../backends/slack/index.ts';
import type { FakeSlack } from './fake-slack.ts';
import type { SlackProbe } from './probe-plugin.ts';
import { ask, barrier, botTexts, startProbeBot, startWorkspace } from './slack-test-bot.ts';

describe('Slack backend: rate limits, dropped connections and shutdown', function () {
  let slack: FakeSlack;
  let bot: Bot | undefined;
  let backend: SlackBackend;
  let probe: SlackProbe;

  beforeEach(async function () {
    slack = await startWorkspace();
    ({ bot, backend, probe } = await startProbeBot(slack));
  });

  afterEach(async function () {
    await bot?.stop();
    bot = undefined;
    await slack.stop();
    expect(slack.protocolErrors).to.deep.equal([]);
  });

  describe('rate limits', function () {
    it('waits out an HTTP 429 as Retry-After says and then sends, keeping the order of the answers', async function () {
      slack.api.rateLimit('chat.postMessage', 1, 1);
      const replies = await ask(slack, '#ops', '!count 3', { count: 3 });
      expect(replies.map((r) => r.text)).to.deep.equal(['1', '2', '3']);
      const posts = slack.api.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.outcome);
      expect(posts).to.deep.equal(['429', 'ok', 'ok', 'ok']);
      expect(backend.rateLimited).to.equal(1);
    });
  });

  describe('the Socket Mode connection', function () {
    it('reconnects after the socket drops, tells plugins, and answers again', async function () {
      slack.dropConnections();
      await probe.until(() => (probe.disconnects === 1 && probe.connects === 2 ? true : undefined), 'the reconnect');
      expect(slack.socket.connectionsAccepted).to.equal(2);
      const [reply] = await ask(slack, '#ops', '!repeat back again');
      expect(reply!.text).to.equal('back again');
    });

    it('answers what was said while it was away, once it is back', async function () {
      slack.dropConnections();
      // Said while no connection is open: Slack keeps the event and delivers it when the app is back.
      const [reply] = await ask(slack, '#ops', '!repeat said during the outage');
      expect(reply!.text).to.equal('said during the outage');
    });

    it('loses no reply of a command that was running when the socket dropped', async function () {
      let open!: () => void;
      probe.gate = new Promise((resolve) => (open = resolve));
      const since = slack.mark();
      await slack.say('alice', '#ops', '!wait');
      await probe.until(() => probe.ran.find((r) => r.command === 'wait'), 'the command to start');
      slack.dropConnections();
      open();
      const [reply] = await slack.waitForBotMessages('#ops', 1, since);
      expect(reply!.text).to.equal('waited');
    });

    it('reconnects when Slack sends a disconnect frame, as before it recycles a server', async function () {
      slack.requestReconnect('refresh_requested');
      await probe.until(() => (probe.connects === 2 ? true : undefined), 'the reconnect');
      expect(slack.socket.connections).to.equal(1);
      const [reply] = await ask(slack, '#ops', '!repeat refreshed');
      expect(reply!.text).to.equal('refreshed');
    });

    it('runs a command once when Slack delivers its event again over Socket Mode (same event_id, retry_attempt 1)', async function () {
      const since = slack.mark();
      await ask(slack, '#ops', '!repeat exactly once');
      const eventId = slack.lastEventId((e) => e.text === '!repeat exactly once')!;
      const again = await slack.redeliver(eventId, 1);
      expect(again).to.deep.equal({ via: 'socket', ack: {} }); // acknowledged, so Slack stops retrying
      await barrier(slack);
      expect(botTexts(slack, '#ops', since).filter((t) => t === 'exactly once')).to.have.length(1);
    });
  });

  describe('shutdown', function () {
    it('closes the socket and leaves no timer or socket behind', async function () {
      await ask(slack, '#ops', '!repeat before stopping');
      const timers = trackTimers();
      await bot!.stop();
      bot = undefined;
      expect(backend.connected).to.equal(false);
      expect(slack.socket.connections).to.equal(0);
      await slack.stop(); // the fake's own sockets and close timers go too
      const after = await settled();
      timers.stop();
      expect(timers.alive(), 'timers that would keep the process alive').to.deep.equal([]);
      expect(after.TCPSocketWrap ?? 0, 'sockets').to.equal(0);
    });

    it('stops even when Slack never answers the close frame, without leaving the SDK\'s 30 s close timer', async function () {
      const timers = trackTimers();
      slack.socket.stall();
      await bot!.stop(); // waits a moment for the close handshake, then cuts the connection itself
      bot = undefined;
      timers.stop();
      expect(timers.alive(), 'timers that would keep the process alive').to.deep.equal([]);
    });
  });
});

/**
 * Timers created from now on that are still pending and keep the event loop alive, with where they were set.
 * Timers that existed before, and mocha's own test timeouts, are not counted.
 */
function trackTimers(): { alive(): string[]; stop(): void } {
  const created = new Map<number, { resource: { hasRef?: () => boolean; _destroyed?: boolean; _idleTimeout?: number }; where: string }>();
  const hook = createHook({
    init(id, type, _trigger, resource) {
      if (type === 'Timeout') created.set(id, { resource: resource as never, where: new Error().stack!.split('\n').slice(4, 8).join(' | ') });
    },
    destroy(id) {
      created.delete(id);
    },
  }).enable();
  return {
    stop: () => void hook.disable(),
    alive: () =>
      [...created.values()]
        .filter(({ resource, where }) => resource.hasRef?.() && !resource._destroyed && resource._idleTimeout !== -1 && !where.includes('/mocha/'))
        .map(({ resource, where }) => `${resource._idleTimeout} ms: ${where}`),
  };
}

/** The resources once closing sockets have finished closing (a bounded number of event-loop turns). */
async function settled(): Promise<Record<string, number>> {
  for (let turn = 0; turn < 500; turn++) {
    const counts = countResources();
    if (!counts.TCPSocketWrap && !counts.TCPServerWrap) return counts;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return countResources();
}

/** Resources keeping the process alive, by kind (Timeout, TCPSocketWrap…). */
function countResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}
