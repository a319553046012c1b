import { expect } from 'chai';
import type { webApi } from '@slack/bolt';
import { createSilentLogger } from 'banter';
import { ManualClock } from 'banter/testing';
import { SlackApi } from './slack-api.ts';
import { SlackApiError } from './slack-api-error.ts';

/** A WebClient stand-in that answers from a script: each entry is an answer or a thrown SDK error. */
function scriptedClient(script: Array<Record<string, unknown> | Error>): { client: webApi.WebClient; calls: string[] } {
  const calls: string[] = [];
  const client = {
    apiCall: async (method: string) => {
      calls.push(method);
      const next = script.shift();
      if (!next) throw new Error('script exhausted');
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as webApi.WebClient;
  return { client, calls };
}

const rateLimited = (seconds: number) => Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter: seconds });

describe('Slack Web API calls', function () {
  it('waits exactly as long as Retry-After says before sending a rate-limited call again', async function () {
    const clock = new ManualClock(0);
    const { client, calls } = scriptedClient([rateLimited(3), rateLimited(2), { ok: true, ts: '1.1' }]);
    const api = new SlackApi(client, { rateLimitRetries: 5, clock, log: createSilentLogger() });
    const result = api.call('chat.postMessage', { channel: 'C1', text: 'hi' });
    await clock.advance(2999);
    expect(calls).to.have.length(1);
    await clock.advance(1);
    expect(calls).to.have.length(2);
    await clock.advance(2000);
    expect((await result).ts).to.equal('1.1');
    expect(calls).to.have.length(3);
    expect(api.rateLimited).to.equal(2);
  });

  it('gives up after rateLimitRetries answers of 429 in a row, with an error that says so', async function () {
    const clock = new ManualClock(0);
    const { client } = scriptedClient([rateLimited(1), rateLimited(1)]);
    const api = new SlackApi(client, { rateLimitRetries: 1, clock, log: createSilentLogger() });
    const result = api.call('users.list').catch((e: unknown) => e);
    await clock.advance(1000);
    const error = (await result) as SlackApiError;
    expect(error).to.be.instanceOf(SlackApiError);
    expect([error.method, error.error]).to.deep.equal(['users.list', 'ratelimited']);
  });

  it('turns a refusal into a SlackApiError that names the method, the code and the missing scope', async function () {
    const refusal = Object.assign(new Error('An API error occurred: missing_scope'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'missing_scope', needed: 'reactions:write', provided: 'chat:write' },
    });
    const { client } = scriptedClient([refusal]);
    const error = (await new SlackApi(client, { rateLimitRetries: 3, log: createSilentLogger() }).call('reactions.add').catch((e: unknown) => e)) as SlackApiError;
    expect([error.code, error.method, error.error, error.needed]).to.deep.equal(['E_SLACK_API', 'reactions.add', 'missing_scope', 'reactions:write']);
    expect(error.message).to.equal(
      'Slack refused reactions.add: missing_scope (the Slack app lacks the reactions:write scope: add it under "OAuth & Permissions" → "Bot Token Scopes" and reinstall the app).',
    );
  });

  it('says Slack could not be reached when the request itself failed', async function () {
    const { client } = scriptedClient([Object.assign(new Error('connect ECONNREFUSED'), { code: 'slack_webapi_request_error' })]);
    const error = (await new SlackApi(client, { rateLimitRetries: 3, log: createSilentLogger() }).call('auth.test').catch((e: unknown) => e)) as { code: string; message: string };
    expect(error.code).to.equal('E_SLACK_UNREACHABLE');
    expect(error.message).to.match(/auth\.test: connect ECONNREFUSED/);
  });

  it('on close, ends a rate-limit wait at once and leaves no timer', async function () {
    const clock = new ManualClock(0);
    const { client } = scriptedClient([rateLimited(30)]);
    const api = new SlackApi(client, { rateLimitRetries: 5, clock, log: createSilentLogger() });
    const result = api.call('chat.postMessage').catch((e: unknown) => e);
    await clock.advance(0);
    expect(clock.pending).to.equal(1);
    api.close();
    expect(clock.pending).to.equal(0);
    expect(((await result) as { code: string }).code).to.equal('E_SLACK_DISCONNECTED');
  });
});
