import { loadOnFirstUse } from './load-on-first-use.ts';
import type * as Pino from 'pino';

/** Log levels accepted in config.ts. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** One level's method: a message, or an object of fields (`err` for an error) and a message. */
export interface LogFn {
  (fields: object, message?: string): void;
  (message: string): void;
}

/**
 * The structured logger Banter, its backends and plugins write to: the part of pino's API they use, so a pino
 * logger is one, and so is any logger shaped like it. Plugins get a child tagged with their name.
 */
export interface Logger {
  /** The lowest level written (`silent`: none). */
  readonly level: string;
  isLevelEnabled(level: string): boolean;
  /** A logger that adds `bindings` to every line it writes. */
  child(bindings: Record<string, unknown>): Logger;
  fatal: LogFn;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  trace: LogFn;
}

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  readonly level?: LogLevel;
  /** File descriptor or path to write JSON lines to; default standard error. */
  readonly destination?: number | string;
  readonly name?: string;
}

// pino (CommonJS) is loaded on the first createLogger call: a bot given a logger of its own, or the silent one,
// starts without parsing it.
const loadPino = loadOnFirstUse<typeof Pino>('pino');

/**
 * A pino logger writing JSON lines synchronously (so nothing is lost when the process exits), by default to
 * standard error, which keeps standard output for the console backend's conversation.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { pino } = loadPino();
  const destination = pino.destination({ dest: options.destination ?? 2, sync: true, mkdir: true });
  return pino({ level: options.level ?? 'info', name: options.name ?? 'banter' }, destination);
}

const ignore: LogFn = () => undefined;

/** Discards every line; its children are itself. */
const SILENT: Logger = {
  level: 'silent',
  isLevelEnabled: () => false,
  child: () => SILENT,
  fatal: ignore,
  error: ignore,
  warn: ignore,
  info: ignore,
  debug: ignore,
  trace: ignore,
};

/** A logger that discards everything, for tests and benchmarks that assert on replies, not logs. */
export function createSilentLogger(): Logger {
  return SILENT;
}
