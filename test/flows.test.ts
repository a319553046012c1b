import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Plugin, UserError, command, flow, type FlowDefinition, type Message } from 'banter';
import { ManualClock, createTestBot, type TestBot } from 'banter/testing';
import { FlowsPlugin } from '../plugins/flows/index.ts';

interface Release {
  service?: string;
  env?: string;
}

class Releases extends Plugin {
  static override metadata = { name: 'releases' };

  @command({ help: 'Release a service, step by step' })
  async release(msg: Message, args: string): Promise<void> {
    await this.startFlow<Release>('release', msg, args ? { service: args } : {});
  }

  @command()
  ping() {
    return 'pong';
  }

  @flow({ timeoutMs: 60_000, description: 'Release a service' })
  releaseFlow(): FlowDefinition<Release> {
    return {
      first: 'service',
      steps: {
        service: { ask: 'Which service?', answer: (text, s) => ({ ...s, service: text }), next: 'env' },
        env: {
          ask: (s) => `Release ${s.service} to staging or prod?`,
          answer: (text, s) => {
            if (text !== 'staging' && text !== 'prod') throw new UserError(`"${text}" is not an environment.`);
            return { ...s, env: text };
          },
          next: (s) => (s.env === 'prod' ? 'sure' : undefined),
        },
        sure: { ask: 'Production! Type the service name again to confirm.', answer: (text, s) => (text === s.service ? s : { ...s, env: 'aborted' }) },
      },
      done: (s) => (s.env === 'aborted' ? 'Not released.' : `Releasing ${s.service} to ${s.env}.`),
    };
  }
}

class Standup extends Plugin {
  static override metadata = { name: 'standup' };

  @command()
  async standup(msg: Message): Promise<void> {
    await this.startFlow('standup', msg, { said: [] as string[] });
  }

  @flow({ scope: 'room' })
  standupFlow(): FlowDefinition<{ said: string[] }> {
    const collect = (text: string, s: { said: string[] }, m: Message) => ({ said: [...s.said, `${m.frm.nick}: ${text}`] });
    return {
      first: 'one',
      steps: { one: { ask: 'What did you do yesterday?', answer: collect, next: 'two' }, two: { ask: 'Anything else?', answer: collect } },
      done: (s) => s.said.join('; '),
      timedOut: (s) => `Stand-up closed with ${s.said.length} answer(s).`,
    };
  }

  @command()
  async broken(msg: Message): Promise<void> {
    await this.startFlow('broken', msg, { at: 0 });
  }

  @flow({ name: 'broken' })
  broken2(): FlowDefinition<{ at: number }> {
    return { first: 'a', steps: { a: { ask: 'Say anything.', answer: () => { throw new Error('disk on fire'); } } }, done: () => 'never' };
  }
}

describe('flows: multi-step conversations', function () {
  let dir: string;
  let bots: TestBot[];

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'banter-flows-'));
    bots = [];
  });

  afterEach(async function () {
    for (const b of bots) await b.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function start(options: { clock?: ManualClock; sqlite?: boolean } = {}): Promise<TestBot> {
    const b = await createTestBot({
      plugins: [Releases, Standup, FlowsPlugin],
      clock: options.clock,
      config: { admins: ['@root'], storage: { url: options.sqlite ? `sqlite://${join(dir, 'banter.sqlite')}` : 'memory://' } },
    });
    bots.push(b);
    return b;
  }

  it('asks each question in turn and finishes with done, answers being plain messages', async function () {
    const alice = (await start()).as('@alice').in('#ops');
    expect(await alice.say('!release')).to.equal('Which service?');
    expect(await alice.say('api')).to.equal('Release api to staging or prod?');
    expect(await alice.say('staging')).to.equal('Releasing api to staging.');
    expect(await alice.say('staging')).to.equal('', 'the conversation is over; plain text is chatter again');
  });

  it('shows the answers to onMessage hooks like any other message', async function () {
    class Listener extends Plugin {
      static override metadata = { name: 'listener' };
      readonly heard: string[] = [];
      override onMessage(message: Message): void {
        this.heard.push(message.body);
      }
    }
    const b = await createTestBot({ plugins: [Releases, Listener], config: { storage: { url: 'memory://' } } });
    bots.push(b);
    const alice = b.as('@alice').in('#ops');
    await alice.say('!release');
    await alice.say('api');
    expect(await alice.say('staging')).to.equal('Releasing api to staging.');
    expect((b.bot.pluginManager.instance('listener') as Listener).heard).to.deep.equal(['!release', 'api', 'staging']);
  });

  it('branches on the state, and re-asks with the reason when an answer is refused', async function () {
    const alice = (await start()).as('@alice');
    expect(await alice.say('!release web')).to.equal('Which service?');
    expect(await alice.say('web')).to.equal('Release web to staging or prod?');
    expect(await alice.say('qa')).to.equal('"qa" is not an environment.\nRelease web to staging or prod?');
    expect(await alice.say('prod')).to.equal('Production! Type the service name again to confirm.');
    expect(await alice.say('web')).to.equal('Releasing web to prod.');
  });

  it('keeps commands working during a conversation, and ends it on "cancel"', async function () {
    const alice = (await start()).as('@alice').in('#ops');
    await alice.say('!release');
    expect(await alice.say('!ping')).to.equal('pong');
    expect(await alice.say('!flows status')).to.match(/^releases:release with @alice in #ops, waiting at "service" until /);
    expect(await alice.say('cancel')).to.equal('Cancelled the release conversation.');
    expect(await alice.say('!flows status')).to.equal('No conversation in progress.');
  });

  it('talks to one person in a room: others\' messages are not answers, and a second start is refused', async function () {
    const b = await start();
    await b.as('@alice').in('#ops').say('!release');
    expect(await b.as('@bob').in('#ops').say('api')).to.equal('');
    expect(await b.as('@alice').say('api')).to.match(/^Command "api" not found/, 'a direct message is another place');
    expect(await b.as('@alice').in('#ops').say('!release')).to.equal('You are already in the release conversation here; answer it, or say cancel.');
    expect(await b.as('@bob').in('#ops').say('!release')).to.equal('Which service?', 'Bob has his own conversation');
    expect(await b.as('@alice').in('#ops').say('api')).to.equal('Release api to staging or prod?');
    expect(await b.as('@bob').in('#ops').say('db')).to.equal('Release db to staging or prod?');
  });

  it('takes answers from anyone in the room for a room-wide flow, in order', async function () {
    const b = await start();
    expect(await b.as('@alice').in('#team').say('!standup')).to.equal('What did you do yesterday?');
    const [first, second] = await Promise.all([b.as('@bob').in('#team').say('fixed CI'), b.as('@carol').in('#team').say('reviews')]);
    expect(first).to.equal('Anything else?');
    expect(second).to.equal('bob: fixed CI; carol: reviews');
    expect(await b.as('@alice').say('!standup')).to.equal('The standup conversation happens in a room; start it there.');
  });

  it('ends a conversation left unanswered for its timeout, saying so where it happened', async function () {
    const clock = new ManualClock(new Date('2026-01-05T09:00:00Z'));
    const b = await start({ clock });
    await b.as('@alice').in('#ops').say('!release');
    await clock.advance(59_999);
    expect(await b.as('@alice').in('#ops').say('api')).to.equal('Release api to staging or prod?', 'each answer restarts the wait');
    await clock.advance(59_999);
    expect(b.bot.flows.conversations()).to.have.length(1);
    await clock.advance(1);
    expect(b.sent.at(-1)?.body).to.equal('The release conversation ended: nobody answered for 1 minute.');
    expect(String(b.sent.at(-1)?.to)).to.equal('#ops');
    expect(await b.as('@alice').in('#ops').say('prod')).to.equal('');
    await b.as('@carol').in('#team').say('!standup');
    await clock.advance(600_000);
    expect(b.sent.at(-1)?.body).to.equal('Stand-up closed with 0 answer(s).');
  });

  it('continues a conversation after a restart, from storage', async function () {
    const first = await start({ sqlite: true });
    await first.as('@alice').in('#ops').say('!release');
    expect(await first.as('@alice').in('#ops').say('api')).to.equal('Release api to staging or prod?');
    await first.stop();
    bots = [];

    const second = await start({ sqlite: true });
    expect(second.bot.flows.conversations().map((c) => `${c.flow}@${c.step}`)).to.deep.equal(['release@env']);
    expect(await second.as('@alice').in('#ops').say('staging')).to.equal('Releasing api to staging.');
  });

  it('announces at start-up a conversation whose time ran out while the bot was down', async function () {
    const clock = new ManualClock(new Date('2026-01-05T09:00:00Z'));
    const first = await start({ sqlite: true, clock });
    await first.as('@alice').say('!release');
    await first.stop();
    bots = [];
    await clock.advance(120_000); // no timer is armed any more: the bot is down
    const second = await start({ sqlite: true, clock });
    expect(second.sent.map((m) => `${String(m.to)}: ${m.body}`)).to.deep.equal(['@alice: The release conversation ended: nobody answered for 1 minute.']);
    expect(second.bot.flows.conversations()).to.deep.equal([]);
  });

  it('ends a conversation whose step throws, with an error id, and lets plain messages through while its plugin is off', async function () {
    const b = await start();
    await b.as('@alice').say('!broken');
    expect(await b.as('@alice').say('hello')).to.match(/^Sorry, the broken conversation failed \(error id \w{8}\) and has ended\./);
    expect(b.bot.flows.conversations()).to.deep.equal([]);

    await b.as('@alice').in('#ops').say('!release');
    await b.bot.deactivatePlugin('releases');
    expect(await b.as('@alice').in('#ops').say('api')).to.equal('');
    await b.bot.activatePlugin('releases');
    expect(await b.as('@alice').in('#ops').say('api')).to.equal('Release api to staging or prod?');
  });

  it('lists flows, and lets people stop their own and admins stop anyone\'s', async function () {
    const b = await start();
    expect(await b.say('!flows list')).to.equal(
      ['releases:release (one person) — Release a service', 'standup:standup (room-wide)', 'standup:broken (one person)'].join('\n'),
    );
    await b.as('@alice').in('#ops').say('!release');
    await b.as('@bob').say('!release');
    expect(await b.as('@bob').in('#ops').say('!flows stop')).to.equal('No conversation of yours is going on here.');
    expect(await b.as('@bob').in('#ops').say('!flows stop release')).to.equal('Ended release.');
    expect(await b.as('@bob').say('!flows kill @alice')).to.match(/bot admins only/);
    expect(await b.as('@root').say('!flows status')).to.match(/^releases:release with @alice in #ops/);
    expect(await b.as('@root').say('!flows kill @alice release')).to.match(/^Ended releases:release with @alice in #ops/);
    expect(await b.as('@root').say('!flows status')).to.equal('No conversation in progress.');
  });

  it('cuts off a step that hangs after commandTimeoutMs, ending the conversation with an error id', async function () {
    class Hangs extends Plugin {
      static override metadata = { name: 'hangs' };
      @command()
      async go(msg: Message): Promise<void> {
        await this.startFlow('stuck', msg, {});
      }
      @flow()
      stuckFlow(): FlowDefinition<object> {
        return { first: 'a', steps: { a: { ask: 'A?', answer: () => new Promise<object>(() => undefined) } }, done: () => 'done' };
      }
    }
    const b = await createTestBot({ plugins: [Hangs], config: { commandTimeoutMs: 30 } });
    bots.push(b);
    expect(await b.say('!go')).to.equal('A?');
    expect(await b.say('anything')).to.match(/^Sorry, the stuck conversation failed \(error id \w{8}\) and has ended\./);
    expect(await b.say('!go')).to.equal('A?', 'the person can start again');
  });

  it('refuses state that cannot be stored, before saying anything', async function () {
    class Bad extends Plugin {
      static override metadata = { name: 'bad' };
      @command()
      async go(msg: Message): Promise<void> {
        await this.startFlow('f', msg, { when: new Map() });
      }
      @flow({ name: 'f' })
      f(): FlowDefinition<unknown> {
        return { first: 'a', steps: { a: { ask: 'A?', answer: (_t, s) => s } }, done: () => 'done' };
      }
    }
    const b = await createTestBot({ plugins: [Bad] });
    bots.push(b);
    expect(await b.say('!go')).to.match(/^Cannot store "f state": value\.when is /);
    expect(b.bot.flows.conversations()).to.deep.equal([]);
  });
});
