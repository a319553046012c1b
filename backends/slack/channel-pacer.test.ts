import { expect } from 'chai';
import { ManualClock } from 'banter/testing';
import { ChannelPacer } from './channel-pacer.ts';

/** A pacer on a manual clock, and a record of when (in clock ms since start) each task ran. */
function setup(messagesPerSecond: number, burst: number) {
  const clock = new ManualClock(0);
  const pacer = new ChannelPacer({ messagesPerSecond, burst, clock });
  const ran: Array<[string, number]> = [];
  const post = (conversation: string, label: string) => pacer.run(conversation, async () => {
    ran.push([label, clock.now()]);
    return label;
  });
  return { clock, pacer, ran, post };
}

describe('Slack pacing per conversation', function () {
  it('sends a burst at once, then one message per 1/rate seconds, in order', async function () {
    const { clock, ran, post } = setup(1, 3);
    const results = ['a', 'b', 'c', 'd', 'e'].map((label) => post('C1', label));
    await clock.advance(0);
    expect(ran).to.deep.equal([['a', 0], ['b', 0], ['c', 0]]);
    await clock.advance(1000);
    expect(ran.map(([label]) => label)).to.deep.equal(['a', 'b', 'c', 'd']);
    await clock.advance(1000);
    expect(ran).to.deep.equal([['a', 0], ['b', 0], ['c', 0], ['d', 1000], ['e', 2000]]);
    expect(await Promise.all(results)).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
  });

  it('paces each conversation on its own, so a busy channel does not hold back another', async function () {
    const { clock, ran, post } = setup(1, 1);
    void post('C1', 'c1-a');
    void post('C1', 'c1-b');
    void post('C2', 'c2-a');
    await clock.advance(0);
    expect(ran.map(([label]) => label)).to.deep.equal(['c1-a', 'c2-a']);
    await clock.advance(1000);
    expect(ran.map(([label]) => label)).to.deep.equal(['c1-a', 'c2-a', 'c1-b']);
  });

  it('refills after a quiet spell, up to the burst and no more', async function () {
    const { clock, ran, post } = setup(2, 2);
    await Promise.all([post('C1', 'a'), post('C1', 'b')]);
    await clock.advance(60_000);
    const later = ['c', 'd', 'e'].map((label) => post('C1', label));
    await clock.advance(0);
    expect(ran.map(([label]) => label)).to.deep.equal(['a', 'b', 'c', 'd']);
    await clock.advance(500);
    await Promise.all(later);
    expect(ran.at(-1)).to.deep.equal(['e', 60_500]);
  });

  it('runs one task at a time per conversation: a slow one (waiting out a 429) holds back the next', async function () {
    const clock = new ManualClock(0);
    const pacer = new ChannelPacer({ messagesPerSecond: 100, burst: 100, clock });
    const order: string[] = [];
    let release!: () => void;
    const slow = pacer.run('C1', async () => {
      order.push('slow started');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('slow done');
    });
    const next = pacer.run('C1', async () => void order.push('next'));
    await clock.advance(0);
    expect(order).to.deep.equal(['slow started']);
    release();
    await Promise.all([slow, next]);
    expect(order).to.deep.equal(['slow started', 'slow done', 'next']);
  });

  it('gives a failing task its own error and carries on with the rest', async function () {
    const { clock, pacer, ran, post } = setup(10, 10);
    const failing = pacer.run('C1', async () => {
      throw new Error('channel_not_found');
    });
    const after = post('C1', 'after');
    await clock.advance(0);
    expect(await failing.catch((e: Error) => e.message)).to.equal('channel_not_found');
    expect(await after).to.equal('after');
    expect(ran.map(([label]) => label)).to.deep.equal(['after']);
  });

  it('on close, fails what still waits, leaves no timer behind and refuses new tasks', async function () {
    const { clock, pacer, post } = setup(1, 1);
    void post('C1', 'a');
    const waiting = post('C1', 'b').catch((e: { code?: string }) => e.code);
    await clock.advance(0);
    expect(clock.pending).to.equal(1);
    pacer.close();
    expect(clock.pending).to.equal(0);
    expect(await waiting).to.equal('E_SLACK_DISCONNECTED');
    expect(await post('C1', 'c').catch((e: { code?: string }) => e.code)).to.equal('E_SLACK_DISCONNECTED');
    expect(pacer.waiting).to.equal(0);
  });
});
