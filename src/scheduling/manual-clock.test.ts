import { expect } from 'chai';
import { ManualClock } from './manual-clock.ts';

describe('ManualClock', function () {
  it('runs due timers in order of due time, with now() at each timer, including timers set while advancing', async function () {
    const clock = new ManualClock(1_000);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => {
      seen.push(`a@${clock.now()}`);
      clock.setTimeout(() => seen.push(`c@${clock.now()}`), 150);
    }, 100);
    clock.setTimeout(() => seen.push(`late@${clock.now()}`), 1_000);
    await clock.advance(300);
    expect(seen).to.deep.equal(['a@1100', 'b@1200', 'c@1250']);
    expect(clock.now()).to.equal(1_300);
    expect(clock.pending).to.equal(1);
    expect(clock.nextDue?.getTime()).to.equal(2_000);
  });

  it('does not run a cleared timer, and refuses to go back in time', async function () {
    const clock = new ManualClock(0);
    let fired = false;
    const timer = clock.setTimeout(() => (fired = true), 10);
    clock.clearTimeout(timer);
    await clock.advance(100);
    expect(fired).to.equal(false);
    expect(clock.pending).to.equal(0);
    await clock.advanceTo(new Date(50)).then(
      () => expect.fail('should refuse'),
      (err: unknown) => expect(err).to.be.instanceOf(RangeError),
    );
  });
});
