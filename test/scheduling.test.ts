import { expect } from 'chai';
import { pino } from 'pino';
import { BanterError, Plugin, PluginStateError, command, cron, systemClock, type Clock, type Logger, type ScheduledJob } from 'banter';
import { ManualClock, createTestBot, type TestBot } from 'banter/testing';

interface LogEntry {
  readonly level: number;
  readonly msg: string;
  readonly plugin?: string;
  readonly job?: string;
  readonly err?: { readonly message: string };
}

/** A debug-level logger that keeps every entry. */
function capturingLogger(): { log: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void entries.push(JSON.parse(line) as LogEntry) });
  return { log, entries };
}

const DEBUG = 20;
const ERROR = 50;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function iso(dates: readonly Date[]): string[] {
  return dates.map((d) => d.toISOString());
}

function jobsOf(bot: TestBot): ScheduledJob[] {
  return bot.bot.pluginManager.scheduler.jobs();
}

describe('scheduling: pollers', function () {
  /** Every poll, with the clock's time; `behaviour` decides what each poll does. */
  let polls: Date[];
  let behaviour: (n: number) => unknown;

  class Poller extends Plugin {
    static override metadata = { name: 'poller' };
    job: ScheduledJob | undefined;
    hookSawJobs = -1;

    override activate() {
      // An unbound method: startPoller calls it with the plugin as `this`.
      this.job = this.startPoller(MINUTE, this.poll);
    }

    override deactivate() {
      this.hookSawJobs = this.job?.active ? 1 : 0;
    }

    poll(at: Date) {
      if (!(this instanceof Poller)) throw new Error('poll called without the plugin as this');
      polls.push(at);
      return behaviour(polls.length);
    }

    @command()
    stop_polling() {
      return `stopped ${this.stopPoller(this.poll)}`;
    }

    @command()
    stop_job() {
      return `stopped ${this.stopPoller(this.job!)}`;
    }
  }

  beforeEach(function () {
    polls = [];
    behaviour = () => undefined;
  });

  it('runs the poller every interval, the first time one interval after it starts', async function () {
    const clock = new ManualClock(new Date('2025-01-06T08:00:00Z'));
    const bot = await createTestBot({ plugins: [Poller], clock });
    await clock.advance(MINUTE - 1);
    expect(polls).to.deep.equal([]);
    await clock.advance(1);
    await clock.advance(2 * MINUTE);
    expect(iso(polls)).to.deep.equal(['2025-01-06T08:01:00.000Z', '2025-01-06T08:02:00.000Z', '2025-01-06T08:03:00.000Z']);
    expect(jobsOf(bot)).to.have.length(1);
    expect(jobsOf(bot)[0]).to.include({ kind: 'poller', name: 'poll', owner: 'poller' });
    expect(jobsOf(bot)[0]!.nextRunAt?.toISOString()).to.equal('2025-01-06T08:04:00.000Z');
    await bot.stop();
  });

  it('logs a throwing or rejecting poll with the plugin logger and keeps polling', async function () {
    const { log, entries } = capturingLogger();
    behaviour = (n) => {
      if (n === 1) throw new Error('sync boom');
      if (n === 2) return Promise.reject(new Error('async boom'));
      return Promise.resolve();
    };
    const clock = new ManualClock();
    const bot = await createTestBot({ plugins: [Poller], clock, logger: log });
    await clock.advance(4 * MINUTE);
    expect(polls).to.have.length(4);
    const errors = entries.filter((e) => e.level === ERROR);
    expect(errors.map((e) => [e.plugin, e.job, e.err?.message])).to.deep.equal([
      ['poller', 'poll', 'sync boom'],
      ['poller', 'poll', 'async boom'],
    ]);
    expect(jobsOf(bot)).to.have.length(1);
    await bot.stop();
  });

  it('does not start a poll while the previous one is still running, and logs the skip at debug', async function () {
    const { log, entries } = capturingLogger();
    let finish!: () => void;
    behaviour = (n) => (n === 1 ? new Promise<void>((resolve) => (finish = resolve)) : undefined);
    const clock = new ManualClock();
    const bot = await createTestBot({ plugins: [Poller], clock, logger: log });
    await clock.advance(3 * MINUTE);
    expect(polls, 'only the first, slow poll started').to.have.length(1);
    const skips = entries.filter((e) => e.level === DEBUG && /still running/.test(e.msg));
    expect(skips.map((e) => e.plugin)).to.deep.equal(['poller', 'poller']);
    finish();
    await clock.advance(MINUTE);
    expect(polls).to.have.length(2);
    await bot.stop();
  });

  it('stops on stopPoller(fn) and on stopPoller(job), leaving no timer', async function () {
    for (const stop of ['!stop polling', '!stop job']) {
      polls = [];
      const clock = new ManualClock();
      const bot = await createTestBot({ plugins: [Poller], clock });
      await clock.advance(MINUTE);
      expect(await bot.say(stop)).to.equal('stopped 1');
      expect(clock.pending, stop).to.equal(0);
      expect(jobsOf(bot)).to.deep.equal([]);
      await clock.advance(10 * MINUTE);
      expect(polls, stop).to.have.length(1);
      expect(await bot.say(stop)).to.equal('stopped 0');
      await bot.stop();
    }
  });

  it('stops the poller on deactivate, after the deactivate hook, and starts a fresh one on activate', async function () {
    const clock = new ManualClock();
    const bot = await createTestBot({ plugins: [Poller], clock });
    const first = bot.bot.pluginManager.instance('poller') as Poller;
    await clock.advance(MINUTE);
    await bot.bot.pluginManager.deactivate('poller');
    expect(first.hookSawJobs, 'the poller still ran during the deactivate hook').to.equal(1);
    expect(first.job!.active).to.equal(false);
    expect(clock.pending).to.equal(0);
    expect(jobsOf(bot)).to.deep.equal([]);
    await clock.advance(10 * MINUTE);
    expect(polls).to.have.length(1);

    await bot.bot.pluginManager.activate('poller');
    await clock.advance(MINUTE);
    expect(polls).to.have.length(2);
    expect(jobsOf(bot)).to.have.length(1);
    await bot.stop();
    expect(clock.pending, 'bot.stop() stopped it too').to.equal(0);
  });

  it('refuses to start a poller once the plugin is deactivated', async function () {
    const clock = new ManualClock();
    const bot = await createTestBot({ plugins: [Poller], clock });
    const instance = bot.bot.pluginManager.instance('poller') as Poller;
    await bot.bot.pluginManager.deactivate('poller');
    expect(() => instance.activate()).to.throw(PluginStateError, /not active/);
    expect(clock.pending).to.equal(0);
    await bot.stop();
  });

  it('stops what a plugin started when its activate hook then fails', async function () {
    class Half extends Plugin {
      static override metadata = { name: 'half' };
      override activate() {
        this.startPoller(MINUTE, () => polls.push(new Date()));
        throw new Error('no database');
      }
    }
    const clock = new ManualClock();
    const bot = await createTestBot({ plugins: [Half], clock });
    expect(bot.bot.plugins().find((p) => p.name === 'half')).to.include({ state: 'failed', error: 'no database' });
    expect(clock.pending).to.equal(0);
    await clock.advance(5 * MINUTE);
    expect(polls).to.deep.equal([]);
    await bot.stop();
  });

  it('leaves no Node.js timer behind with the real clock once the bot stops', async function () {
    class RealTime extends Plugin {
      static override metadata = { name: 'real-time' };
      override activate() {
        this.startPoller(60 * MINUTE, () => undefined);
      }
      @cron('0 0 1 1 *')
      newYear() {}
    }
    // Real timers, counted: set and not yet fired or cleared.
    const live = new Set<unknown>();
    const clock: Clock = {
      now: () => systemClock.now(),
      setTimeout: (fn, ms) => {
        const timer = systemClock.setTimeout(() => {
          live.delete(timer);
          fn();
        }, ms);
        live.add(timer);
        return timer;
      },
      clearTimeout: (timer) => {
        live.delete(timer);
        systemClock.clearTimeout(timer);
      },
    };
    const nodeTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const bot = await createTestBot({ plugins: [RealTime], clock });
    expect(jobsOf(bot)).to.have.length(2);
    expect(live.size).to.equal(2);
    const running = nodeTimers();
    await bot.stop();
    expect(jobsOf(bot)).to.deep.equal([]);
    expect(live.size).to.equal(0);
    expect(nodeTimers(), 'both Node.js timers are gone').to.be.at.most(running - 2);
  });
});

describe('scheduling: @cron', function () {
  let runs: Date[];
  let fail: boolean;

  class Standup extends Plugin {
    static override metadata = { name: 'standup' };

    @cron('0 9 * * 1-5', { timezone: 'UTC' })
    remind(at: Date) {
      runs.push(at);
      if (fail) throw new Error(`reminder ${runs.length} failed`);
    }
  }

  beforeEach(function () {
    runs = [];
    fail = false;
  });

  it('fires at 09:00 on weekdays and not at the weekend', async function () {
    // Friday 08:00 UTC to Tuesday 10:00 UTC.
    const clock = new ManualClock(new Date('2025-01-03T08:00:00Z'));
    const bot = await createTestBot({ plugins: [Standup], clock });
    expect(jobsOf(bot)[0]).to.include({ kind: 'cron', name: 'remind', owner: 'standup' });
    await clock.advanceTo(new Date('2025-01-03T08:59:59Z'));
    expect(runs).to.deep.equal([]);
    await clock.advanceTo(new Date('2025-01-07T10:00:00Z'));
    expect(iso(runs)).to.deep.equal(['2025-01-03T09:00:00.000Z', '2025-01-06T09:00:00.000Z', '2025-01-07T09:00:00.000Z']);
    expect(jobsOf(bot)[0]!.nextRunAt?.toISOString()).to.equal('2025-01-08T09:00:00.000Z');
    await bot.stop();
  });

  it('reads the pattern in the time zone it is given, daylight saving time included', async function () {
    const times: Date[] = [];
    class Berlin extends Plugin {
      static override metadata = { name: 'berlin' };
      @cron('0 9 * * 1-5', { timezone: 'Europe/Berlin', name: 'morning' })
      morning(at: Date) {
        times.push(at);
      }
    }
    const clock = new ManualClock(new Date('2025-03-28T00:00:00Z'));
    const bot = await createTestBot({ plugins: [Berlin], clock });
    expect(jobsOf(bot)[0]!.name).to.equal('morning');
    await clock.advanceTo(new Date('2025-03-31T12:00:00Z'));
    // Friday is CET (UTC+1); Monday, after the change on Sunday 30 March, is CEST (UTC+2).
    expect(iso(times)).to.deep.equal(['2025-03-28T08:00:00.000Z', '2025-03-31T07:00:00.000Z']);
    await bot.stop();
  });

  it('logs a failing job with the plugin logger and keeps its schedule', async function () {
    const { log, entries } = capturingLogger();
    fail = true;
    const clock = new ManualClock(new Date('2025-01-06T00:00:00Z'));
    const bot = await createTestBot({ plugins: [Standup], clock, logger: log });
    await clock.advance(3 * DAY);
    expect(runs).to.have.length(3);
    const errors = entries.filter((e) => e.level === ERROR);
    expect(errors.map((e) => [e.plugin, e.job, e.err?.message])).to.deep.equal([
      ['standup', 'remind', 'reminder 1 failed'],
      ['standup', 'remind', 'reminder 2 failed'],
      ['standup', 'remind', 'reminder 3 failed'],
    ]);
    expect(jobsOf(bot)).to.have.length(1);
    await bot.stop();
  });

  it('stops on deactivate and starts again on activate', async function () {
    const clock = new ManualClock(new Date('2025-01-06T00:00:00Z'));
    const bot = await createTestBot({ plugins: [Standup], clock });
    await clock.advance(DAY);
    await bot.bot.pluginManager.deactivate('standup');
    expect(clock.pending).to.equal(0);
    expect(jobsOf(bot)).to.deep.equal([]);
    await clock.advance(7 * DAY);
    expect(runs).to.have.length(1);
    await bot.bot.pluginManager.activate('standup');
    await clock.advance(DAY);
    expect(runs).to.have.length(2);
    await bot.stop();
    expect(clock.pending).to.equal(0);
  });

  it('fires a yearly schedule, whose wait is longer than one Node.js timer allows', async function () {
    const times: Date[] = [];
    class Yearly extends Plugin {
      static override metadata = { name: 'yearly' };
      @cron('0 0 1 1 *', { timezone: 'UTC' })
      newYear(at: Date) {
        times.push(at);
      }
    }
    const clock = new ManualClock(new Date('2025-01-02T00:00:00Z'));
    const bot = await createTestBot({ plugins: [Yearly], clock });
    expect(clock.nextDue!.getTime() - clock.now()).to.be.at.most(2 ** 31 - 1);
    await clock.advance(400 * DAY);
    expect(iso(times)).to.deep.equal(['2026-01-01T00:00:00.000Z']);
    await bot.stop();
  });

  it('rejects a bad pattern or time zone when the class is defined', function () {
    expect(() => cron('every morning')).to.throw(BanterError).with.property('code', 'E_CRON_PATTERN');
    expect(() => cron('0 9 * * *', { timezone: 'Mars/Olympus' })).to.throw(BanterError, /Mars\/Olympus/);
  });

  it('uses the schedule a subclass declares for a method it overrides', async function () {
    class Later extends Standup {
      static override metadata = { name: 'later' };
      @cron('0 10 * * *', { timezone: 'UTC' })
      override remind(at: Date) {
        runs.push(at);
      }
    }
    const clock = new ManualClock(new Date('2025-01-04T00:00:00Z'));
    const bot = await createTestBot({ plugins: [Later], clock });
    await clock.advance(DAY);
    expect(iso(runs)).to.deep.equal(['2025-01-04T10:00:00.000Z']);
    await bot.stop();
  });
});
