import { expect } from 'chai';
import { Backoff } from './backoff.ts';

describe('Backoff', function () {
  it('grows by its factor up to the maximum, adds jitter, and starts over after reset', function () {
    const backoff = new Backoff({ initialMs: 100, factor: 2, maxMs: 500, jitterMs: 10, random: () => 0.5 });
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).to.deep.equal([105, 205, 405, 505]);
    expect(backoff.attempts).to.equal(4);
    backoff.reset();
    expect(backoff.next()).to.equal(105);
  });
});
