import { expect } from 'chai';
import { ManualClock } from 'banter/testing';
import { SeenEvents } from './seen-events.ts';

describe('Slack repeated deliveries', function () {
  it('lets a key through once, and a repeat within the window not', function () {
    const seen = new SeenEvents({ clock: new ManualClock(0) });
    expect(seen.firstTime('event:Ev1')).to.equal(true);
    expect(seen.firstTime('event:Ev1')).to.equal(false);
    expect(seen.firstTime('event:Ev2')).to.equal(true);
  });

  it('forgets keys after the window, so memory does not grow for ever', async function () {
    const clock = new ManualClock(0);
    const seen = new SeenEvents({ ttlMs: 1000, clock });
    seen.firstTime('a');
    await clock.advance(999);
    seen.firstTime('b');
    expect(seen.size).to.equal(2);
    await clock.advance(1);
    expect(seen.firstTime('a')).to.equal(true); // "a" expired; it counts as new again
    expect(seen.size).to.equal(2);
  });

  it('keeps at most max keys, forgetting the oldest first', function () {
    const seen = new SeenEvents({ max: 3, clock: new ManualClock(0) });
    for (const key of ['a', 'b', 'c', 'd']) seen.firstTime(key);
    expect(seen.size).to.equal(3);
    expect(seen.firstTime('d')).to.equal(false);
    expect(seen.firstTime('a')).to.equal(true);
  });
});
