import type { Logger } from '../logger.ts';
import { redactSecrets } from './redact.ts';

/** How a command run ended. */
export type AuditOutcome = 'ok' | 'failed' | 'timeout' | 'refused' | 'blocked' | 'invalid arguments';

/** One command execution, as the audit log keeps it. */
export interface AuditEntry {
  readonly at: Date;
  /** The sender's aclattr. */
  readonly user: string;
  /** The room's name, or `direct`. */
  readonly where: string;
  readonly command: string;
  readonly plugin: string;
  /** Argument text with secrets redacted (`[redacted]` for commands declared `secret`). */
  readonly args: string;
  readonly outcome: AuditOutcome;
  readonly durationMs: number;
  /** The error id given in chat, for failures. */
  readonly errorId?: string;
}

/** What {@link AuditLog.record} is given; the log redacts and stamps it. */
export interface AuditRecord {
  readonly user: string;
  readonly where: string;
  readonly command: string;
  readonly plugin: string;
  readonly args: string;
  readonly secret: boolean;
  readonly outcome: AuditOutcome;
  readonly durationMs: number;
  readonly errorId?: string;
}

/**
 * Every command execution: written to the log (`audit` records at info level) and kept in a bounded ring for
 * `!audit`. Arguments are redacted before they are logged or shown. The ring lives in the process; the log is
 * the durable record.
 */
export class AuditLog {
  readonly #log: Logger;
  readonly #capacity: number;
  readonly #ring: AuditRecord[] = [];
  readonly #times: number[] = [];
  #next = 0;
  /** Told of every record, for metrics; unset (one check per record) unless the web server's metrics are on. */
  #observer: ((record: AuditRecord) => void) | undefined = undefined;

  constructor(log: Logger, capacity = 1000) {
    this.#log = log;
    this.#capacity = capacity;
  }

  record(record: AuditRecord): void {
    const at = Date.now();
    if (this.#ring.length < this.#capacity) {
      this.#ring.push(record);
      this.#times.push(at);
    } else {
      this.#ring[this.#next] = record;
      this.#times[this.#next] = at;
      this.#next = (this.#next + 1) % this.#capacity;
    }
    // Redaction costs a regex pass, so it is done only when the line is really written.
    if (this.#log.isLevelEnabled('info')) this.#log.info({ audit: toEntry(record, at) }, 'command audit');
    this.#observer?.(record);
  }

  /** Be told of every record (`undefined` stops it); one listener at a time. */
  observe(listener: ((record: AuditRecord) => void) | undefined): void {
    this.#observer = listener;
  }

  /** The most recent entries, newest first, optionally only one user's. */
  recent(limit = 20, user?: string): AuditEntry[] {
    const entries: AuditEntry[] = [];
    for (let i = 0; i < this.#ring.length && entries.length < limit; i++) {
      const index = (this.#next - 1 - i + this.#ring.length * 2) % this.#ring.length;
      const record = this.#ring[index]!;
      if (user === undefined || record.user === user) entries.push(toEntry(record, this.#times[index]!));
    }
    return entries;
  }
}

function toEntry(record: AuditRecord, at: number): AuditEntry {
  const { secret, ...rest } = record;
  return { ...rest, at: new Date(at), args: secret ? '[redacted]' : redactSecrets(record.args) };
}
