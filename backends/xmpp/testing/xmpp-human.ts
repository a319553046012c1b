import { client, xml, type Client, type XmlElement } from '@xmpp/client';
import { ChangeWaiter } from 'banter/testing';

/** Where a test human logs in: a local test server without TLS. */
export interface HumanLogin {
  readonly port: number;
  readonly domain: string;
  readonly username: string;
  readonly password: string;
  readonly resource?: string;
}

const MUC = 'http://jabber.org/protocol/muc';
const MUC_USER = 'http://jabber.org/protocol/muc#user';
const MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * A person at an XMPP client, for tests: a second @xmpp/client connection that says things and waits for
 * what comes back. Every incoming stanza is kept in order, so a wait registered after the answer arrived
 * still finds it; every wait is bounded. It does not reconnect by itself: after a server restart, log in anew.
 */
export class XmppHuman {
  readonly jid: string;
  readonly #client: Client;
  readonly #inbox: XmlElement[] = [];
  readonly #waiter = new ChangeWaiter();

  private constructor(xmpp: Client, jid: string) {
    this.#client = xmpp;
    this.jid = jid;
    xmpp.on('stanza', (stanza: XmlElement) => {
      this.#inbox.push(stanza);
      this.#waiter.changed();
    });
  }

  /** Log in and send initial presence. */
  static async login(login: HumanLogin): Promise<XmppHuman> {
    const xmpp = client({
      service: `xmpp://127.0.0.1:${login.port}`,
      domain: login.domain,
      username: login.username,
      password: login.password,
      resource: login.resource ?? 'phone',
    });
    xmpp.reconnect.stop();
    xmpp.on('error', () => undefined); // a test server going away is part of some tests
    await xmpp.start();
    await xmpp.send(xml('presence'));
    return new XmppHuman(xmpp, `${login.username}@${login.domain}`);
  }

  /** Where the inbox ends now: pass it to {@link waitFor} to see only what arrives after this point. */
  mark(): number {
    return this.#inbox.length;
  }

  /** Send any stanza. */
  send(stanza: XmlElement): Promise<void> {
    return this.#client.send(stanza);
  }

  /** Say `text` to a person (`chat`) or in a room (`groupchat`). */
  say(to: string, text: string, type: 'chat' | 'groupchat' = 'chat'): Promise<void> {
    return this.send(xml('message', { to, type }, xml('body', {}, text)));
  }

  /** Join a room as `nick`, with `history` stanzas of backlog; creates it (accepting the defaults) when new. */
  async join(room: string, nick: string, options: { history?: number; password?: string } = {}): Promise<XmlElement> {
    const from = this.mark();
    await this.send(
      xml(
        'presence',
        { to: `${room}/${nick}` },
        xml('x', { xmlns: MUC }, xml('history', { maxstanzas: options.history ?? 0 }), options.password ? xml('password', {}, options.password) : undefined),
      ),
    );
    const self = await this.waitFor((s) => s.is('presence') && s.attrs.from === `${room}/${nick}`, { from });
    if (self.attrs.type === 'error') throw new Error(`${this.jid} could not join ${room}: ${self.toString()}`);
    const codes = self.getChild('x', MUC_USER)?.getChildren('status').map((s) => s.attrs.code) ?? [];
    if (codes.includes('201')) await this.configureRoom(room, {});
    return self;
  }

  /**
   * Round trip to the server (an XEP-0199 ping). The server handles a session's stanzas in order, so once it
   * answers, everything sent before has been handled: stored for an offline recipient, say.
   */
  async sync(): Promise<void> {
    const from = this.mark();
    const id = `sync-${from}-${Date.now()}`;
    await this.send(xml('iq', { type: 'get', id }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    await this.waitFor((s) => s.is('iq') && s.attrs.id === id, { from });
  }

  /** Submit the room's configuration form (XEP-0045 §10.1) with these fields, e.g. `muc#roomconfig_whois`. */
  async configureRoom(room: string, fields: Readonly<Record<string, string>>): Promise<void> {
    const form = xml(
      'x',
      { xmlns: 'jabber:x:data', type: 'submit' },
      Object.keys(fields).length > 0 ? xml('field', { var: 'FORM_TYPE' }, xml('value', {}, 'http://jabber.org/protocol/muc#roomconfig')) : undefined,
      Object.entries(fields).map(([name, value]) => xml('field', { var: name }, xml('value', {}, value))),
    );
    const from = this.mark();
    const id = `config-${from}-${Date.now()}`;
    await this.send(xml('iq', { type: 'set', to: room, id }, xml('query', { xmlns: MUC_OWNER }, form)));
    const answer = await this.waitFor((s) => s.is('iq') && s.attrs.id === id, { from });
    if (answer.attrs.type !== 'result') throw new Error(`configuring ${room} failed: ${answer.toString()}`);
  }

  /** Set the human's presence (`away`, `dnd`…), broadcast or to one room occupant JID. */
  setPresence(show: string | undefined, to?: string): Promise<void> {
    return this.send(xml('presence', { to }, show ? xml('show', {}, show) : undefined));
  }

  /** The first stanza from index `from` on (default: everything kept) that matches, waiting for it if needed. */
  waitFor(match: (stanza: XmlElement) => boolean, options: { from?: number; timeoutMs?: number } = {}): Promise<XmlElement> {
    return this.collect(match, 1, options).then((found) => {
      if (found.length === 0) throw new Error(`${this.jid} waited ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms in vain`);
      return found[0]!;
    });
  }

  /** Up to `count` matching stanzas from index `from` on; fewer if the timeout comes first. */
  collect(match: (stanza: XmlElement) => boolean, count: number, options: { from?: number; timeoutMs?: number } = {}): Promise<XmlElement[]> {
    const start = options.from ?? 0;
    const scan = () => this.#inbox.slice(start).filter(match).slice(0, count);
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const enough = () => {
      const found = scan();
      return found.length < count ? undefined : found;
    };
    // When time runs out, what was found so far: fewer than `count`, by this method's contract.
    return this.#waiter.until(enough, timeoutMs, () => new Error(`collected fewer than ${count}`)).catch(() => scan());
  }

  /** Log out (tolerates a connection the server already dropped). */
  async logout(): Promise<void> {
    await this.#client.stop().catch(() => undefined);
  }
}

/** The body of a message stanza, or undefined. */
export function bodyOf(stanza: XmlElement): string | undefined {
  return stanza.is('message') ? (stanza.getChildText('body') ?? undefined) : undefined;
}
