import { expect } from 'chai';
import { backoffOptionsSchema } from './backoff-options-schema.ts';

describe('backoffOptionsSchema: a backend\'s reconnect option', function () {
  it('fills in the backend\'s defaults and leaves the rest to Backoff', function () {
    expect(backoffOptionsSchema({ initialMs: 1000, maxMs: 300_000 }).parse(undefined)).to.deep.equal({ initialMs: 1000, maxMs: 300_000 });
    expect(backoffOptionsSchema().parse({ factor: 2 })).to.deep.equal({ factor: 2 });
  });

  it('names the field and the fix for a bad value, and refuses fields Backoff does not have', function () {
    const bad = backoffOptionsSchema().safeParse({ initialMs: 0, factor: 0.5, retries: 3 });
    expect(bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).to.deep.equal([
      'initialMs: must be more than 0 ms',
      'factor: must be at least 1',
      ': must be { initialMs, factor, maxMs, jitterMs } (milliseconds, and a factor of at least 1)',
    ]);
  });
});
