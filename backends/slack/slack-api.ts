import type { webApi } from '@slack/bolt';
import { BanterError, systemClock, type Clock, type ClockTimer, type Logger } from 'banter';
import { SlackApiError } from './slack-api-error.ts';

/** Settings of a {@link SlackApi}. */
export interface SlackApiOptions {
  /** HTTP 429 answers in a row one call may wait out before it fails. */
  readonly rateLimitRetries: number;
  readonly clock?: Clock;
  readonly log: Logger;
}

/** A Web API answer: Slack's JSON with `ok: true`. */
export type ApiResult = webApi.WebAPICallResult & Record<string, unknown>;

// Hard bound on pages fetched by one paginated call, so a cursor that never ends cannot loop for ever.
const MAX_PAGES = 500;

/**
 * The Web API as the backend uses it, over Bolt's WebClient (created with `rejectRateLimitedCalls`, so a 429
 * comes here instead of being retried inside the SDK's queue). Each call that Slack answers with HTTP 429 waits
 * the `Retry-After` it was given and is sent again, up to `rateLimitRetries` times; nothing is dropped. Slack's
 * refusals become {@link SlackApiError}s naming the method and what to do.
 */
export class SlackApi {
  readonly client: webApi.WebClient;
  readonly #options: SlackApiOptions;
  readonly #clock: Clock;
  readonly #sleeping = new Map<ClockTimer, () => void>();
  #closed = false;
  /** 429 answers waited out so far (for tests and status). */
  rateLimited = 0;

  constructor(client: webApi.WebClient, options: SlackApiOptions) {
    this.client = client;
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  /** Call a Web API method; resolves with Slack's answer or rejects with a SlackApiError / BanterError. */
  call(method: string, args: Record<string, unknown> = {}): Promise<ApiResult> {
    return this.#withRateLimits(method, () => this.client.apiCall(method, args) as Promise<ApiResult>);
  }

  /** Every item of a cursor-paginated method (`key` names the list in each page, e.g. `members`). */
  async all<T>(method: string, args: Record<string, unknown>, key: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await this.call(method, { ...args, limit: 200, ...(cursor ? { cursor } : {}) });
      items.push(...((result[key] as T[] | undefined) ?? []));
      cursor = (result.response_metadata as { next_cursor?: string } | undefined)?.next_cursor || undefined;
      if (!cursor) return items;
    }
    this.#options.log.warn({ method, pages: MAX_PAGES }, 'Slack: stopped paginating after too many pages');
    return items;
  }

  /** files.uploadV2: getUploadURLExternal, the upload, completeUploadExternal (retried whole on a 429). */
  uploadFile(args: Record<string, unknown>): Promise<ApiResult> {
    return this.#withRateLimits('files.uploadV2', () => this.client.filesUploadV2(args as unknown as webApi.FilesUploadV2Arguments) as unknown as Promise<ApiResult>);
  }

  /** POST JSON to a response_url (slash commands, button presses); rejects with the answer when it is not 2xx. */
  async respond(url: string, body: Record<string, unknown>): Promise<void> {
    await this.#withRateLimits('response_url', async () => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const text = await response.text();
      if (response.status === 429) throw Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter: Number(response.headers.get('retry-after') ?? 1) });
      if (!response.ok) {
        let error = `http_${response.status}`;
        try {
          error = String((JSON.parse(text) as { error?: unknown }).error ?? error);
        } catch {
          // not JSON: keep the status
        }
        throw new SlackApiError('response_url', error);
      }
      return { ok: true };
    });
  }

  /** Stop waiting out rate limits: pending waits end and their calls fail. */
  close(): void {
    this.#closed = true;
    for (const [timer, wake] of this.#sleeping) {
      this.#clock.clearTimeout(timer);
      wake();
    }
    this.#sleeping.clear();
  }

  /** Allow calls again after {@link close}. */
  reopen(): void {
    this.#closed = false;
  }

  async #withRateLimits<T>(method: string, attempt: () => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === 'slack_webapi_rate_limited_error') {
          if (tries >= this.#options.rateLimitRetries || this.#closed) throw new SlackApiError(method, 'ratelimited', { cause: error });
          const seconds = Math.max(1, Number((error as { retryAfter?: unknown }).retryAfter) || 1);
          this.rateLimited += 1;
          this.#options.log.warn({ method, retryAfter: seconds }, 'Slack: rate limited (HTTP 429); waiting as Retry-After says');
          await this.#sleep(seconds * 1000);
          if (this.#closed) throw new BanterError('E_SLACK_DISCONNECTED', `The Slack backend was disconnected while ${method} waited out a rate limit.`);
          continue;
        }
        throw translate(method, error);
      }
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.#clock.setTimeout(() => {
        this.#sleeping.delete(timer);
        resolve();
      }, ms);
      this.#sleeping.set(timer, resolve);
    });
  }
}

/** A Web API failure as a Banter error: Slack's refusals keep their code; transport failures say Slack was not reached. */
function translate(method: string, error: unknown): unknown {
  if (error instanceof SlackApiError || error instanceof BanterError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'slack_webapi_platform_error') {
    const data = (error as { data: { error: string; needed?: string } }).data;
    return new SlackApiError(method, data.error, { needed: data.needed, cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new BanterError('E_SLACK_UNREACHABLE', `Slack could not be reached for ${method}: ${detail}`, { cause: error });
}
