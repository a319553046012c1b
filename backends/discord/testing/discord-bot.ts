import { createBot, createSilentLogger, type BanterConfigInput, type Bot, type Logger, type PluginClass } from 'banter';
import { DiscordBackend } from '../discord-backend.ts';
import { discordBackendOptions, type DiscordBackendOptions, type DiscordBackendOptionsInput } from '../options.ts';

/** Where a test Discord listens: its REST base URL and the bot token it accepts. */
export interface DiscordTestServer {
  readonly apiUrl: string;
  readonly token: string;
}

/**
 * Options for a bot on a test Discord: its REST URL and token, short REST timeouts, and a reconnect backoff
 * short enough for outage tests (the production default starts at 1 s plus up to 3 s of jitter).
 */
export function testBackendOptions(server: DiscordTestServer, overrides: Partial<DiscordBackendOptionsInput> = {}): DiscordBackendOptions {
  return discordBackendOptions.parse({
    token: server.token,
    apiUrl: server.apiUrl,
    timeoutMs: 5_000,
    reconnect: { initialMs: 50, factor: 2, maxMs: 400, jitterMs: 20 },
    ...overrides,
  });
}

/** A started bot on the Discord backend with `plugins`, memory storage and no built-in plugins. */
export async function startDiscordBot(
  server: DiscordTestServer,
  plugins: readonly PluginClass[],
  options: { backend?: Partial<DiscordBackendOptionsInput>; config?: Partial<BanterConfigInput>; logger?: Logger } = {},
): Promise<{ bot: Bot; backend: DiscordBackend }> {
  const logger = options.logger ?? createSilentLogger();
  const config: BanterConfigInput = { name: 'banter', backend: 'discord', storage: { url: 'memory://' }, plugins: { builtins: false }, ...options.config };
  const backend = new DiscordBackend(testBackendOptions(server, options.backend), { botName: 'banter', prefix: config.prefix ?? '!', log: logger });
  const bot = await createBot({ config, backend, logger, plugins });
  await bot.start();
  return { bot, backend };
}
