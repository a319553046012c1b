import { createBot, createSilentLogger, validateConfig, type BackendContext, type PluginClass } from 'banter';
import type { ChatDriver } from 'banter/testing';
import { MychatBackend } from '../src/mychat-backend.ts';
import { MychatService } from '../src/mychat-service.ts';
import { mychatOptions } from '../src/options.ts';

/** A person, a room and an occupant, written in mychat's notation (what buildIdentifier parses). */
export const IDENTIFIERS = { person: '@alice', room: '#general', occupant: '#general/alice' } as const;

/** An unconnected backend on its own in-memory mychat service. */
export function createBackend(service = new MychatService()): MychatBackend {
  const config = validateConfig({ backend: 'banter-backend-mychat', storage: { url: 'memory://' } });
  const context: BackendContext = { botName: 'banter', log: createSilentLogger(), config, baseDir: process.cwd() };
  return new MychatBackend(mychatOptions.parse({}), context, service);
}

/** A connected backend, for the conformance suite (which disconnects it). */
export async function connectBackend(): Promise<MychatBackend> {
  const backend = createBackend();
  await backend.connect();
  return backend;
}

/**
 * A bot on the backend with `plugins`, and a driver that plays alice on the same service: she posts, and the
 * bot's posts that follow are its replies (a post resolves once the bot has handled it).
 */
export async function startChat(plugins: readonly PluginClass[]): Promise<{ readonly driver: ChatDriver; stop(): Promise<void> }> {
  const service = new MychatService();
  const bot = await createBot({
    config: { backend: 'banter-backend-mychat', storage: { url: 'memory://' }, plugins: { builtins: false } },
    backend: createBackend(service),
    plugins,
    logger: createSilentLogger(),
  });
  await bot.start();
  const driver: ChatDriver = {
    room: IDENTIFIERS.room,
    say: async (text, options) => {
      const before = service.log.length;
      if (options?.room) {
        service.join(options.room, 'alice');
        service.join(options.room, 'banter');
      }
      await service.post('alice', options?.room ? { room: options.room } : { to: 'banter' }, text);
      return service.log.slice(before).filter((post) => post.from === 'banter').map((post) => post.text);
    },
  };
  return { driver, stop: () => bot.stop() };
}
