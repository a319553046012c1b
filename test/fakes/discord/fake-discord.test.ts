import { expect } from 'chai';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { WebSocket } from 'ws';
import { FakeDiscord } from './fake-discord.ts';
import { CLOSE, OP } from './gateway.ts';
import { BOT_DEFAULT } from './permissions.ts';

type Payload = { op: number; t?: string; d: unknown };

/** A raw gateway client: the payloads it got, a wait for one, and how the connection ended. */
async function dial(fake: FakeDiscord, query = '?v=10&encoding=json') {
  const ws = new WebSocket(`${fake.gateway.url}${query}`);
  const received: Payload[] = [];
  ws.on('message', (data) => received.push(JSON.parse(data.toString()) as Payload));
  const closed = once(ws, 'close').then(([code]) => code as number);
  await once(ws, 'open');
  /** Resolves once `check` finds what it wants in what was received, checking again on every payload. */
  const until = <T>(check: (payloads: Payload[]) => T | undefined, timeoutMs = 5_000): Promise<T> =>
    new Promise((resolve, reject) => {
      const attempt = () => {
        const found = check(received);
        if (found === undefined) return;
        clearTimeout(timer);
        ws.off('message', attempt);
        resolve(found);
      };
      const timer = setTimeout(() => {
        ws.off('message', attempt);
        reject(new Error(`waited ${timeoutMs} ms in vain; got ${JSON.stringify(received.map((p) => p.t ?? p.op))}`));
      }, timeoutMs);
      ws.on('message', attempt);
      attempt();
    });
  return { ws, received, closed, until };
}

function identify(token: string, intents: number) {
  return JSON.stringify({ op: OP.Identify, d: { token, intents, properties: { os: 'linux', browser: 'test', device: 'test' } } });
}

// The fake must refuse what Discord refuses, or a backend could pass its tests and fail on the real service.
describe('the fake Discord is as strict as Discord', function () {
  let fake: FakeDiscord;

  beforeEach(async function () {
    fake = await FakeDiscord.start({ grantedIntents: ['GuildMembers'] });
  });

  afterEach(async function () {
    await fake.stop();
  });

  it('gives the bot exactly the permissions of the invite URL the docs tell people to use', async function () {
    const doc = await readFile(new URL('../../../docs/backends/discord.md', import.meta.url), 'utf8');
    const [, permissions] = /oauth2\/authorize\?client_id=<APPLICATION_ID>&scope=bot\+applications\.commands&permissions=(\d+)/.exec(doc) ?? [];
    expect(BigInt(permissions ?? -1)).to.equal(BOT_DEFAULT);
  });

  describe('REST', function () {
    const api = (path: string, init: RequestInit = {}) => fetch(`${fake.apiUrl}/v10${path}`, init);
    const bot = (extra: Record<string, string> = {}) => ({ Authorization: `Bot ${fake.token}`, ...extra });

    it('answers 401 without the bot token or with another one', async function () {
      for (const headers of [{}, { Authorization: 'Bot not.the.token' }, { Authorization: fake.token }] as Array<Record<string, string>>) {
        const response = await api('/gateway/bot', { headers });
        expect(response.status).to.equal(401);
        expect(await response.json()).to.deep.equal({ message: '401: Unauthorized', code: 0 });
      }
    });

    it('answers 404 with code 10003 for a channel that does not exist', async function () {
      const response = await api('/channels/123456789012345678/messages', { method: 'POST', headers: bot({ 'Content-Type': 'application/json' }), body: '{"content":"hi"}' });
      expect(response.status).to.equal(404);
      expect(await response.json()).to.deep.equal({ message: 'Unknown Channel', code: 10003 });
    });

    it('refuses empty and over-long messages as Discord does', async function () {
      const general = fake.channel('general');
      const post = (body: unknown) => api(`/channels/${general.id}/messages`, { method: 'POST', headers: bot({ 'Content-Type': 'application/json' }), body: JSON.stringify(body) });
      expect(await (await post({ content: '' })).json()).to.deep.include({ code: 50006 });
      const long = await post({ content: 'x'.repeat(2001) });
      expect(long.status).to.equal(400);
      expect(await long.json()).to.deep.include({ code: 50035, errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } } });
      expect(await (await api(`/channels/${general.id}/messages`, { method: 'POST', headers: bot({ 'Content-Type': 'application/json' }), body: '{nope' })).json()).to.deep.include({ code: 50109 });
    });

    it('answers a configured rate limit with 429, Discord\'s headers and body, and refuses a retry that comes too early', async function () {
      fake.rest.rateLimits.add({ method: 'GET', path: /^\/gateway\/bot$/, times: 1, retryAfterMs: 2_000 });
      const first = await api('/gateway/bot', { headers: bot() });
      expect(first.status).to.equal(429);
      expect(first.headers.get('retry-after')).to.equal('2');
      expect(first.headers.get('x-ratelimit-remaining')).to.equal('0');
      expect(Number(first.headers.get('x-ratelimit-reset-after'))).to.be.within(1.9, 2);
      expect(first.headers.get('x-ratelimit-scope')).to.equal('user');
      expect(first.headers.get('x-ratelimit-bucket')).to.match(/^[0-9a-f]+f4k3$/);
      expect(await first.json()).to.deep.include({ message: 'You are being rate limited.', global: false });
      expect((await api('/gateway/bot', { headers: bot() })).status).to.equal(429);
      expect(fake.rest.rateLimits.hits.map((h) => h.early)).to.deep.equal([false, true]);
    });

    it('refuses a slash command whose name Discord would refuse', async function () {
      const response = await api(`/applications/${fake.world.applicationId}/commands`, {
        method: 'PUT',
        headers: bot({ 'Content-Type': 'application/json' }),
        body: JSON.stringify([{ type: 1, name: 'Has Spaces', description: 'x' }]),
      });
      expect(response.status).to.equal(400);
      expect(await response.json()).to.deep.include({ code: 50035, errors: { 0: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' }] } } } });
    });

    it('lets an interaction be acknowledged once, and only by its own token', async function () {
      const alice = fake.addUser('alice');
      const id = fake.world.ids.next();
      fake.world.commands.set(id, { id, guildId: undefined, version: id, json: { id, name: 'ping', description: 'x', type: 1 } });
      const interaction = fake.slash(alice, fake.channel('general'), 'ping');
      const callback = (token: string) =>
        api(`/interactions/${interaction.id}/${token}/callback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":5}' });
      expect(await (await callback('wrong')).json()).to.deep.equal({ message: 'Unknown interaction', code: 10062 });
      expect((await callback(interaction.token)).status).to.equal(204);
      expect(await (await callback(interaction.token)).json()).to.deep.equal({ message: 'Interaction has already been acknowledged.', code: 40060 });
    });
  });

  describe('gateway', function () {
    it('says HELLO with the heartbeat interval and acknowledges a heartbeat', async function () {
      const { ws, received, until } = await dial(fake);
      ws.send(JSON.stringify({ op: OP.Heartbeat, d: null }));
      await until((got) => got.find((p) => p.op === OP.HeartbeatAck));
      expect(received[0]).to.deep.include({ op: OP.Hello });
      expect((received[0]!.d as { heartbeat_interval: number }).heartbeat_interval).to.equal(250);
      ws.close();
    });

    it('closes with 4004 for a wrong token, 4013 for unknown intent bits, 4014 for a privileged intent not granted', async function () {
      for (const [token, intents, code] of [
        ['not.the.token', 1, CLOSE.AuthenticationFailed],
        [fake.token, 1 << 30, CLOSE.InvalidIntents],
        [fake.token, 1 | (1 << 15), CLOSE.DisallowedIntents],
      ] as const) {
        const { ws, closed } = await dial(fake);
        ws.send(identify(token, intents));
        expect(await closed).to.equal(code);
      }
    });

    it('closes with 4003 for a payload before IDENTIFY, and 4002 for one it cannot decode', async function () {
      const first = await dial(fake);
      first.ws.send(JSON.stringify({ op: OP.PresenceUpdate, d: { status: 'online', activities: [], since: null, afk: false } }));
      expect(await first.closed).to.equal(CLOSE.NotAuthenticated);
      const second = await dial(fake);
      second.ws.send('{not json');
      expect(await second.closed).to.equal(CLOSE.DecodeError);
    });

    it('refuses compression and any encoding but JSON at the upgrade', async function () {
      for (const query of ['?v=10&encoding=json&compress=zlib-stream', '?v=10&encoding=etf']) {
        const ws = new WebSocket(`${fake.gateway.url}${query}`);
        const [error] = (await once(ws, 'error')) as [Error];
        expect(error.message).to.match(/400/);
      }
    });

    it('sends READY and GUILD_CREATE, and blanks message text for a session without MessageContent', async function () {
      const alice = fake.addUser('alice');
      const { ws, received, until } = await dial(fake);
      ws.send(identify(fake.token, 1 | (1 << 9) | (1 << 12)));
      await until((got) => got.find((p) => p.t === 'GUILD_CREATE'));
      expect(received.map((p) => p.t).filter(Boolean)).to.deep.equal(['READY', 'GUILD_CREATE']);
      fake.say(alice, fake.channel('general'), 'secret plans');
      fake.say(alice, fake.channel('general'), `<@${fake.bot.id}> hello`);
      fake.say(alice, 'dm', 'a direct message');
      const messages = await until((got) => {
        const found = got.filter((p) => p.t === 'MESSAGE_CREATE');
        return found.length === 3 ? found.map((p) => (p.d as { content: string }).content) : undefined;
      });
      expect(messages).to.deep.equal(['', `<@${fake.bot.id}> hello`, 'a direct message']);
      ws.close();
    });
  });
});
