import { defineBackend } from 'banter';
import { xmppBackendOptions } from './config.ts';
import { XmppBackend } from './xmpp-backend.ts';

export { XmppBackend, type XmppBackendContext } from './xmpp-backend.ts';
export { XmppPerson, XmppRoom, XmppRoomOccupant, anonymousAclattr } from './identifiers.ts';
export { xmppBackendOptions, type XmppBackendOptions, type XmppBackendOptionsInput } from './config.ts';

/** XMPP (Jabber): `backend: 'xmpp'` in config.ts, with `backends.xmpp` validated by {@link xmppBackendOptions}. */
export default defineBackend({
  name: 'xmpp',
  description: 'XMPP (Jabber): direct messages and multi-user chat rooms, over STARTTLS or direct TLS',
  options: xmppBackendOptions,
  create: (options, context) => new XmppBackend(options, { botName: context.botName, log: context.log }),
});
