import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateBlocks } from './block-kit-validator.ts';
import { SlackMethodError } from './method-context.ts';
import { MAX_TEXT } from './methods/chat.ts';
import { json } from './web-api.ts';
import type { FakeChannel, FakeMessage, Workspace } from './workspace.ts';

interface Issued {
  readonly channel: string;
  readonly user: string;
  readonly issuedAt: number;
  /** For button presses: the message the button was on (`replace_original` / `delete_original` act on it). */
  readonly original: string | undefined;
  uses: number;
}

/** A response_url answers at most this many times… */
export const RESPONSE_URL_USES = 5;
/** …within this long after it was issued. */
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

/**
 * The response_url of slash commands and button presses: a webhook that takes JSON `{ text, blocks,
 * response_type, thread_ts, replace_original, delete_original }`, posts as the app in the conversation it came
 * from (ephemeral unless `response_type: "in_channel"`), and works up to 5 times within 30 minutes.
 */
export class ResponseUrls {
  readonly #issued = new Map<string, Issued>();
  readonly #workspace: Workspace;
  readonly #announce: (message: FakeMessage, channel: FakeChannel) => void;
  readonly #changed: () => void;

  constructor(workspace: Workspace, announce: (message: FakeMessage, channel: FakeChannel) => void, changed: () => void) {
    this.#workspace = workspace;
    this.#announce = announce;
    this.#changed = changed;
  }

  issue(baseUrl: string, init: { channel: string; user: string; original?: string; kind: 'commands' | 'actions' }): string {
    const path = `/${init.kind}/${this.#workspace.teamId}/${Date.now()}/${randomUUID().replaceAll('-', '')}`;
    this.#issued.set(path, { channel: init.channel, user: init.user, original: init.original, issuedAt: Date.now(), uses: 0 });
    return `${baseUrl}${path}`;
  }

  /** Make every issued URL older than its lifetime (to test what an app does with an expired one). */
  expireAll(): void {
    for (const [path, issued] of this.#issued) this.#issued.set(path, { ...issued, issuedAt: issued.issuedAt - RESPONSE_URL_LIFETIME_MS - 1 });
  }

  handles(path: string): boolean {
    return path.startsWith('/commands/') || path.startsWith('/actions/');
  }

  handle(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): void {
    const issued = this.#issued.get(path);
    if (!issued) return json(res, 404, { ok: false, error: 'invalid_url' });
    if (Date.now() - issued.issuedAt > RESPONSE_URL_LIFETIME_MS) return json(res, 404, { ok: false, error: 'expired_url' });
    if (issued.uses >= RESPONSE_URL_USES) return json(res, 404, { ok: false, error: 'used_url' });
    let reply: Record<string, unknown>;
    try {
      reply = parse(req, body);
      this.#apply(issued, reply);
    } catch (error) {
      if (error instanceof SlackMethodError) return json(res, 400, { ok: false, error: error.error, ...error.extra });
      throw error;
    }
    issued.uses += 1;
    this.#changed();
    json(res, 200, { ok: true });
  }

  #apply(issued: Issued, reply: Record<string, unknown>): void {
    const channel = this.#workspace.channels.get(issued.channel)!;
    const original = issued.original === undefined ? undefined : this.#workspace.findMessage(channel.id, issued.original);
    if (reply.delete_original === true || reply.delete_original === 'true') {
      if (!original) throw new SlackMethodError('message_not_found');
      original.deleted = true;
      return;
    }
    const text = typeof reply.text === 'string' ? reply.text : '';
    const blocks = reply.blocks as unknown[] | undefined;
    if (blocks !== undefined) validateBlocks(blocks);
    if (text === '' && (blocks === undefined || blocks.length === 0)) throw new SlackMethodError('no_text');
    if (text.length > MAX_TEXT) throw new SlackMethodError('msg_too_long');
    if (reply.replace_original === true || reply.replace_original === 'true') {
      if (!original) throw new SlackMethodError('message_not_found');
      original.text = text;
      original.blocks = blocks;
      original.edited = true;
      return;
    }
    const inChannel = reply.response_type === 'in_channel';
    const message = this.#workspace.addMessage({
      channel: channel.id,
      ts: this.#workspace.newTs(),
      user: this.#workspace.bot.userId,
      botId: this.#workspace.bot.botId,
      text,
      blocks,
      attachments: reply.attachments as unknown[] | undefined,
      threadTs: typeof reply.thread_ts === 'string' ? reply.thread_ts : undefined,
      subtype: undefined,
      ephemeralTo: inChannel ? undefined : issued.user,
      via: 'response_url',
      responseType: inChannel ? 'in_channel' : 'ephemeral',
    });
    if (inChannel) this.#announce(message, channel);
  }
}

function parse(req: IncomingMessage, body: Buffer): Record<string, unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  try {
    const text = body.toString('utf8');
    const parsed: unknown = type === 'application/x-www-form-urlencoded' ? JSON.parse(new URLSearchParams(text).get('payload') ?? '') : JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new SlackMethodError('invalid_payload');
}
