// @xmpp/client 0.14 ships no type declarations. These cover the part of its API this backend and its tests
// use, read from the package's source (client/index.js, connection/index.js, iq/caller.js, ltx's Element).

declare module '@xmpp/client' {
  import type { EventEmitter } from 'node:events';

  /** An ltx element: a stanza, or any element inside one. */
  export interface XmlElement {
    name: string;
    attrs: Record<string, string | undefined>;
    children: Array<XmlElement | string>;
    parent?: XmlElement | null;
    is(name: string, xmlns?: string): boolean;
    getChild(name: string, xmlns?: string): XmlElement | undefined;
    getChildren(name: string, xmlns?: string): XmlElement[];
    getChildText(name: string, xmlns?: string): string | null;
    getChildElements(): XmlElement[];
    getText(): string;
    text(): string;
    append(...nodes: Array<XmlElement | string>): void;
    toString(): string;
  }

  /** Children `xml()` accepts; null, undefined, booleans and empty strings are skipped. */
  export type XmlChild = XmlElement | string | null | undefined | boolean | XmlChild[];

  /** Build an element: `xml('message', { to, type: 'chat' }, xml('body', {}, text))`. */
  export function xml(name: string, attrs?: Record<string, string | number | undefined> | null, ...children: XmlChild[]): XmlElement;

  /** An XMPP address, local and domain lower-cased. */
  export interface Jid {
    readonly local: string;
    readonly domain: string;
    readonly resource: string;
    bare(): Jid;
    toString(): string;
  }

  export function jid(address: string): Jid;

  /** A stanza error (`<error type=…><condition/></error>`) from an IQ, or a stream or SASL error. */
  export interface XmppError extends Error {
    readonly condition: string;
    readonly text?: string;
    readonly element?: XmlElement;
  }

  export interface IqCaller {
    /** Send an IQ and resolve with the result stanza; rejects with an {@link XmppError} on `type=error`. */
    request(stanza: XmlElement, timeoutMs?: number): Promise<XmlElement>;
    get(element: XmlElement, to?: string, timeoutMs?: number): Promise<XmlElement | undefined>;
    set(element: XmlElement, to?: string, timeoutMs?: number): Promise<XmlElement | undefined>;
  }

  export interface Reconnect extends EventEmitter {
    delay: number;
    /** Open a new socket and stream with the client's options (what the built-in loop does). */
    reconnect(): Promise<void>;
    start(): void;
    /** Detach the built-in fixed-delay reconnect loop. */
    stop(): void;
  }

  export type Status =
    | 'offline'
    | 'connecting'
    | 'connect'
    | 'opening'
    | 'open'
    | 'online'
    | 'closing'
    | 'close'
    | 'disconnecting'
    | 'disconnect';

  /** Authenticate with one mechanism; `userAgent` (XEP-0388) is used by SASL2 only. */
  export type Authenticate = (credentials: { username: string; password: string }, mechanism: string, userAgent?: XmlElement) => Promise<void>;

  export interface ClientOptions {
    /** `xmpp://host:port` (STARTTLS when offered), `xmpps://host:port` (direct TLS), or a domain (DNS SRV). */
    service?: string;
    domain?: string;
    resource?: string;
    username?: string;
    password?: string;
    /** Called with the mechanisms both sides support; call `authenticate` with one of them. */
    credentials?: (authenticate: Authenticate, mechanisms: string[], fast: unknown, entity: Client) => Promise<void>;
    /** Stream open/close timeout in ms (default 2000). */
    timeout?: number;
  }

  export interface Client extends EventEmitter {
    status: Status;
    jid: Jid | null;
    options: ClientOptions;
    reconnect: Reconnect;
    iqCaller: IqCaller;
    /** Whether the socket is encrypted (direct TLS, or upgraded by STARTTLS). */
    isSecure(): boolean;
    /** Connect, authenticate, bind; resolves with the bound address once online. */
    start(): Promise<Jid>;
    /** Close the stream and socket; no reconnect follows. */
    stop(): Promise<unknown>;
    disconnect(): Promise<unknown>;
    send(element: XmlElement): Promise<void>;
    sendMany(elements: XmlElement[]): Promise<void>;
  }

  export function client(options: ClientOptions): Client;
}
