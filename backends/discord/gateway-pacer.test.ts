import { expect } from 'chai';
import { Backoff } from 'banter';
import { ReconnectPacer, type Sleep } from './gateway-pacer.ts';

/** A sleep the test ends by hand, recording each wait. */
function manualSleep() {
  const waits: number[] = [];
  const pending: Array<() => void> = [];
  const sleep: Sleep = (ms, signal) =>
    new Promise((resolve, reject) => {
      waits.push(ms);
      pending.push(resolve);
      signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
  return { sleep, waits, wake: () => pending.shift()?.() };
}

/** Whether `promise` has settled by the time the pending callbacks of this turn have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('reconnect pacing', function () {
  const backoff = () => new Backoff({ initialMs: 100, factor: 2, maxMs: 1_000, jitterMs: 0 });

  it('lets the first attempt after a working connection go at once, so a session is resumed without delay', async function () {
    const { sleep, waits } = manualSleep();
    const pacer = new ReconnectPacer(backoff(), { sleep });
    const generation = pacer.open();
    expect(await settled(pacer.beforeConnect(generation))).to.equal(true);
    expect(waits).to.deep.equal([]);
  });

  it('spaces every further attempt with a growing backoff, and starts over once connected', async function () {
    const { sleep, waits, wake } = manualSleep();
    const pacer = new ReconnectPacer(backoff(), { sleep });
    const generation = pacer.open();
    await pacer.beforeConnect(generation);
    for (let i = 0; i < 3; i++) {
      const attempt = pacer.beforeConnect(generation);
      expect(await settled(attempt)).to.equal(false);
      wake();
      expect(await settled(attempt)).to.equal(true);
    }
    expect(waits).to.deep.equal([100, 200, 400]);
    pacer.connected();
    expect(await settled(pacer.beforeConnect(generation))).to.equal(true);
    const again = pacer.beforeConnect(generation);
    wake();
    await again;
    expect(waits).to.deep.equal([100, 200, 400, 100]);
  });

  it('lets no attempt through once closed: a shard destroyed mid-reconnect never dials', async function () {
    const { sleep } = manualSleep();
    const pacer = new ReconnectPacer(backoff(), { sleep });
    const generation = pacer.open();
    await pacer.beforeConnect(generation);
    const waiting = pacer.beforeConnect(generation);
    pacer.close();
    expect(await settled(waiting)).to.equal(false);
    expect(await settled(pacer.beforeConnect(generation))).to.equal(false);
    const next = pacer.open();
    expect(await settled(pacer.beforeConnect(next))).to.equal(true);
  });
});
