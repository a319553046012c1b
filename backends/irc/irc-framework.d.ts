// irc-framework 4.x ships no types. These cover what the IRC backend and its tests use, read from its docs
// (docs/clientapi.md, docs/events.md) and source (src/client.js, src/connection.js); extend as needed.

declare module 'irc-framework' {
  /** One parsed protocol line, as raw middleware sees it. */
  export interface IrcMessage {
    tags: Record<string, string>;
    prefix: string;
    nick: string;
    ident: string;
    hostname: string;
    /** Upper-case command or three-digit numeric, e.g. `PRIVMSG`, `433`. */
    command: string;
    params: string[];
  }

  /** The connect options this project uses (the library accepts more). */
  export interface ClientOptions {
    host?: string;
    port?: number;
    nick?: string;
    username?: string;
    gecos?: string;
    /** Server password (PASS). Without `account`, irc-framework also tries it for SASL; pass `account: {}` to stop that. */
    password?: string;
    tls?: boolean;
    rejectUnauthorized?: boolean;
    /** SASL PLAIN credentials; `{}` disables SASL. */
    account?: { account?: string; password?: string };
    sasl_disconnect_on_fail?: boolean;
    auto_reconnect?: boolean;
    auto_reconnect_max_retries?: number;
    ping_interval?: number;
    ping_timeout?: number;
    /** Reply to CTCP VERSION; `null` passes the request on as an event. */
    version?: string | null;
    encoding?: string;
    enable_echomessage?: boolean;
  }

  export interface WhoUser {
    nick: string;
    ident: string;
    hostname: string;
    real_name?: string;
    /** WHOX only; '' when logged out. */
    account?: string;
    channel?: string;
  }

  export type RawMiddleware = (command: string, message: IrcMessage, rawLine: string, client: Client, next: () => void) => void;

  export class Client {
    constructor(options?: ClientOptions);
    options: ClientOptions;
    /** Registered on the network and the socket is up. */
    readonly connected: boolean;
    user: { nick: string; username: string; gecos: string; host: string; away: boolean };
    network: {
      name: string;
      options: Record<string, unknown>;
      cap: { enabled: string[]; isEnabled(name: string): boolean };
      supports(name: string): unknown;
      isChannelName(name: string): boolean;
    };
    connection: {
      connected: boolean;
      transport: { socket?: { setNoDelay(noDelay: boolean): void } } | null;
      end(data?: string, hadError?: boolean): void;
    };
    connect(options?: ClientOptions): void;
    requestCap(cap: string | string[]): void;
    use(middleware: (client: Client, rawEvents: { use(fn: RawMiddleware): void }, parsedEvents: unknown) => void): this;
    /** Send one protocol line as is (irc-framework appends CRLF). */
    raw(line: string): void;
    quit(message?: string): void;
    changeNick(nick: string): void;
    say(target: string, message: string): void;
    notice(target: string, message: string): void;
    action(target: string, message: string): string[];
    join(channel: string, key?: string): void;
    part(channel: string, message?: string): void;
    who(target: string, callback: (event: { target: string; users: WhoUser[] }) => void): void;
    whois(nick: string, callback: (event: { nick: string; away?: string; account?: string; error?: string }) => void): void;
    caseLower(text: string): string;
    caseCompare(a: string, b: string): boolean;
    on(event: string, listener: (...args: any[]) => void): this;
    once(event: string, listener: (...args: any[]) => void): this;
    off(event: string, listener: (...args: any[]) => void): this;
    removeAllListeners(event?: string): this;
  }
}
