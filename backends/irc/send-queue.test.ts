import { expect } from 'chai';
import { BanterError } from 'banter';
import { SendQueue } from './send-queue.ts';
import { TokenBucket } from './token-bucket.ts';

describe('IRC flood control', function () {
  it('lets a burst through at once, then one line per 1/rate seconds', function () {
    let now = 0;
    const bucket = new TokenBucket(2, 3, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).to.deep.equal([true, true, true, false]);
    expect(bucket.delay()).to.equal(500);
    now = 499;
    expect(bucket.take()).to.equal(false);
    now = 500;
    expect(bucket.take()).to.equal(true);
    now = 60_000; // a long quiet spell saves up no more than the burst
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).to.deep.equal([true, true, true, false]);
  });

  it('sends every line of a long reply, in order, at the configured pace', async function () {
    const written: Array<[string, number]> = [];
    const queue = new SendQueue({ rate: 200, burst: 5 });
    queue.open((line) => {
      written.push([line, performance.now()]);
      return true;
    });
    const started = performance.now();
    await queue.push(Array.from({ length: 45 }, (_, i) => `PRIVMSG #ops :line ${i + 1}`));
    expect(written.map(([line]) => line)).to.deep.equal(Array.from({ length: 45 }, (_, i) => `PRIVMSG #ops :line ${i + 1}`));
    // 5 at once, then 40 more at 200/s: about 200 ms, and never faster
    expect(written[4]![1] - started).to.be.below(20);
    expect(written[44]![1] - started).to.be.at.least(195);
  });

  it('on stop, waits for the lines flood control holds back and sends them all before closing', async function () {
    const written: string[] = [];
    const queue = new SendQueue({ rate: 100, burst: 1 });
    queue.open((line) => (written.push(line), true));
    const batch = queue.push(['PRIVMSG #ops :restarting', 'PRIVMSG #ops :back in a moment', 'PRIVMSG #ops :bye']);
    expect(written).to.have.length(1); // the burst; the other two wait for tokens
    expect(await queue.drain(5_000)).to.equal(0);
    await batch;
    queue.close(new BanterError('E_TEST', 'closed'));
    expect(written).to.deep.equal(['PRIVMSG #ops :restarting', 'PRIVMSG #ops :back in a moment', 'PRIVMSG #ops :bye']);
  });

  it('gives up waiting after the drain time, says how many lines are left, and closing refuses them', async function () {
    const queue = new SendQueue({ rate: 0.5, burst: 1 });
    const written: string[] = [];
    queue.open((line) => (written.push(line), true));
    const batch = queue.push(['PRIVMSG #ops :one', 'PRIVMSG #ops :two', 'PRIVMSG #ops :three']);
    expect(await queue.drain(30)).to.equal(2);
    queue.close(new BanterError('E_IRC_DISCONNECTED', 'disconnected'));
    let refused: unknown;
    await batch.catch((err: unknown) => (refused = err));
    expect(refused).to.be.instanceOf(BanterError).with.property('code', 'E_IRC_DISCONNECTED');
    expect(written).to.deep.equal(['PRIVMSG #ops :one']);
  });

  it('does not wait to drain while the connection is down: nothing could leave', async function () {
    const queue = new SendQueue({ rate: 100, burst: 5 });
    void queue.push(['PRIVMSG #ops :held']).catch(() => undefined);
    expect(await queue.drain(60_000)).to.equal(1);
    queue.close(new BanterError('E_TEST', 'closed'));
  });

  it('holds lines while the connection is down and delivers them, in order, once it is back', async function () {
    const written: string[] = [];
    const queue = new SendQueue({ rate: 1000, burst: 10 });
    const delivered = queue.push(['PRIVMSG #ops :sent during the outage']);
    expect(queue.size).to.equal(1);
    queue.open((line) => (written.push(line), true));
    await delivered;
    expect(written).to.deep.equal(['PRIVMSG #ops :sent during the outage']);
  });

  it('keeps a line the socket refused at the head of the queue for the next connection', async function () {
    const written: string[] = [];
    const queue = new SendQueue({ rate: 1000, burst: 10 });
    let up = false;
    queue.open((line) => (up ? (written.push(line), true) : false));
    const delivered = queue.push(['one', 'two']);
    expect(queue.size).to.equal(2);
    up = true;
    queue.open((line) => (written.push(line), true));
    await delivered;
    expect(written).to.deep.equal(['one', 'two']);
  });

  it('refuses more than its limit, and rejects what is waiting when closed', async function () {
    const queue = new SendQueue({ rate: 1, burst: 1, limit: 3 });
    const waiting = queue.push(['a', 'b']);
    const full = await queue.push(['c', 'd']).catch((e: unknown) => e);
    expect(full).to.be.instanceOf(BanterError).with.property('code', 'E_IRC_QUEUE_FULL');
    queue.close(new BanterError('E_IRC_DISCONNECTED', 'stopped'));
    const closed = await waiting.catch((e: unknown) => e);
    expect(closed).to.have.property('code', 'E_IRC_DISCONNECTED');
    expect(await queue.push(['e']).catch((e: unknown) => e)).to.have.property('code', 'E_IRC_DISCONNECTED');
  });
});
