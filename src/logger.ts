import { pino, type Logger as PinoLogger, type LevelWithSilent } from 'pino';

/** Structured logger (pino). Plugins get a child logger tagged with their name. */
export type Logger = PinoLogger;

/** Log levels accepted in config.ts. */
export type LogLevel = LevelWithSilent;

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  readonly level?: LogLevel;
  /** File descriptor or path to write JSON lines to; default standard error. */
  readonly destination?: number | string;
  readonly name?: string;
}

/**
 * A pino logger writing JSON lines synchronously (so nothing is lost when the process exits), by default to
 * standard error, which keeps standard output for the console backend's conversation.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = pino.destination({ dest: options.destination ?? 2, sync: true, mkdir: true });
  return pino({ level: options.level ?? 'info', name: options.name ?? 'banter' }, destination);
}

/** A logger that discards everything, for tests and benchmarks that assert on replies, not logs. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
