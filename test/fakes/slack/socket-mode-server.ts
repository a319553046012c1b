import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/** Envelope types Slack sends over Socket Mode. */
export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

/** What the app answered to an envelope: the `payload` of its ack. */
export type AckPayload = Record<string, unknown>;

interface Pending {
  readonly id: string;
  readonly type: EnvelopeType;
  readonly payload: Record<string, unknown>;
  readonly acceptsResponsePayload: boolean;
  retryAttempt: number;
  retryReason: string;
  /** The connection it was last written to, if any. */
  sentOn: WebSocket | undefined;
  readonly resolve: (ack: AckPayload) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Socket Mode as Slack runs it: apps.connections.open hands out a one-time `wss` URL (here `ws://`), the
 * connection starts with `hello`, each envelope must be acked with `{ envelope_id, payload }`, and an envelope
 * not acked before its connection goes is sent again on the next connection with `retry_attempt` raised.
 * Envelopes sent while no connection is open wait for one, as Slack's delivery retries do.
 */
export class SocketModeServer {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #tickets = new Set<string>();
  readonly #sockets = new Set<WebSocket>();
  readonly #pending = new Map<string, Pending>();
  readonly #raw = new WeakMap<WebSocket, Duplex>();
  readonly #appId: string;
  readonly #protocolError: (problem: string) => void;
  readonly #changed: () => void;
  /** How many connections were ever accepted (reconnects count). */
  connectionsAccepted = 0;
  /** Connections still to be accepted without `hello` (see {@link withholdHello}). */
  #silentConnections = 0;

  constructor(options: { appId: string; protocolError: (problem: string) => void; changed: () => void }) {
    this.#appId = options.appId;
    this.#protocolError = options.protocolError;
    this.#changed = options.changed;
  }

  /** Accept WebSocket upgrades on `/link/` for valid tickets. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://fake.invalid');
      const ticket = url.searchParams.get('ticket');
      if (url.pathname !== '/link/' || ticket === null || !this.#tickets.delete(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      this.#wss.handleUpgrade(req, socket, head, (ws) => {
        this.#raw.set(ws, socket);
        this.#accept(ws);
      });
    });
  }

  /** A one-time connection URL, as apps.connections.open returns it. */
  issueUrl(baseUrl: string): string {
    const ticket = randomUUID();
    this.#tickets.add(ticket);
    return `${baseUrl.replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=${this.#appId}`;
  }

  /** Open connections right now. */
  get connections(): number {
    return [...this.#sockets].filter((s) => s.readyState === s.OPEN).length;
  }

  /** Envelopes written but not acked yet. */
  get unacked(): number {
    return this.#pending.size;
  }

  /** Send an envelope; resolves with the ack's payload once the app acks it (on whichever connection). */
  send(type: EnvelopeType, payload: Record<string, unknown>, options: { retryAttempt?: number; retryReason?: string } = {}): Promise<AckPayload> {
    return new Promise((resolve, reject) => {
      const pending: Pending = {
        id: randomUUID(),
        type,
        payload,
        acceptsResponsePayload: type !== 'events_api',
        retryAttempt: options.retryAttempt ?? 0,
        retryReason: options.retryReason ?? '',
        sentOn: undefined,
        resolve,
        reject,
      };
      this.#pending.set(pending.id, pending);
      this.#write(pending);
    });
  }

  /** Cut every connection without a close handshake, as a network failure does. */
  drop(): void {
    for (const socket of this.#sockets) socket.terminate();
  }

  /**
   * Stop reading from every connection, like a peer that has hung: the app's frames (its close frame included)
   * go unanswered until the connection is cut.
   */
  stall(): void {
    for (const socket of this.#sockets) this.#raw.get(socket)?.pause();
  }

  /** Accept the next `connections` connections but never say `hello` on them, like a server that hangs. */
  withholdHello(connections = 1): void {
    this.#silentConnections = connections;
  }

  /** Ask every connected app to reconnect, as Slack does before recycling a server. */
  requestReconnect(reason = 'refresh_requested'): void {
    for (const socket of this.#sockets) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } }));
    }
  }

  /**
   * Close every connection with a close frame and wait (up to `graceMs`) for the clients to finish the
   * handshake: terminating mid-handshake makes @slack/socket-mode leave a 30 s timer behind.
   */
  async close(graceMs = 1_000): Promise<void> {
    const open = [...this.#sockets];
    const closed = open.map((s) => new Promise<void>((resolve) => (s.readyState === s.CLOSED ? resolve() : s.once('close', () => resolve()))));
    for (const socket of open) if (socket.readyState === socket.OPEN) socket.close(1001, 'fake shutting down');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(closed), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    for (const socket of this.#sockets) socket.terminate();
    this.#wss.close();
    for (const pending of this.#pending.values()) pending.reject(new Error(`fake slack stopped before the app acked a ${pending.type} envelope`));
    this.#pending.clear();
  }

  #accept(ws: WebSocket): void {
    this.#sockets.add(ws);
    this.connectionsAccepted += 1;
    ws.on('message', (data, isBinary) => this.#onFrame(ws, data.toString(), isBinary));
    ws.on('close', () => {
      this.#sockets.delete(ws);
      // What this connection never acked goes out again on the next one, marked as a retry.
      for (const pending of this.#pending.values()) {
        if (pending.sentOn !== ws) continue;
        pending.sentOn = undefined;
        pending.retryAttempt += 1;
        pending.retryReason = 'timeout';
      }
      this.#changed();
      this.#flush();
    });
    ws.on('error', () => undefined);
    if (this.#silentConnections > 0) {
      this.#silentConnections -= 1;
      return;
    }
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.#sockets.size,
        debug_info: { host: 'fake-slack', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.#appId },
      }),
    );
    this.#changed();
    this.#flush();
  }

  #onFrame(ws: WebSocket, text: string, isBinary: boolean): void {
    if (isBinary) return this.#protocolError('socket mode: the app sent a binary frame');
    let frame: { envelope_id?: unknown; payload?: unknown };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return this.#protocolError(`socket mode: the app sent a frame that is not JSON: ${text.slice(0, 80)}`);
    }
    const pending = typeof frame.envelope_id === 'string' ? this.#pending.get(frame.envelope_id) : undefined;
    if (!pending) return this.#protocolError(`socket mode: ack for an unknown envelope: ${text.slice(0, 120)}`);
    if (pending.sentOn !== ws) return this.#protocolError(`socket mode: envelope ${pending.id} acked on another connection`);
    if (frame.payload !== undefined && (typeof frame.payload !== 'object' || frame.payload === null)) {
      return this.#protocolError(`socket mode: ack payload must be an object: ${text.slice(0, 120)}`);
    }
    if (!pending.acceptsResponsePayload && frame.payload !== undefined && Object.keys(frame.payload).length > 0) {
      this.#protocolError(`socket mode: ack with a payload for ${pending.type}, which accepts none`);
    }
    this.#pending.delete(pending.id);
    pending.resolve((frame.payload as AckPayload | undefined) ?? {});
    this.#changed();
  }

  #flush(): void {
    for (const pending of this.#pending.values()) if (pending.sentOn === undefined) this.#write(pending);
  }

  #write(pending: Pending): void {
    const socket = [...this.#sockets].reverse().find((s) => s.readyState === s.OPEN);
    if (!socket) return; // delivered when an app connects
    pending.sentOn = socket;
    socket.send(
      JSON.stringify({
        envelope_id: pending.id,
        type: pending.type,
        accepts_response_payload: pending.acceptsResponsePayload,
        // Only Events API envelopes are retried, so only they carry the retry fields.
        ...(pending.type === 'events_api' ? { retry_attempt: pending.retryAttempt, retry_reason: pending.retryReason } : {}),
        payload: pending.payload,
      }),
    );
  }
}
