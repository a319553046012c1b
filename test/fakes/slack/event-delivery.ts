import { deliverSigned, type DeliveryResponse, type SigningOptions } from './http-events.ts';
import { eventCallback } from './payloads.ts';
import { EVENT_SCOPE } from './scopes.ts';
import type { AckPayload, EnvelopeType, SocketModeServer } from './socket-mode-server.ts';
import type { Workspace } from './workspace.ts';

/** The result of handing one payload to the app: its Socket Mode ack, or its HTTP answer. */
export type Delivery = { readonly via: 'socket'; readonly ack: AckPayload } | { readonly via: 'http'; readonly response: DeliveryResponse };

/**
 * How Slack hands things to the app: Events API events (only those the app subscribed to, with the scope the
 * subscription needs, about conversations the bot is in), slash commands and interactions, over Socket Mode or
 * as signed POSTs to the app's Request URL. Every event body is kept by its event_id, so a test can deliver it
 * again as Slack's retries do.
 */
export class EventDelivery {
  readonly #workspace: Workspace;
  readonly #socket: SocketModeServer;
  readonly #scopes: ReadonlySet<string>;
  readonly #subscriptions: ReadonlySet<string>;
  readonly #signingSecret: string;
  readonly #events = new Map<string, Record<string, unknown>>();
  readonly #inflight = new Set<Promise<unknown>>();
  #requestUrl: string | undefined;
  #counter = 0;

  constructor(init: { workspace: Workspace; socket: SocketModeServer; scopes: ReadonlySet<string>; subscriptions: ReadonlySet<string>; signingSecret: string }) {
    this.#workspace = init.workspace;
    this.#socket = init.socket;
    this.#scopes = init.scopes;
    this.#subscriptions = init.subscriptions;
    this.#signingSecret = init.signingSecret;
  }

  /** Deliver to this Request URL over HTTP (`undefined`: Socket Mode). */
  set requestUrl(url: string | undefined) {
    this.#requestUrl = url;
  }

  get requestUrl(): string | undefined {
    return this.#requestUrl;
  }

  /** Whether an app can take deliveries now: a Request URL is set, or a Socket Mode connection is open. */
  get appListening(): boolean {
    return this.#requestUrl !== undefined || this.#socket.connections > 0;
  }

  /** Deliver an inner event with a new event_id if the app is subscribed to it; undefined when it is not. */
  emit(event: Record<string, unknown>): Promise<Delivery | undefined> {
    if (!this.#subscribed(event)) return Promise.resolve(undefined);
    this.#counter += 1;
    const eventId = `Ev0${this.#counter.toString(36).toUpperCase().padStart(8, '0')}`;
    const body = eventCallback(this.#workspace, event, eventId);
    this.#events.set(eventId, body);
    return this.#send(body, 0);
  }

  /** Deliver an event again (same event_id, retry count `retryAttempt`). */
  redeliver(eventId: string, retryAttempt: number): Promise<Delivery> {
    const body = this.#events.get(eventId);
    if (!body) throw new Error(`fake slack: no event ${eventId} was delivered`);
    return this.#send(body, retryAttempt);
  }

  /** The event_id of the last event delivered whose inner event matches `probe`. */
  lastEventId(probe: (event: Record<string, unknown>) => boolean): string | undefined {
    let found: string | undefined;
    for (const [id, body] of this.#events) if (probe(body.event as Record<string, unknown>)) found = id;
    return found;
  }

  /** A slash command or an interaction: an envelope of `type`, or a signed form POST. */
  interaction(type: EnvelopeType, payload: Record<string, unknown>, form: string): Promise<Delivery> {
    if (this.#requestUrl) {
      const posting = deliverSigned(this.#requestUrl, form, 'application/x-www-form-urlencoded', { secret: this.#signingSecret });
      return this.track(posting.then((response) => ({ via: 'http' as const, response })));
    }
    return this.track(this.#socket.send(type, payload).then((ack) => ({ via: 'socket' as const, ack })));
  }

  /** Post a raw body to the Request URL with custom signing (bad secrets, stale timestamps). */
  post(body: string, contentType: string, signing: Partial<SigningOptions>): Promise<DeliveryResponse> {
    if (!this.#requestUrl) throw new Error('fake slack: no Request URL set (useRequestUrl)');
    return deliverSigned(this.#requestUrl, body, contentType, { secret: this.#signingSecret, ...signing });
  }

  /** Keep `promise` until it settles, so stopping can wait for deliveries in flight. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.#inflight.add(promise);
    const forget = () => this.#inflight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  /** Wait for every delivery in flight to settle. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.#inflight]);
  }

  #subscribed(event: Record<string, unknown>): boolean {
    let name = String(event.type);
    if (name === 'message') {
      const channel = this.#workspace.channels.get(String(event.channel));
      if (!channel) return false;
      name = `message.${{ public_channel: 'channels', private_channel: 'groups', im: 'im', mpim: 'mpim' }[channel.kind]}`;
    }
    if (!this.#subscriptions.has(name)) return false;
    // Events about a conversation reach only apps whose bot is in it.
    const where = event.channel ?? (event.item as { channel?: unknown } | undefined)?.channel;
    if (typeof where === 'string') {
      const channel = this.#workspace.channels.get(where);
      if (!channel?.members.has(this.#workspace.bot.userId) && event.type !== 'member_left_channel') return false;
    }
    return (EVENT_SCOPE[name] ?? []).some((s) => this.#scopes.has(s));
  }

  #send(body: Record<string, unknown>, retryAttempt: number): Promise<Delivery> {
    if (this.#requestUrl) {
      const signing = { secret: this.#signingSecret, ...(retryAttempt > 0 ? { retryNum: retryAttempt, retryReason: 'http_timeout' } : {}) };
      const posting = deliverSigned(this.#requestUrl, JSON.stringify(body), 'application/json', signing);
      return this.track(posting.then((response) => ({ via: 'http' as const, response })));
    }
    const options = retryAttempt > 0 ? { retryAttempt, retryReason: 'timeout' } : {};
    return this.track(this.#socket.send('events_api', body, options).then((ack) => ({ via: 'socket' as const, ack })));
  }
}
