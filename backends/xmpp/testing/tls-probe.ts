import { NULL_SINK } from 'banter/testing';
// Run as a child process by the TLS test: NODE_EXTRA_CA_CERTS is read once, when Node starts, so trusting a
// private CA the documented way needs a fresh process. Connects to 127.0.0.1:<port> in tls.mode <mode>
// ("starttls" or "direct") and prints one JSON line: whether the stream was encrypted, or why it failed.
import { xmppBackendOptions } from '../config.ts';
import { XmppBackend } from '../xmpp-backend.ts';

const [port, password, mode] = process.argv.slice(2) as [string, string, 'starttls' | 'direct'];
const backend = new XmppBackend(
  xmppBackendOptions.parse({ jid: 'bot@localhost', password, server: '127.0.0.1', port: Number(port), tls: { mode }, timeoutMs: 5_000 }),
  { botName: 'banter' },
);
backend.attach(NULL_SINK);
try {
  await backend.connect();
  console.log(JSON.stringify({ secure: backend.secure, jid: backend.botIdentifier.jid }));
} catch (error) {
  console.log(JSON.stringify({ error: (error as Error).message }));
} finally {
  await backend.disconnect();
}
