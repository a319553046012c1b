import type { ConversationKind, FakeChannel, Workspace } from './workspace.ts';

/** A token the fake issued, with what it may do. */
export interface TokenInfo {
  readonly kind: 'bot' | 'app';
  readonly token: string;
  readonly scopes: ReadonlySet<string>;
}

/** A Web API error: answered as HTTP 200 `{ ok: false, error, ...extra }`, as Slack does. */
export class SlackMethodError extends Error {
  readonly error: string;
  readonly extra: Record<string, unknown>;

  constructor(error: string, extra: Record<string, unknown> = {}) {
    super(error);
    this.error = error;
    this.extra = extra;
  }
}

/** What a method needs from the server besides the workspace: events to send, URLs to hand out. */
export interface FakeServerHooks {
  /** Deliver an Events API event (inner `event` object) to the bot, if it is subscribed to it. */
  emitEvent(event: Record<string, unknown>): void;
  /** The server's base URL, e.g. `http://127.0.0.1:PORT`. */
  readonly baseUrl: string;
  /** A one-time Socket Mode ticket URL for apps.connections.open. */
  issueSocketUrl(): string;
  /** Record a client mistake that real Slack would punish in ways not modelled here (tests assert there are none). */
  protocolError(problem: string): void;
}

// Scopes that let a bot read or change each kind of conversation (Slack's granular bot scopes).
const READ_SCOPE: Record<ConversationKind, string> = {
  public_channel: 'channels:read',
  private_channel: 'groups:read',
  im: 'im:read',
  mpim: 'mpim:read',
};
const WRITE_SCOPE: Record<ConversationKind, string> = {
  public_channel: 'channels:manage',
  private_channel: 'groups:write',
  im: 'im:write',
  mpim: 'mpim:write',
};

/** One call of a Web API method: its arguments as Slack parsed them, the token, and helpers that throw Slack's errors. */
export class MethodContext {
  readonly workspace: Workspace;
  readonly args: Readonly<Record<string, unknown>>;
  readonly token: TokenInfo;
  readonly hooks: FakeServerHooks;

  constructor(workspace: Workspace, args: Record<string, unknown>, token: TokenInfo, hooks: FakeServerHooks) {
    this.workspace = workspace;
    this.args = args;
    this.token = token;
    this.hooks = hooks;
  }

  /** Throw `missing_scope` unless the token has one of `scopes` (the first is reported as `needed`). */
  need(...scopes: string[]): void {
    if (scopes.some((s) => this.token.scopes.has(s))) return;
    throw new SlackMethodError('missing_scope', { needed: scopes[0], provided: [...this.token.scopes].join(',') });
  }

  /** The scope to read a conversation of this kind. */
  needRead(kind: ConversationKind): void {
    this.need(READ_SCOPE[kind]);
  }

  /** The scope to manage a conversation of this kind, or a narrower one a method also accepts (`channels:write.topic`). */
  needWrite(kind: ConversationKind, narrower: Partial<Record<ConversationKind, string>> = {}): void {
    const alternative = narrower[kind];
    if (alternative) this.need(WRITE_SCOPE[kind], alternative);
    else this.need(WRITE_SCOPE[kind]);
  }

  /** A string argument, or undefined when absent or empty. */
  string(name: string): string | undefined {
    const value = this.args[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: [`[ERROR] ${name} must be a string`] } });
  }

  /** A boolean argument as Slack reads it from a form (`true`, `1`). */
  flag(name: string): boolean {
    const value = this.args[name];
    return value === true || value === 'true' || value === '1' || value === 1;
  }

  /** An integer argument; `invalid_arguments` when it is not one. */
  integer(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value)) throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: [`[ERROR] ${name} must be an integer`] } });
    return Number(value);
  }

  /** A JSON argument (form fields carry JSON as a string); `invalid_arguments` when it does not parse. */
  json(name: string, error = 'invalid_arguments'): unknown {
    const value = this.args[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      throw new SlackMethodError(error, { response_metadata: { messages: [`[ERROR] ${name} is not valid JSON`] } });
    }
  }

  /** The conversation named by argument `name` (an id; public channel names with `#` are accepted by posting methods). */
  channel(name = 'channel', options: { allowNames?: boolean } = {}): FakeChannel {
    const value = this.string(name);
    if (value === undefined) throw new SlackMethodError('channel_not_found');
    const found = this.workspace.channels.get(value) ?? (options.allowNames ? this.workspace.channelByName(value) : undefined);
    // A private conversation the bot is not in does not exist, as far as the bot can tell.
    if (!found || (found.kind !== 'public_channel' && !found.members.has(this.workspace.bot.userId))) throw new SlackMethodError('channel_not_found');
    return found;
  }

  /** Cursor pagination as Slack does it: `limit` (default 100, at most 1000) and an opaque `cursor`. */
  page<T>(items: readonly T[]): { items: T[]; next: string } {
    const limit = Math.min(this.integer('limit') ?? 100, 1000) || 100;
    const cursor = this.string('cursor');
    let start = 0;
    if (cursor !== undefined) {
      const decoded = /^dXNlcjo(.+)$/.exec(cursor) ? Number(Buffer.from(cursor, 'base64').toString('utf8').replace(/^user:/, '')) : Number.NaN;
      if (!Number.isInteger(decoded) || decoded < 0) throw new SlackMethodError('invalid_cursor');
      start = decoded;
    }
    const slice = items.slice(start, start + limit);
    const next = start + limit < items.length ? Buffer.from(`user:${start + limit}`).toString('base64') : '';
    return { items: slice, next };
  }
}

/** A method of the fake Web API. */
export type MethodHandler = (context: MethodContext) => Record<string, unknown> | Promise<Record<string, unknown>>;
