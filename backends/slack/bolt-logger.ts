import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'banter';

/**
 * Bolt's, the Socket Mode client's and the WebClient's logging, sent to the bot's pino logger (tagged
 * `component: "bolt"`), so there is one log and its level applies to the SDK too.
 */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...parts: unknown[]) => {
    const error = parts.find((p): p is Error => p instanceof Error);
    const text = parts.filter((p) => !(p instanceof Error)).map((p) => (typeof p === 'string' ? p : safeJson(p))).join(' ');
    if (error) child[level]({ err: error }, text || error.message);
    else child[level](text);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // The level is the bot's (config.ts `log.level`); Bolt asks for it to decide how much to format.
    setLevel: () => undefined,
    getLevel: () => {
      const level = child.level;
      if (level === 'trace' || level === 'debug') return LogLevel.DEBUG;
      if (level === 'info') return LogLevel.INFO;
      if (level === 'warn') return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => undefined,
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
