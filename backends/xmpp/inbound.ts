import { xml, type XmlElement } from '@xmpp/client';
import { Message, type Logger } from 'banter';
import { bareOf, parseAddress, type Address } from './address.ts';
import { XmppPerson, type XmppRoom } from './identifiers.ts';
import { MucInbound, type MucEvents } from './muc-inbound.ts';
import { isSubject, type MucService } from './muc.ts';
import { delayOf, mentionedNicks, statusOf } from './stanzas.ts';

/** What routing incoming stanzas needs from the backend. */
export interface InboundContext extends MucEvents {
  readonly muc: MucService;
  /** Whether a bare JID is a room (a room the bot knows, or on a MUC service). */
  isRoom(bare: string): boolean;
  handle(name: string): XmppRoom;
  /** The bot as a person (its bound address). */
  bot(): XmppPerson;
  /** Answer subscription requests with a subscription both ways. */
  readonly acceptSubscriptions: boolean;
  write(stanza: XmlElement): Promise<void>;
  receive(message: Message): Promise<void>;
  readonly log: Logger;
}

/**
 * Turns incoming message and presence stanzas into Banter messages and events. Direct messages come from a
 * person (or, through a room, from an occupant); room messages from an occupant, except the bot's own echo,
 * which is dropped here. Replayed messages (XEP-0203 delay: room history, offline storage) are delivered
 * marked `delayed`, which the core never runs commands for. Body-less messages (chat states, receipts) are not
 * messages to answer.
 */
export class Inbound {
  readonly #ctx: InboundContext;
  readonly #rooms: MucInbound;

  constructor(context: InboundContext) {
    this.#ctx = context;
    this.#rooms = new MucInbound(context.muc, context.handle, context, context.log);
  }

  stanza(stanza: XmlElement): void {
    const from = parseAddress(stanza.attrs.from ?? '');
    if (!from) return;
    if (stanza.is('message')) this.#message(stanza, from);
    else if (stanza.is('presence')) this.#presence(stanza, from);
  }

  #message(stanza: XmlElement, from: Address): void {
    const type = stanza.attrs.type ?? 'normal';
    if (type === 'error') return;
    const bare = bareOf(from);
    const fromRoom = this.#ctx.isRoom(bare);
    if (fromRoom && isSubject(stanza)) return this.#rooms.subject(stanza, from);
    const body = stanza.getChildText('body');
    if (body === null) return;
    const stamp = delayOf(stanza);
    const common = { body, id: stanza.attrs.id, delayed: stamp !== undefined, extras: { type, ...(stamp ? { delayedAt: stamp } : {}) } };
    if (fromRoom) {
      const nick = from.resource;
      if (!nick) return; // the room's own notices
      const { muc } = this.#ctx;
      if (type === 'groupchat') {
        if (muc.isSelf(bare, nick)) return; // the room echoes what the bot says
        const room = this.#ctx.handle(bare);
        const nicks = muc.rooms.get(bare)?.occupants.keys() ?? [];
        const mentions = mentionedNicks(body, nicks).map((mentioned) => muc.occupant(bare, mentioned));
        this.#deliver(new Message({ ...common, frm: muc.occupant(bare, nick), to: room, mentions }));
      } else {
        // A private message through the room (XEP-0045 §7.5): a direct message from the occupant.
        this.#deliver(new Message({ ...common, frm: muc.occupant(bare, nick), to: this.#ctx.bot() }));
      }
      return;
    }
    // Not conversation: room traffic from a room the bot does not know, notifications (headline), the server or a
    // component (no local part), and the bot's own other resources.
    if (type === 'groupchat' || type === 'headline' || !from.local || bare === this.#ctx.bot().id) return;
    this.#deliver(new Message({ ...common, frm: new XmppPerson(from), to: this.#ctx.bot() }));
  }

  #presence(stanza: XmlElement, from: Address): void {
    const bare = bareOf(from);
    if (this.#ctx.isRoom(bare)) return this.#rooms.presence(stanza, from);
    const type = stanza.attrs.type;
    if (type === 'subscribe') return this.#subscribe(bare);
    if (type !== undefined && type !== 'unavailable') return; // errors, probes, subscription answers
    if (bare === this.#ctx.bot().id) return; // the bot's own presence, reflected to its resources
    const message = stanza.getChildText('status') ?? undefined;
    this.#ctx.presence({ who: new XmppPerson(from), status: statusOf(stanza), message }).catch((error: unknown) => this.#failed(error));
  }

  /** Someone adds the bot: approve, and ask for their presence in return, so presence events flow both ways. */
  #subscribe(bare: string): void {
    if (!this.#ctx.acceptSubscriptions) return;
    const answer = async () => {
      await this.#ctx.write(xml('presence', { to: bare, type: 'subscribed' }));
      await this.#ctx.write(xml('presence', { to: bare, type: 'subscribe' }));
    };
    answer().catch((error: unknown) => this.#ctx.log.warn({ err: error, from: bare }, 'could not answer an XMPP subscription request'));
  }

  #deliver(message: Message): void {
    this.#ctx.receive(message).catch((error: unknown) => this.#failed(error));
  }

  #failed(error: unknown): void {
    this.#ctx.log.error({ err: error }, 'the bot failed to handle an XMPP event');
  }
}
