import { expect } from 'chai';
import { ChangeWaiter } from './change-waiter.ts';

describe('waiting for what a test double records', function () {
  it('answers at once when the probe already holds, else on the change that makes it hold', async function () {
    const waiter = new ChangeWaiter();
    const lines: string[] = ['hello'];
    expect(await waiter.until(() => lines.find((l) => l === 'hello'), 1_000, () => new Error('never'))).to.equal('hello');
    const later = waiter.until(() => lines.find((l) => l.startsWith('PONG')), 1_000, () => new Error('never'));
    lines.push('PING');
    waiter.changed();
    lines.push('PONG :irc');
    waiter.changed();
    expect(await later).to.equal('PONG :irc');
  });

  it('gives up after the time given, with the error built then (so it can show what was seen)', async function () {
    const waiter = new ChangeWaiter();
    const lines: string[] = [];
    const failed = waiter.until(() => lines.find((l) => l === 'never'), 20, () => new Error(`saw ${lines.join(', ')}`));
    lines.push('one');
    waiter.changed();
    let error: unknown;
    await failed.catch((err: unknown) => (error = err));
    expect((error as Error).message).to.equal('saw one');
  });
});
