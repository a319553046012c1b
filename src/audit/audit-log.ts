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
 *
 * The ring keeps each field in a column of its own rather than the records given to {@link record}: a record
 * then dies young instead of living through a thousand commands, which would make the garbage collector copy
 * it twice and promote it to the old generation on every command a busy bot runs.
 */
export class AuditLog {
  readonly #log: Logger;
  readonly #capacity: number;
  readonly #users: string[] = [];
  readonly #wheres: string[] = [];
  readonly #commands: string[] = [];
  readonly #plugins: string[] = [];
  readonly #args: string[] = [];
  readonly #secret: boolean[] = [];
  readonly #outcomes: AuditOutcome[] = [];
  readonly #errorIds: (string | undefined)[] = [];
  readonly #durations: Float64Array;
  readonly #times: Float64Array;
  /** Records kept (up to the capacity), and the slot the next one goes to. */
  #size = 0;
  #next = 0;
  /** Told of every record, for metrics; unset (one check per record) unless the web server's metrics are on. */
  #observer: ((record: AuditRecord) => void) | undefined = undefined;

  constructor(log: Logger, capacity = 1000) {
    this.#log = log;
    this.#capacity = capacity;
    this.#durations = new Float64Array(capacity);
    this.#times = new Float64Array(capacity);
  }

  record(record: AuditRecord): void {
    const at = Date.now();
    const slot = this.#next;
    this.#users[slot] = record.user;
    this.#wheres[slot] = record.where;
    this.#commands[slot] = record.command;
    this.#plugins[slot] = record.plugin;
    this.#args[slot] = record.args;
    this.#secret[slot] = record.secret;
    this.#outcomes[slot] = record.outcome;
    this.#errorIds[slot] = record.errorId;
    this.#durations[slot] = record.durationMs;
    this.#times[slot] = at;
    this.#next = slot + 1 === this.#capacity ? 0 : slot + 1;
    if (this.#size < this.#capacity) this.#size++;
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
    for (let i = 0; i < this.#size && entries.length < limit; i++) {
      const slot = (this.#next - 1 - i + this.#capacity * 2) % this.#capacity;
      if (user === undefined || this.#users[slot] === user) entries.push(toEntry(this.recordAt(slot), this.#times[slot]!));
    }
    return entries;
  }

  private recordAt(slot: number): AuditRecord {
    return {
      user: this.#users[slot]!,
      where: this.#wheres[slot]!,
      command: this.#commands[slot]!,
      plugin: this.#plugins[slot]!,
      args: this.#args[slot]!,
      secret: this.#secret[slot]!,
      outcome: this.#outcomes[slot]!,
      durationMs: this.#durations[slot]!,
      errorId: this.#errorIds[slot],
    };
  }
}

function toEntry(record: AuditRecord, at: number): AuditEntry {
  const { secret, ...rest } = record;
  return { ...rest, at: new Date(at), args: secret ? '[redacted]' : redactSecrets(record.args) };
}
