import { defineBackend } from 'banter';
import { IrcBackend } from './irc-backend.ts';
import { ircBackendOptions } from './options.ts';

export { IrcBackend, type IrcSentMessage } from './irc-backend.ts';
export { IrcPerson, IrcRoom, IrcRoomOccupant, type IrcUserInfo } from './identifiers.ts';
export { ircBackendOptions, type IrcBackendOptions, type IrcBackendOptionsInput } from './options.ts';
export { splitIrcText, textBudget } from './irc-lines.ts';
export { renderMarkdown, stripFormatting } from './irc-text.ts';

/** The IRC backend: `backend: 'irc'` in config.ts, options under `backends.irc` (docs/backends/irc.md). */
export default defineBackend({
  name: 'irc',
  description: 'IRC (irc-framework): channels and private messages, TLS, SASL, flood control, reconnects',
  options: ircBackendOptions,
  create: (options, context) => new IrcBackend(options, context.log),
});
