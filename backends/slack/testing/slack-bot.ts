import { createBot, createLogger, createSilentLogger, type BanterConfigInput, type Bot, type Logger, type PluginClass } from 'banter';
import { slackBackendOptions, type SlackBackendOptions, type SlackBackendOptionsInput } from '../options.ts';
import { SlackBackend } from '../slack-backend.ts';

/** Where a test Slack (a fake speaking the real wire formats) is, and the credentials it accepts. */
export interface SlackTestWorkspace {
  /** The Web API root, e.g. `http://127.0.0.1:PORT/api/`. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly signingSecret: string;
}

/**
 * Backend options for a test workspace: no network retries (a refusal fails at once instead of stalling for
 * minutes), fast reconnects, and pacing loose enough that a burst of replies does not slow a test down (the
 * pacing itself is unit-tested with a manual clock). `overrides` win.
 */
export function testSlackOptions(workspace: SlackTestWorkspace, overrides: Partial<SlackBackendOptionsInput> = {}): SlackBackendOptions {
  return slackBackendOptions.parse({
    botToken: workspace.botToken,
    appToken: workspace.appToken,
    signingSecret: workspace.signingSecret,
    apiUrl: workspace.apiUrl,
    retries: 0,
    reconnect: { initialMs: 50, factor: 1.5, maxMs: 500, jitterMs: 50 },
    pacing: { messagesPerSecond: 1000, burst: 1000 },
    ...(overrides.transport === 'http' ? { http: { port: 0, host: '127.0.0.1' } } : {}),
    ...overrides,
  });
}

/** A test logger: silent, or at the level in `SLACK_TEST_LOG` (e.g. `debug`) on standard error. */
export function slackTestLogger(): Logger {
  const level = process.env.SLACK_TEST_LOG;
  return level ? createLogger({ level: level as 'debug' }) : createSilentLogger();
}

/** A started bot on the Slack backend with `plugins`, memory storage and no built-in plugins. */
export async function startSlackBot(
  workspace: SlackTestWorkspace,
  plugins: readonly PluginClass[],
  options: { slack?: Partial<SlackBackendOptionsInput>; config?: BanterConfigInput; logger?: Logger } = {},
): Promise<{ bot: Bot; backend: SlackBackend }> {
  const logger = options.logger ?? slackTestLogger();
  const config: BanterConfigInput = { name: 'banter', backend: 'slack', storage: { url: 'memory://' }, plugins: { builtins: false }, log: { level: 'silent' }, ...options.config };
  const backend = new SlackBackend(testSlackOptions(workspace, options.slack), { botName: config.name ?? 'banter', log: logger, prefix: config.prefix ?? '!' });
  const bot = await createBot({ config, backend, logger, plugins });
  await bot.start();
  return { bot, backend };
}
