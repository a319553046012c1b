import { createBot } from '../create-bot.ts';
import { loadConfig } from '../config/load-config.ts';
import { validateConfig } from '../config/validate-config.ts';
import { EXIT } from './exit-codes.ts';

/** Options shared by the commands that read config.ts. */
export interface ConfigArgs {
  readonly config: string;
  readonly backend?: string;
}

/** Load config.ts, applying `--backend`; `fresh` re-reads the file instead of the module cache. */
export async function loadWithOverrides(args: ConfigArgs, fresh = false) {
  const loaded = await loadConfig(args.config, fresh);
  const config = args.backend ? validateConfig({ ...loaded.config, backend: args.backend }, args.config) : loaded.config;
  return { config, path: loaded.path };
}

/**
 * `banter run`: start the bot and run until it is stopped (signal, `!shutdown`, or the console's input ends).
 * After `!restart` a new bot is built from a freshly read config.ts.
 */
export async function runBot(args: ConfigArgs): Promise<number> {
  // A plugin's stray promise must not take the bot down; it is reported like any other failure.
  process.on('unhandledRejection', (reason) => {
    process.stderr.write(`banter: a plugin left an unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}\n`);
  });
  for (let generation = 0; ; generation++) {
    const { config, path } = await loadWithOverrides(args, generation > 0);
    const bot = await createBot({ config, configPath: path });
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals++;
      if (signals > 1) process.exit(EXIT.failure); // a second Ctrl-C means "now"
      process.stderr.write(`banter: ${signal} received, stopping…\n`);
      void bot.stop();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    await bot.start();
    await bot.untilStopped();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!bot.restartRequested || signals > 0) return EXIT.ok;
    process.stderr.write('banter: restarting…\n');
  }
}
