import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { World } from './world.ts';

/** Gateway opcodes (Discord's values). */
export const OP = { Dispatch: 0, Heartbeat: 1, Identify: 2, PresenceUpdate: 3, Resume: 6, Reconnect: 7, RequestGuildMembers: 8, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;

/** Gateway close codes (Discord's values). */
export const CLOSE = {
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  SessionTimedOut: 4009,
  InvalidShard: 4010,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

/** Intent bits the fake knows (everything Discord defines). */
const KNOWN_INTENTS = (1 << 17) - 1 + (1 << 20) + (1 << 21) + (1 << 24) + (1 << 25);
/** Intents Discord calls privileged: GuildMembers, GuildPresences, MessageContent. */
export const PRIVILEGED = (1 << 1) | (1 << 8) | (1 << 15);
/** The intent bits the fake filters events by (Discord's values). */
export const INTENT = { Guilds: 1 << 0, GuildMembers: 1 << 1, GuildPresences: 1 << 8, GuildMessages: 1 << 9, GuildMessageReactions: 1 << 10, DirectMessages: 1 << 12, DirectMessageReactions: 1 << 13, MessageContent: 1 << 15 } as const;

/** One gateway session: what IDENTIFY started, and every dispatch sent in it, for RESUME. */
export interface GatewaySession {
  readonly id: string;
  readonly intents: number;
  seq: number;
  readonly sent: Array<{ s: number; t: string; d: unknown }>;
  socket: WebSocket | undefined;
  valid: boolean;
}

/** What the gateway was asked, for tests. */
export interface GatewayLog {
  readonly connections: Array<{ path: string; query: string }>;
  readonly identifies: Array<Record<string, unknown>>;
  readonly resumes: Array<{ session_id: string; seq: number }>;
  readonly presences: Array<Record<string, unknown>>;
  heartbeats: number;
  /** The close codes the gateway ended connections with. */
  readonly closes: number[];
}

/** Settings of the fake gateway. */
export interface GatewayOptions {
  readonly token: string;
  readonly heartbeatIntervalMs: number;
  /** The privileged intents the application was granted in the (fake) Developer Portal. */
  readonly grantedIntents: number;
  /** Base of the gateway URLs: `ws://127.0.0.1:port`. */
  readonly base: () => string;
}

/**
 * The gateway: HELLO, IDENTIFY → READY and a GUILD_CREATE per guild, heartbeats and their ACKs, dispatches
 * filtered by intents (message text blanked without MessageContent, as Discord does), RESUME with replay of
 * what the session missed, RECONNECT (op 7) and INVALID_SESSION (op 9). It speaks JSON only and refuses
 * compression; it closes with Discord's codes for a bad token (4004), invalid (4013) or privileged intents not
 * granted (4014), an unknown opcode (4001), a payload before IDENTIFY (4003), a second IDENTIFY (4005).
 */
export class FakeGateway {
  readonly log: GatewayLog = { connections: [], identifies: [], resumes: [], presences: [], heartbeats: 0, closes: [] };
  readonly #world: World;
  readonly #options: GatewayOptions;
  readonly #server = new WebSocketServer({ noServer: true });
  readonly #sessions = new Map<string, GatewaySession>();
  readonly #sockets = new Set<WebSocket>();
  #refuse = 0;
  #listeners = new Set<() => void>();

  constructor(world: World, options: GatewayOptions) {
    this.#world = world;
    this.#options = options;
  }

  get url(): string {
    return `${this.#options.base()}/gateway`;
  }

  get resumeUrl(): string {
    return `${this.#options.base()}/resume`;
  }

  /** Sessions that can still be resumed. */
  get sessions(): GatewaySession[] {
    return [...this.#sessions.values()].filter((s) => s.valid);
  }

  /** Called on every gateway event (connection, payload, close), so tests can wait without polling timers. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Refuse the next `count` connection attempts with HTTP 503, as an unreachable gateway would fail. */
  refuseConnections(count: number): void {
    this.#refuse = count;
  }

  /** An HTTP upgrade to the gateway. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    this.log.connections.push({ path: url.pathname, query: url.search });
    this.#changed();
    if (this.#refuse > 0) {
      this.#refuse--;
      socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const wrongPath = url.pathname !== '/gateway' && url.pathname !== '/resume';
    // This fake speaks JSON without transport compression; a client asking for more is a client to fix.
    const unsupported = url.searchParams.get('encoding') !== 'json' || url.searchParams.has('compress');
    if (wrongPath || unsupported) {
      const body = wrongPath ? 'Not Found' : 'this fake gateway speaks encoding=json without compress';
      socket.end(`HTTP/1.1 ${wrongPath ? '404 Not Found' : '400 Bad Request'}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    this.#server.handleUpgrade(request, socket, head, (ws) => this.#open(ws, url.searchParams.get('v')));
  }

  #open(ws: WebSocket, version: string | null): void {
    this.#sockets.add(ws);
    let session: GatewaySession | undefined;
    let identified = false;
    let deadline: NodeJS.Timeout | undefined;
    const beat = () => {
      clearTimeout(deadline);
      // Generous: the client beats every interval; only a client that stopped is timed out.
      deadline = setTimeout(() => this.#close(ws, CLOSE.SessionTimedOut, 'Session timed out'), Math.max(this.#options.heartbeatIntervalMs * 3, 5_000));
    };
    ws.on('close', () => {
      clearTimeout(deadline);
      this.#sockets.delete(ws);
      if (session?.socket === ws) session.socket = undefined;
      this.#changed();
    });
    ws.on('error', () => undefined);
    if (version !== '10') {
      this.#close(ws, CLOSE.InvalidApiVersion, 'Invalid API version');
      return;
    }
    this.#send(ws, { op: OP.Hello, d: { heartbeat_interval: this.#options.heartbeatIntervalMs, _trace: ['["fake-gateway",{"micros":0}]'] }, s: null, t: null });
    beat();
    ws.on('message', (data, isBinary) => {
      let payload: { op?: unknown; d?: unknown };
      try {
        if (isBinary) throw new Error('binary');
        payload = JSON.parse(data.toString()) as { op?: unknown; d?: unknown };
      } catch {
        this.#close(ws, CLOSE.DecodeError, 'Error while decoding payload.');
        return;
      }
      const d = (payload.d ?? null) as Record<string, unknown> | null;
      switch (payload.op) {
        case OP.Heartbeat:
          this.log.heartbeats++;
          beat();
          this.#send(ws, { op: OP.HeartbeatAck, d: null, s: null, t: null });
          break;
        case OP.Identify:
          if (identified) return this.#close(ws, CLOSE.AlreadyAuthenticated, 'Already authenticated.');
          session = this.#identify(ws, d);
          identified = session !== undefined;
          break;
        case OP.Resume:
          if (identified) return this.#close(ws, CLOSE.AlreadyAuthenticated, 'Already authenticated.');
          session = this.#resume(ws, d);
          identified = session !== undefined;
          break;
        case OP.PresenceUpdate:
        case OP.RequestGuildMembers:
          if (!identified) return this.#close(ws, CLOSE.NotAuthenticated, 'Not authenticated.');
          if (payload.op === OP.PresenceUpdate) this.log.presences.push(d ?? {});
          break;
        default:
          return this.#close(ws, identified ? CLOSE.UnknownOpcode : CLOSE.NotAuthenticated, identified ? 'Unknown opcode.' : 'Not authenticated.');
      }
      this.#changed();
    });
    this.#changed();
  }

  #identify(ws: WebSocket, d: Record<string, unknown> | null): GatewaySession | undefined {
    this.log.identifies.push(d ?? {});
    if (!d || d.token !== this.#options.token) {
      this.#close(ws, CLOSE.AuthenticationFailed, 'Authentication failed.');
      return undefined;
    }
    const properties = d.properties as Record<string, unknown> | undefined;
    if (typeof properties?.os !== 'string' || typeof properties.browser !== 'string' || typeof properties.device !== 'string') {
      this.#close(ws, CLOSE.DecodeError, 'Error while decoding payload.');
      return undefined;
    }
    const intents = d.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || (intents & ~KNOWN_INTENTS) !== 0) {
      this.#close(ws, CLOSE.InvalidIntents, 'Invalid intent(s).');
      return undefined;
    }
    if ((intents & PRIVILEGED & ~this.#options.grantedIntents) !== 0) {
      this.#close(ws, CLOSE.DisallowedIntents, 'Disallowed intent(s).');
      return undefined;
    }
    const shard = d.shard as unknown;
    if (shard !== undefined && (!Array.isArray(shard) || shard[0] !== 0 || shard[1] !== 1)) {
      this.#close(ws, CLOSE.InvalidShard, 'Invalid shard.');
      return undefined;
    }
    const session: GatewaySession = { id: randomBytes(16).toString('hex'), intents, seq: 0, sent: [], socket: ws, valid: true };
    this.#sessions.set(session.id, session);
    const world = this.#world;
    const guilds = [...world.guilds.values()];
    this.#dispatchTo(session, 'READY', {
      v: 10,
      user_settings: {},
      user: { ...world.userJson(world.bot), verified: true, mfa_enabled: false, email: null },
      session_type: 'normal',
      session_id: session.id,
      resume_gateway_url: this.resumeUrl,
      relationships: [],
      private_channels: [],
      presences: [],
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      auth: {},
      application: { id: world.applicationId, flags: this.#options.grantedIntents & INTENT.MessageContent ? 1 << 19 : 0 },
      shard: [0, 1],
      _trace: ['["fake-gateway",{"micros":0}]'],
    });
    if (intents & INTENT.Guilds) for (const guild of guilds) this.#dispatchTo(session, 'GUILD_CREATE', world.guildCreateJson(guild));
    return session;
  }

  #resume(ws: WebSocket, d: Record<string, unknown> | null): GatewaySession | undefined {
    this.log.resumes.push({ session_id: String(d?.session_id), seq: Number(d?.seq) });
    if (!d || d.token !== this.#options.token) {
      this.#close(ws, CLOSE.AuthenticationFailed, 'Authentication failed.');
      return undefined;
    }
    const session = this.#sessions.get(String(d.session_id));
    if (!session?.valid) {
      this.#send(ws, { op: OP.InvalidSession, d: false, s: null, t: null });
      return undefined;
    }
    const seq = Number(d.seq);
    if (!Number.isInteger(seq) || seq > session.seq) {
      this.#close(ws, CLOSE.InvalidSeq, 'Invalid seq.');
      return undefined;
    }
    if (session.socket && session.socket !== ws) session.socket.terminate();
    session.socket = ws;
    for (const event of session.sent) if (event.s > seq) this.#send(ws, { op: OP.Dispatch, ...event });
    this.#dispatchTo(session, 'RESUMED', { _trace: ['["fake-gateway",{"micros":0}]'] });
    return session;
  }

  /**
   * Send an event to every live session whose intents allow it. `build` makes the payload per session (so the
   * text can be blanked for one without MessageContent) or returns undefined to skip that session. Sessions
   * whose socket is down keep the event for their RESUME.
   */
  dispatch(event: string, build: (session: GatewaySession) => unknown): void {
    for (const session of this.sessions) {
      const data = build(session);
      if (data !== undefined) this.#dispatchTo(session, event, data);
    }
    this.#changed();
  }

  #dispatchTo(session: GatewaySession, event: string, data: unknown): void {
    session.seq++;
    const entry = { s: session.seq, t: event, d: data };
    session.sent.push(entry);
    if (session.socket) this.#send(session.socket, { op: OP.Dispatch, ...entry });
  }

  /** Ask every connected client to reconnect and resume (op 7), as Discord does before moving a session. */
  requestReconnect(): void {
    for (const session of this.sessions) if (session.socket) this.#send(session.socket, { op: OP.Reconnect, d: null, s: null, t: null });
  }

  /** Invalidate every session (op 9): the client must IDENTIFY anew, and what it missed is gone. */
  invalidateSessions(resumable = false): void {
    for (const session of this.sessions) {
      if (!resumable) session.valid = false;
      if (session.socket) this.#send(session.socket, { op: OP.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  /** Cut every connection without a close frame (a network drop); sessions stay resumable. */
  dropConnections(): void {
    for (const ws of this.#sockets) ws.terminate();
  }

  /** Close every connection with `code`. */
  closeConnections(code: number, reason = ''): void {
    for (const ws of this.#sockets) this.#close(ws, code, reason);
  }

  /** Close every socket and forget every session. */
  stop(): void {
    for (const ws of this.#sockets) ws.terminate();
    this.#sessions.clear();
    this.#server.close();
  }

  #send(ws: WebSocket, payload: unknown): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
  }

  #close(ws: WebSocket, code: number, reason: string): void {
    if (ws.readyState !== ws.OPEN && ws.readyState !== ws.CONNECTING) return;
    this.log.closes.push(code);
    ws.close(code, reason);
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
