import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { pino } from 'pino';
import {
  BanterError,
  Plugin,
  UserError,
  createBot,
  createSilentLogger,
  isRoom,
  webhook,
  webhookResponse,
  type BanterConfigInput,
  type Logger,
  type PluginClass,
  type WebhookRequest,
} from 'banter';
import { TestBackend, createTestBot, type TestBot } from 'banter/testing';
import { z } from 'banter/zod';

const SECRET = 'It is a secret to everybody';

function githubSignature(body: string, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** A CI plugin as a team would write it: GitHub pushes to #ops, build status, a few misbehaving routes. */
class Ci extends Plugin<{ githubSecret: string }> {
  static override metadata = { name: 'ci', config: z.object({ githubSecret: z.string().default('') }) };
  hung = 0;

  @webhook<{ githubSecret: string }>('/github', { body: 'json', signature: { style: 'github', secret: (c) => c.githubSecret } })
  async github(request: WebhookRequest<{ ref: string; repository: { full_name: string } }>) {
    await this.send(this.buildIdentifier('#ops'), `push to ${request.body.repository.full_name} (${request.body.ref})`);
    return { posted: true };
  }

  @webhook('/builds/:id', { methods: ['GET', 'PUT'] })
  build(request: WebhookRequest) {
    return { id: request.params['id'], query: { ...request.query }, method: request.method };
  }

  @webhook('/builds/latest', { methods: ['GET'] })
  latest() {
    return 'the latest build';
  }

  @webhook('/echo', { body: 'auto', bodyLimit: 1024 })
  echo(request: WebhookRequest) {
    return { body: Buffer.isBuffer(request.body) ? `bytes:${request.body.toString('hex')}` : request.body, raw: request.rawBody.length };
  }

  @webhook('/form', { body: 'form' })
  form(request: WebhookRequest<Record<string, string | string[]>>) {
    return { ...request.body };
  }

  @webhook('/raw', { body: 'raw' })
  raw(request: WebhookRequest<Buffer>) {
    return request.body;
  }

  @webhook('/accepted')
  accepted() {
    return webhookResponse(202, { queued: 3 }, { 'Retry-After': '30' });
  }

  @webhook('/nothing')
  nothing() {
    return undefined;
  }

  @webhook('/refuse')
  refuse() {
    throw new UserError('no such pipeline "nightly"');
  }

  @webhook('/crash')
  crash() {
    throw new Error('connection string postgres://admin:hunter2@db/ci is wrong');
  }

  @webhook('/hang', { timeoutMs: 50 })
  hang() {
    this.hung++;
    return new Promise(() => undefined);
  }
}

interface WebTestBot {
  readonly bot: TestBot;
  readonly url: string;
}

async function webBot(plugins: PluginClass[], config: BanterConfigInput = {}, logger?: Logger): Promise<WebTestBot> {
  const bot = await createTestBot({
    plugins,
    logger,
    config: { ...config, plugins: { config: { ci: { githubSecret: SECRET } }, ...config.plugins }, web: { enabled: true, port: 0, ...config.web } },
  });
  return { bot, url: bot.bot.web!.address!.url };
}

function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

const PUSH = JSON.stringify({ ref: 'refs/heads/main', repository: { full_name: 'acme/api' } });

describe('webhooks over real HTTP', function () {
  let web: WebTestBot;
  afterEach(async function () {
    await web?.bot.stop();
  });

  it('takes a signed GitHub push to the plugin, which posts it in #ops, and answers with JSON', async function () {
    web = await webBot([Ci]);
    const response = await postJson(`${web.url}/webhooks/ci/github`, PUSH, { 'x-hub-signature-256': githubSignature(PUSH) });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('application/json; charset=utf-8');
    expect(await response.json()).to.deep.equal({ posted: true });
    const [posted] = web.bot.sent;
    expect(posted!.body).to.equal('push to acme/api (refs/heads/main)');
    expect(isRoom(posted!.to) && posted!.to.name).to.equal('#ops');
  });

  it('refuses a wrong, missing, malformed or repeated signature with 401, no hint, and never runs the plugin', async function () {
    web = await webBot([Ci]);
    const attempts: Array<Record<string, string> | [string, string][]> = [
      { 'x-hub-signature-256': githubSignature(PUSH, 'guessed') },
      {},
      { 'x-hub-signature-256': 'sha256=not-hex' },
      { 'x-hub-signature-256': githubSignature(`${PUSH} `) },
      [['x-hub-signature-256', githubSignature(PUSH)], ['x-hub-signature-256', githubSignature(PUSH)]],
    ];
    for (const headers of attempts) {
      const request = new Headers(headers);
      request.set('content-type', 'application/json');
      const response = await fetch(`${web.url}/webhooks/ci/github`, { method: 'POST', body: PUSH, headers: request });
      expect(response.status).to.equal(401);
      const text = await response.text();
      expect(text).to.equal('{"error":"invalid signature"}');
      expect(text).to.not.contain(githubSignature(PUSH).slice(7, 15));
    }
    expect(web.bot.sent).to.deep.equal([]);
    expect(web.bot.bot.audit(5).map((e) => e.outcome)).to.deep.equal(['refused', 'refused', 'refused', 'refused', 'refused']);
  });

  it('answers 413 to a body over the limit, declared or streamed, without running the plugin', async function () {
    web = await webBot([Ci], { web: { bodyLimit: 4096 } });
    const big = JSON.stringify({ text: 'x'.repeat(5000) });
    const declared = await postJson(`${web.url}/webhooks/ci/github`, big, { 'x-hub-signature-256': githubSignature(big) });
    expect(declared.status).to.equal(413);
    expect(await declared.json()).to.deep.equal({ error: 'body larger than 4096 bytes' });
    expect(declared.headers.get('connection')).to.equal('close');

    // /echo has its own limit of 1024 bytes; this body is sent in chunks, without a Content-Length.
    const streamed = await chunked(`${web.url}/webhooks/ci/echo`, [Buffer.alloc(600, 'a'), Buffer.alloc(600, 'b')]);
    expect(streamed.status).to.equal(413);
    expect(streamed.body).to.equal('{"error":"body larger than 1024 bytes"}');
    const fits = await chunked(`${web.url}/webhooks/ci/echo`, [Buffer.from('ab'), Buffer.from('cd')]);
    expect(fits.status).to.equal(200);
    expect(JSON.parse(fits.body)).to.deep.equal({ body: 'bytes:61626364', raw: 4 });
    expect(web.bot.sent).to.deep.equal([]);
    expect(web.bot.bot.audit(3).map((e) => e.outcome)).to.deep.equal(['ok', 'invalid arguments', 'invalid arguments']);
  });

  it('lets go of a client that hangs up halfway through its body, and keeps answering others', async function () {
    let received!: () => void;
    const gaveUp = new Promise<void>((resolve) => (received = resolve));
    const logger = pino({ level: 'debug' }, {
      write: (line: string) => {
        if (line.includes('"webhook request body not received"')) received();
      },
    });
    web = await webBot([Ci], {}, logger);
    const request = httpRequest(`${web.url}/webhooks/ci/echo`, { method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': '1000' } });
    request.on('error', () => undefined); // the test hangs up on purpose
    request.write('only the first part', () => request.destroy());
    await gaveUp;
    expect(web.bot.bot.audit(1)[0]).to.include({ command: 'ci:echo', outcome: 'invalid arguments' });
    expect((await fetch(`${web.url}/webhooks/ci/nothing`, { method: 'POST' })).status).to.equal(204);
  });

  it('reads JSON, form and raw bodies, refusing the wrong media type with 415 and malformed JSON with 400', async function () {
    web = await webBot([Ci]);
    const signed = (body: string, type: string) =>
      fetch(`${web.url}/webhooks/ci/github`, { method: 'POST', body, headers: { 'content-type': type, 'x-hub-signature-256': githubSignature(body) } });
    const wrongType = await signed(PUSH, 'text/plain');
    expect([wrongType.status, await wrongType.json()]).to.deep.equal([415, { error: 'unsupported media type; send application/json' }]);
    const malformed = await signed('{"ref":', 'application/json');
    expect([malformed.status, await malformed.json()]).to.deep.equal([400, { error: 'malformed JSON body' }]);

    const form = await fetch(`${web.url}/webhooks/ci/form`, { method: 'POST', body: new URLSearchParams([['env', 'prod'], ['svc', 'api'], ['svc', 'web']]) });
    expect(await form.json()).to.deep.equal({ env: 'prod', svc: ['api', 'web'] });
    const notForm = await postJson(`${web.url}/webhooks/ci/form`, '{}');
    expect(notForm.status).to.equal(415);

    const bytes = Buffer.from([0, 159, 146, 150, 255]);
    const raw = await fetch(`${web.url}/webhooks/ci/raw`, { method: 'POST', body: bytes, headers: { 'content-type': 'image/x-anything' } });
    expect(raw.headers.get('content-type')).to.equal('application/octet-stream');
    expect(Buffer.from(await raw.arrayBuffer())).to.deep.equal(bytes);

    const text = await fetch(`${web.url}/webhooks/ci/echo`, { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(await text.json()).to.deep.equal({ body: 'hello', raw: 5 });
    const json = await postJson(`${web.url}/webhooks/ci/echo`, '{"a":[1,2]}');
    expect(await json.json()).to.deep.equal({ body: { a: [1, 2] }, raw: 11 });
  });

  it('passes URL parameters and the query, decoded, and prefers a fixed path to a parameter', async function () {
    web = await webBot([Ci]);
    const build = await fetch(`${web.url}/webhooks/ci/builds/feature%2Fx%20y?verbose=1&tag=a&tag=b`);
    expect(await build.json()).to.deep.equal({ id: 'feature/x y', query: { verbose: '1', tag: ['a', 'b'] }, method: 'GET' });
    const put = await fetch(`${web.url}/webhooks/ci/builds/42`, { method: 'PUT' });
    expect(await put.json()).to.deep.equal({ id: '42', query: {}, method: 'PUT' });
    const latest = await fetch(`${web.url}/webhooks/ci/builds/latest`);
    expect([latest.headers.get('content-type'), await latest.text()]).to.deep.equal(['text/plain; charset=utf-8', 'the latest build']);
    const head = await fetch(`${web.url}/webhooks/ci/builds/latest`, { method: 'HEAD' });
    expect(head.status).to.equal(200);
  });

  it('answers 204 for nothing, and the status and headers a handler chose with webhookResponse', async function () {
    web = await webBot([Ci]);
    const nothing = await fetch(`${web.url}/webhooks/ci/nothing`, { method: 'POST' });
    expect([nothing.status, await nothing.text()]).to.deep.equal([204, '']);
    const accepted = await fetch(`${web.url}/webhooks/ci/accepted`, { method: 'POST' });
    expect([accepted.status, accepted.headers.get('retry-after'), await accepted.json()]).to.deep.equal([202, '30', { queued: 3 }]);
  });

  it('answers a UserError with its message, and any other failure with an error id whose details are only in the log', async function () {
    const { logger, lines } = capturingLogger();
    web = await webBot([Ci], {}, logger);
    const refused = await fetch(`${web.url}/webhooks/ci/refuse`, { method: 'POST' });
    expect([refused.status, await refused.json()]).to.deep.equal([400, { error: 'no such pipeline "nightly"' }]);

    const crashed = await fetch(`${web.url}/webhooks/ci/crash`, { method: 'POST' });
    const text = await crashed.text();
    expect(crashed.status).to.equal(500);
    expect(text).to.match(/^\{"error":"internal error","id":"[0-9a-f]{8}"\}$/);
    expect(text).to.not.contain('hunter2');
    const id = (JSON.parse(text) as { id: string }).id;
    const logged = lines.find((l) => l['errorId'] === id)!;
    expect(logged['msg']).to.equal('webhook failed');
    expect((logged['err'] as { message: string }).message).to.contain('hunter2');
    expect(web.bot.bot.audit(1)[0]).to.include({ outcome: 'failed', errorId: id });
  });

  it('cuts off a handler that hangs with 504 after its timeout, and keeps answering', async function () {
    web = await webBot([Ci]);
    const hung = await fetch(`${web.url}/webhooks/ci/hang`, { method: 'POST' });
    expect(hung.status).to.equal(504);
    expect(await hung.json()).to.have.keys('error', 'id');
    expect(web.bot.bot.audit(1)[0]).to.include({ outcome: 'timeout', command: 'ci:hang' });
    expect((await fetch(`${web.url}/webhooks/ci/nothing`, { method: 'POST' })).status).to.equal(204);
  });

  it('uses commandTimeoutMs for a webhook that sets no timeout', async function () {
    class Slow extends Plugin {
      static override metadata = { name: 'slow' };
      @webhook('/wait')
      wait() {
        return new Promise(() => undefined);
      }
    }
    web = await webBot([Slow], { commandTimeoutMs: 30 });
    expect((await fetch(`${web.url}/webhooks/slow/wait`, { method: 'POST' })).status).to.equal(504);
  });

  it('answers 404 to unknown paths and plugins, 405 with Allow to a method the route does not take, 400 to a broken URL', async function () {
    web = await webBot([Ci]);
    for (const path of ['/webhooks/ci/nope', '/webhooks/nobody/github', '/webhooks', '/', '/webhooks/ci/builds/1/2']) {
      const response = await fetch(`${web.url}${path}`, { method: 'POST' });
      expect([path, response.status, await response.json()]).to.deep.equal([path, 404, { error: 'not found' }]);
    }
    const wrong = await fetch(`${web.url}/webhooks/ci/github`);
    expect([wrong.status, wrong.headers.get('allow'), await wrong.json()]).to.deep.equal([405, 'POST', { error: 'method not allowed' }]);
    const builds = await fetch(`${web.url}/webhooks/ci/builds/7`, { method: 'DELETE' });
    expect([builds.status, builds.headers.get('allow')]).to.deep.equal([405, 'GET, PUT, HEAD']);
    const badEncoding = await fetch(`${web.url}/webhooks/ci/builds/%E0%A4%A`);
    expect([badEncoding.status, await badEncoding.json()]).to.deep.equal([400, { error: 'malformed URL' }]);
  });

  it('serves a plugin\'s routes only while it is active', async function () {
    web = await webBot([Ci]);
    const url = `${web.url}/webhooks/ci/nothing`;
    expect((await fetch(url, { method: 'POST' })).status).to.equal(204);
    await web.bot.bot.deactivatePlugin('ci');
    expect((await fetch(url, { method: 'POST' })).status).to.equal(404);
    await web.bot.bot.activatePlugin('ci');
    expect((await fetch(url, { method: 'POST' })).status).to.equal(204);
  });

  it('writes each call to the audit log as webhook:<address> running <plugin>:<method>, without the body', async function () {
    web = await webBot([Ci]);
    await postJson(`${web.url}/webhooks/ci/github`, PUSH, { 'x-hub-signature-256': githubSignature(PUSH) });
    const [entry] = web.bot.bot.audit(1);
    expect(entry).to.include({ user: 'webhook:127.0.0.1', where: 'POST /webhooks/ci/github', command: 'ci:github', plugin: 'ci', args: '', outcome: 'ok' });
    expect(entry!.durationMs).to.be.a('number').at.least(0);
    expect(JSON.stringify(entry)).to.not.contain('acme/api');
  });

  it('fails to activate a plugin whose signature secret is not configured, saying where to set it', async function () {
    web = await webBot([Ci], { plugins: { config: { ci: {} } } });
    const [info] = web.bot.bot.plugins();
    expect(info).to.include({ name: 'ci', state: 'failed' });
    expect(info!.error).to.equal(
      'webhook github() of plugin "ci": the signature secret is empty; set it in the plugin\'s configuration (plugins.config in config.ts, or the environment variable it reads)',
    );
    expect((await fetch(`${web.url}/webhooks/ci/nothing`, { method: 'POST' })).status).to.equal(404);
  });

  it('fails to activate a subclass whose webhook collides with an inherited one, naming both methods', async function () {
    class Base extends Plugin {
      static override metadata = { name: 'hooks' };
      @webhook('/deploy/:env')
      deploy() {
        return undefined;
      }
    }
    class Derived extends Base {
      @webhook('/deploy/:target')
      redeploy() {
        return undefined;
      }
    }
    web = await webBot([Derived]);
    expect(web.bot.bot.plugins()[0]).to.include({
      state: 'failed',
      error: 'Plugin "hooks" declares POST /webhooks/hooks/deploy/:target twice, on deploy() and redeploy(); give one of them another path or other methods.',
    });
  });

  it('starts no server when web.enabled is off, and warns that the plugin\'s webhooks are not served', async function () {
    const { logger, lines } = capturingLogger();
    const bot = await createTestBot({ plugins: [Ci], logger, config: { plugins: { config: { ci: { githubSecret: SECRET } } } } });
    expect(bot.bot.web).to.equal(undefined);
    const warning = lines.find((l) => l['plugin'] === 'ci' && l['level'] === 40)!;
    expect(warning['msg']).to.equal('plugin ci has webhooks, but the web server is off; set web.enabled: true in config.ts to serve them');
    expect(warning['webhooks']).to.include('/webhooks/ci/github');
    await bot.stop();
  });

  it('stops listening when the bot stops', async function () {
    web = await webBot([Ci]);
    const url = `${web.url}/webhooks/ci/nothing`;
    await web.bot.stop();
    expect(web.bot.bot.web!.address).to.equal(undefined);
    let error: unknown;
    try {
      await fetch(url, { method: 'POST' });
    } catch (err) {
      error = err;
    }
    expect((error as { cause?: { code?: string } }).cause?.code).to.equal('ECONNREFUSED');
  });

  it('refuses to start on a port that is taken, saying which setting to change', async function () {
    web = await webBot([]);
    const port = web.bot.bot.web!.address!.port;
    const second = await createBot({
      config: { backend: 'test', storage: { url: 'memory://' }, plugins: { builtins: false }, web: { enabled: true, port } },
      backend: new TestBackend(),
      logger: createSilentLogger(),
    });
    let error: unknown;
    try {
      await second.start();
    } catch (err) {
      error = err;
    } finally {
      await second.stop();
    }
    expect(error).to.be.instanceOf(BanterError);
    expect((error as BanterError).code).to.equal('E_WEB_LISTEN');
    expect((error as Error).message).to.equal(
      `The web server cannot listen on 127.0.0.1:${port}: the port is in use. Set web.host and web.port in config.ts (port 0 picks a free port).`,
    );
  });
});

/** POST `chunks` without a Content-Length (chunked), and read the answer, with Node's own client. */
function chunked(url: string, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (c: string) => (body += c));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    request.on('error', reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}
