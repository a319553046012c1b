import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { pino } from 'pino';
import { Plugin, UserError, command, type BanterConfigInput, type Card, type Logger, type PluginClass, type StorageProvider } from 'banter';
import { createTestBot, type TestBot } from 'banter/testing';
import { createStorageProvider } from '../storage/index.ts';
import { ROOT } from './support/run-banter.ts';

class Ops extends Plugin {
  static override metadata = { name: 'ops' };

  @command()
  deploy() {
    return 'deployed';
  }

  @command()
  boom(): string {
    throw new Error('kaput');
  }

  @command()
  nope(): string {
    throw new UserError('no such service');
  }

  @command()
  card(): Card {
    return { title: 'Build 42', body: 'green' };
  }

  @command()
  async logs() {
    await this.uploadFile(this.buildIdentifier('#ops'), { name: 'deploy.log', content: 'ok\n' });
  }

  @command({ admin: true })
  wipe() {
    return 'wiped';
  }
}

class Broken extends Plugin {
  static override metadata = { name: 'broken' };
  override activate(): void {
    throw new Error('no API token');
  }
}

async function webBot(plugins: PluginClass[], config: BanterConfigInput = {}, extra: { storage?: StorageProvider; logger?: Logger } = {}) {
  const bot = await createTestBot({ plugins, ...extra, config: { ...config, web: { enabled: true, port: 0, ...config.web } } });
  return { bot, url: bot.bot.web!.address!.url };
}

/** `name{labels}` → value, for every sample of a Prometheus text exposition. */
function samples(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    found.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return found;
}

async function scrape(url: string, path = '/metrics'): Promise<Map<string, number>> {
  const response = await fetch(`${url}${path}`);
  expect(response.status).to.equal(200);
  expect(response.headers.get('content-type')).to.equal('text/plain; version=0.0.4; charset=utf-8');
  return samples(await response.text());
}

/** A memory store that can be made to stop answering. */
async function switchableStore(): Promise<{ store: StorageProvider; answer: (how: 'yes' | 'error' | 'never') => void }> {
  const inner = await createStorageProvider('memory://');
  let how: 'yes' | 'error' | 'never' = 'yes';
  const store: StorageProvider = {
    description: inner.description,
    ready: () =>
      how === 'yes' ? Promise.resolve() : how === 'error' ? Promise.reject(new Error('connection refused by db-1.internal:5432')) : new Promise(() => undefined),
    open: (namespace) => inner.open(namespace),
    close: () => inner.close(),
  };
  return { store, answer: (next) => void (how = next) };
}

describe('metrics', function () {
  let bots: TestBot[] = [];
  afterEach(async function () {
    for (const bot of bots) await bot.stop();
    bots = [];
  });

  it('counts messages in and out by kind, commands by outcome with their durations, and the backend connection', async function () {
    const { bot, url } = await webBot([Ops]);
    bots.push(bot);
    await bot.say('!deploy');
    await bot.say('!deploy');
    await bot.say('!boom');
    await bot.say('!nope');
    await bot.say('!card');
    await bot.say('!logs');
    await bot.say('!wipe');
    await bot.in('#ops').say('just chatting'); // not addressed to the bot: received, not answered
    const m = await scrape(url);
    expect(m.get('banter_messages_received_total')).to.equal(8);
    // Two deploys, the apology for boom, nope's message, the refusal of wipe; the card went natively, the log as a file.
    expect(m.get('banter_messages_sent_total{kind="text"}')).to.equal(5);
    expect(m.get('banter_messages_sent_total{kind="card"}')).to.equal(1);
    expect(m.get('banter_messages_sent_total{kind="file"}')).to.equal(1);
    expect(m.get('banter_commands_total{plugin="ops",command="deploy",outcome="ok"}')).to.equal(2);
    expect(m.get('banter_commands_total{plugin="ops",command="boom",outcome="failed"}')).to.equal(1);
    expect(m.get('banter_commands_total{plugin="ops",command="nope",outcome="failed"}')).to.equal(1);
    expect(m.get('banter_commands_total{plugin="ops",command="wipe",outcome="refused"}')).to.equal(1);
    expect(m.get('banter_command_duration_seconds_count{plugin="ops",command="deploy"}')).to.equal(2);
    expect(m.get('banter_command_duration_seconds_bucket{le="+Inf",plugin="ops",command="deploy"}')).to.equal(2);
    expect(m.get('banter_command_duration_seconds_sum{plugin="ops",command="deploy"}')).to.be.at.least(0);
    expect(m.has('banter_command_duration_seconds_count{plugin="ops",command="wipe"}'), 'a refused command never ran').to.equal(false);
    expect(m.get('banter_backend_connected{backend="test"}')).to.equal(1);
    expect(m.get('banter_plugins{state="active"}')).to.equal(1);
    expect(m.get('process_cpu_user_seconds_total')).to.be.above(0);
    expect(m.has('nodejs_heap_size_total_bytes')).to.equal(true);

    await bot.bot.disconnected(new Error('network down'));
    expect((await scrape(url)).get('banter_backend_connected{backend="test"}')).to.equal(0);
    await bot.bot.connected();
    const again = await scrape(url);
    expect(again.get('banter_backend_connected{backend="test"}')).to.equal(1);
    expect(again.get('banter_messages_received_total'), 'a counter read twice does not double').to.equal(8);
  });

  it('keeps the counts of two bots in one process apart', async function () {
    const first = await webBot([Ops]);
    const second = await webBot([Ops]);
    bots.push(first.bot, second.bot);
    await first.bot.say('!deploy');
    await second.bot.say('!deploy');
    await second.bot.say('!deploy');
    expect((await scrape(first.url)).get('banter_commands_total{plugin="ops",command="deploy",outcome="ok"}')).to.equal(1);
    expect((await scrape(second.url)).get('banter_commands_total{plugin="ops",command="deploy",outcome="ok"}')).to.equal(2);
  });

  it('stops counting when the web server stops', async function () {
    const { bot } = await webBot([Ops]);
    bots.push(bot);
    await bot.say('!deploy');
    const metrics = bot.bot.web!.metrics!;
    await bot.bot.web!.stop();
    await bot.say('!deploy');
    expect(samples(await metrics.text()).get('banter_commands_total{plugin="ops",command="deploy",outcome="ok"}')).to.equal(1);
  });

  it('serves health and metrics at the configured paths, and not at all when turned off', async function () {
    const moved = await webBot([], { web: { healthPath: '/healthz', metricsPath: '/internal/metrics' } });
    const off = await webBot([], { web: { health: false, metrics: false } });
    bots.push(moved.bot, off.bot);
    expect((await fetch(`${moved.url}/healthz`)).status).to.equal(200);
    expect((await scrape(moved.url, '/internal/metrics')).has('banter_messages_received_total')).to.equal(true);
    expect((await fetch(`${moved.url}/metrics`)).status).to.equal(404);
    expect((await fetch(`${off.url}/health`)).status).to.equal(404);
    expect((await fetch(`${off.url}/metrics`)).status).to.equal(404);
    expect(off.bot.bot.web!.metrics).to.equal(undefined);
  });

  it('loads neither fastify nor prom-client in a bot without the web server', function () {
    // A fresh process, since this one has loaded both for the other tests.
    const script = [
      "import { createRequire } from 'node:module';",
      "import { createBot, createSilentLogger } from 'banter';",
      "import { TestBackend } from 'banter/testing';",
      "const enabled = process.argv[1] === 'on';",
      "const bot = await createBot({ config: { backend: 'test', storage: { url: 'memory://' }, web: { enabled, port: 0 } }, backend: new TestBackend(), logger: createSilentLogger() });",
      'await bot.start();',
      'const cache = Object.keys(createRequire(import.meta.url).cache);',
      'const loaded = (name) => cache.some((path) => path.includes(`/node_modules/${name}/`));',
      "console.log(JSON.stringify({ fastify: loaded('fastify'), promClient: loaded('prom-client') }));",
      'await bot.stop();',
    ].join('\n');
    const run = (mode: string) => {
      const child = spawnSync(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', script, mode], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
      expect(child.status, child.stderr).to.equal(0);
      return JSON.parse(child.stdout) as { fastify: boolean; promClient: boolean };
    };
    expect(run('off')).to.deep.equal({ fastify: false, promClient: false });
    // The check can see them: with the server on, both are there.
    expect(run('on')).to.deep.equal({ fastify: true, promClient: true });
  });
});

describe('health', function () {
  let bots: TestBot[] = [];
  afterEach(async function () {
    for (const bot of bots) await bot.stop();
    bots = [];
  });

  it('answers 200 ok while the backend is connected and the store answers, listing failed plugins', async function () {
    const { bot, url } = await webBot([Ops, Broken]);
    bots.push(bot);
    const response = await fetch(`${url}/health`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('cache-control')).to.equal('no-store');
    expect(await response.json()).to.deep.equal({
      status: 'ok',
      backend: { mode: 'test', connected: true },
      storage: { ok: true },
      plugins: { active: 1, failed: ['broken'] },
    });
  });

  it('answers 503 degraded while the backend is disconnected, and 200 once it is back', async function () {
    const { bot, url } = await webBot([]);
    bots.push(bot);
    await bot.bot.disconnected(new Error('network down'));
    const down = await fetch(`${url}/health`);
    expect(down.status).to.equal(503);
    expect(await down.json()).to.deep.include({ status: 'degraded', backend: { mode: 'test', connected: false } });
    await bot.bot.connected();
    expect((await fetch(`${url}/health`)).status).to.equal(200);
  });

  it('answers 503 when the store fails or hangs, logging why but not telling the caller', async function () {
    const { store, answer } = await switchableStore();
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const { bot, url } = await webBot([], { commandTimeoutMs: 50 }, { storage: store, logger });
    bots.push(bot);

    answer('error');
    const failing = await fetch(`${url}/health`);
    const text = await failing.text();
    expect(failing.status).to.equal(503);
    expect(JSON.parse(text)).to.deep.include({ status: 'degraded', storage: { ok: false } });
    expect(text).to.not.contain('db-1');
    expect(lines.find((l) => l['msg'] === 'health check: degraded')!['problem']).to.match(/connection refused by db-1\.internal:5432/);

    answer('never');
    expect((await fetch(`${url}/health`)).status, 'a store that never answers').to.equal(503);

    answer('yes');
    expect((await fetch(`${url}/health`)).status).to.equal(200);
    expect(lines.some((l) => l['msg'] === 'health check: ok again')).to.equal(true);
  });
});
