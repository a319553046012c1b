// Imported rather than read from globalThis, whose `performance` is a getter: this runs twice per command.
import { performance } from 'node:perf_hooks';
import type { Logger } from '../logger.ts';
import type { Message } from '../message.ts';
import type { ReplyOptions } from '../backend.ts';
import type { Authorizer } from '../authorization/authorizer.ts';
import type { CommandInvocation, CommandFilterVerdict } from '../decorators/handler-types.ts';
import { BanterError } from '../errors/banter-error.ts';
import { UserError } from '../errors/user-error.ts';
import { newErrorId } from '../errors/error-id.ts';
import { NotSupportedError } from '../errors/not-supported-error.ts';
import { CommandTimeoutError } from '../errors/command-timeout-error.ts';
import type { CommandEntry } from './command-entry.ts';
import type { CommandTable } from './command-table.ts';
import { Outbox } from './outbox.ts';
import { parseCommandArgs } from './parse-command-args.ts';
import { isThenable, withTimeout } from './with-timeout.ts';
import { didYouMean } from './did-you-mean.ts';
import { formatDuration } from '../format-duration.ts';
import type { AuditLog, AuditOutcome } from '../audit/audit-log.ts';
import type { Confirmations } from './confirmations.ts';

/** A command filter registered by an active plugin. */
export interface RegisteredFilter {
  readonly plugin: string;
  readonly filter: (invocation: CommandInvocation) => CommandFilterVerdict | Promise<CommandFilterVerdict>;
}

/** Settings of the executor, from config. */
export interface ExecutorOptions {
  readonly prefix: string;
  readonly commandTimeoutMs: number;
  readonly suppressUnknownCommand: boolean;
}

/** Counters for `status` and metrics. */
export interface ExecutorStats {
  run: number;
  failed: number;
  denied: number;
}

/**
 * Runs a routed command through the pipeline: authorization (core), command filters, argument parsing,
 * the handler under a timeout, and the replies. Applies the error policy: a UserError (or a backend's
 * NotSupportedError) is replied with its message; anything else gets a short reply with an error id and its
 * details go to the log, never to chat.
 */
export class CommandExecutor {
  readonly #outbox: Outbox;
  readonly #authorizer: Authorizer;
  readonly #table: CommandTable;
  readonly #log: Logger;
  readonly #options: ExecutorOptions;
  #filters: RegisteredFilter[] = [];
  readonly stats: ExecutorStats = { run: 0, failed: 0, denied: 0 };

  readonly #audit: AuditLog;

  readonly #confirmations: Confirmations;

  constructor(
    outbox: Outbox,
    authorizer: Authorizer,
    table: CommandTable,
    audit: AuditLog,
    confirmations: Confirmations,
    log: Logger,
    options: ExecutorOptions,
  ) {
    this.#confirmations = confirmations;
    this.#audit = audit;
    this.#outbox = outbox;
    this.#authorizer = authorizer;
    this.#table = table;
    this.#log = log;
    this.#options = options;
  }

  /** Replace the active command filters (in plugin activation order). */
  setFilters(filters: RegisteredFilter[]): void {
    this.#filters = filters;
  }

  /**
   * Run a plain or argument command found by name. The common case (a plain command, authorized, no filters,
   * a handler that answers with a string at once) stays synchronous up to the backend's send: no async frames
   * are kept per message, which is what keeps dispatch close to a function call.
   */
  runCommand(message: Message, entry: CommandEntry, args: string): Promise<void> {
    const spec = entry.spec;
    if (spec.kind !== 'plain' || spec.confirm || this.#filters.length > 0 || this.#authorizer.deny(message, entry, args) !== undefined) {
      return this.runPipeline(message, entry, args);
    }
    return this.invoke(message, entry, args, args, replyOptions(entry));
  }

  /** The full pipeline: authorization answer, filters, argument parsing, then the handler. */
  private async runPipeline(message: Message, entry: CommandEntry, args: string): Promise<void> {
    const spec = entry.spec;
    const denial = this.#authorizer.deny(message, entry, args);
    if (denial !== undefined) {
      await this.refuse(message, entry, args, denial);
      return;
    }
    let finalArgs = args;
    if (this.#filters.length > 0) {
      const filtered = await this.applyFilters(message, entry, args);
      if (filtered === undefined) return;
      finalArgs = filtered;
    }
    const options = replyOptions(entry);
    if (spec.confirm) {
      // Replies then answer the yes or no: that is the message the person is looking at.
      this.#confirmations.ask(
        message,
        (answer) => this.runConfirmed(message, entry, finalArgs, options, answer),
        (answer) => this.safeReply(answer, `Cancelled: ${this.#options.prefix}${spec.name} did not run.`, options),
      );
      const shown = finalArgs ? ` ${spec.secret ? '[redacted]' : finalArgs}` : '';
      const seconds = Math.round(this.#confirmations.timeoutMs / 1000);
      await this.safeReply(message, `This will run ${this.#options.prefix}${spec.name}${shown}. Answer yes to go ahead or no to cancel (within ${seconds} s).`, options);
      return;
    }
    await this.runConfirmed(message, entry, finalArgs, options);
  }

  /** The last steps of the pipeline, after a confirmation where one is needed: parse arguments, run. */
  private async runConfirmed(
    message: Message,
    entry: CommandEntry,
    finalArgs: string,
    options: ReplyOptions | undefined,
    replyTo: Message = message,
  ): Promise<void> {
    const spec = entry.spec;
    if (spec.kind === 'args') {
      const parsed = await parseCommandArgs(spec, this.#options.prefix + spec.name, finalArgs);
      if (!parsed.ok) {
        this.audit(message, entry, finalArgs, 'invalid arguments', 0);
        await this.safeReply(replyTo, parsed.reply, options);
        return;
      }
      await this.invoke(message, entry, parsed.args, finalArgs, options, replyTo);
      return;
    }
    await this.invoke(message, entry, finalArgs, finalArgs, options, replyTo);
  }

  /** Run every regex command that matched. */
  async runRegex(message: Message, hits: ReadonlyArray<{ readonly entry: CommandEntry; readonly match: unknown }>): Promise<void> {
    await Promise.all(
      hits.map(async ({ entry, match }) => {
        const denial = this.#authorizer.deny(message, entry, message.body);
        if (denial !== undefined) {
          await this.refuse(message, entry, message.body, denial);
          return;
        }
        let finalMatch = match;
        if (this.#filters.length > 0) {
          const text = await this.applyFilters(message, entry, message.body);
          if (text === undefined) return;
          // A filter that rewrote the text decides the match too; no match means nothing to run.
          if (text !== message.body) finalMatch = rematch(entry, text);
          if (finalMatch === undefined) return;
        }
        await this.invoke(message, entry, finalMatch, message.body, replyOptions(entry));
      }),
    );
  }

  /** Answer a message that looked like a command but named none. */
  async unknown(message: Message, typed: string): Promise<void> {
    if (this.#options.suppressUnknownCommand) return;
    const shown = typed.length > 40 ? `${typed.slice(0, 40)}…` : typed;
    const suggestions = didYouMean(typed, this.#table.names());
    const hint = suggestions.length
      ? ` Did you mean ${suggestions.map((s) => `"${this.#options.prefix}${s}"`).join(' or ')}?`
      : ` Try "${this.#options.prefix}help".`;
    await this.safeReply(message, `Command "${shown}" not found.${hint}`, undefined);
  }

  /**
   * Whether `message`'s sender could run `command` now: authorization and every filter, the filters told it
   * is a dry run. `help` uses it to leave out what the asker may not run.
   */
  async canRun(message: Message, entry: CommandEntry): Promise<boolean> {
    if (this.#authorizer.deny(message, entry, '') !== undefined) return false;
    for (const { filter } of this.#filters) {
      try {
        const verdict = await filter({ message, command: entry.spec.name, plugin: entry.plugin, args: '', dryRun: true });
        if (verdict === null || verdict === false || (verdict && ('deny' in verdict || 'ignore' in verdict))) return false;
      } catch {
        return false;
      }
    }
    return true;
  }

  /** Answer an authorization refusal (unless configured silent) and log it. */
  private async refuse(message: Message, entry: CommandEntry, args: string, denial: string): Promise<void> {
    this.stats.denied++;
    this.audit(message, entry, args, 'refused', 0);
    this.#log.info({ command: entry.spec.name, plugin: entry.plugin, user: message.frm.aclattr, reason: denial }, 'command refused');
    if (!this.#authorizer.silent) await this.safeReply(message, denial, undefined);
  }

  /** Run the filters; the argument text to run with, or undefined when a filter blocked the command. */
  private async applyFilters(message: Message, entry: CommandEntry, args: string): Promise<string | undefined> {
    let current = args;
    for (const { plugin, filter } of this.#filters) {
      const invocation: CommandInvocation = { message, command: entry.spec.name, plugin: entry.plugin, args: current, dryRun: false };
      let verdict: CommandFilterVerdict;
      try {
        verdict = await filter(invocation);
      } catch (err) {
        if (err instanceof UserError) await this.safeReply(message, err.message, undefined);
        else this.#log.error({ err, filter: plugin, command: entry.spec.name }, 'command filter failed; command blocked');
        return undefined;
      }
      if (verdict === undefined) continue;
      if (verdict === null || verdict === false || 'deny' in verdict || 'ignore' in verdict) {
        this.stats.denied++;
        this.audit(message, entry, args, 'blocked', 0);
        this.#log.info({ filter: plugin, command: entry.spec.name, user: message.frm.aclattr }, 'command blocked by filter');
        if (verdict && 'ignore' in verdict) return undefined;
        const text = verdict && 'deny' in verdict ? verdict.deny : `${this.#options.prefix}${entry.spec.name} was blocked by the ${plugin} plugin.`;
        await this.safeReply(message, text, undefined);
        return undefined;
      }
      current = verdict.args;
    }
    return current;
  }

  /**
   * Call the handler. A string answer goes straight to the outbox without an async frame; anything else
   * (a promise, a card, an iterable) goes through {@link settle}.
   */
  private invoke(
    message: Message,
    entry: CommandEntry,
    arg: unknown,
    text: string,
    options: ReplyOptions | undefined,
    replyTo: Message = message,
  ): Promise<void> {
    this.stats.run++;
    const started = performance.now();
    let result: unknown;
    try {
      result = (entry.handler as (m: Message, a: unknown) => unknown)(message, arg);
    } catch (err) {
      this.stats.failed++;
      return this.fail(message, entry, err, options, text, started, replyTo);
    }
    if (typeof result !== 'string') return this.settle(message, entry, result, options, text, started, replyTo);
    this.audit(message, entry, text, 'ok', performance.now() - started);
    if (result.length === 0) return DONE;
    return this.#outbox.reply(replyTo, result, options).then(NOTHING, (err: unknown) => {
      this.#log.error({ err, command: entry.spec.name, to: String(message.frm) }, 'could not deliver a reply');
    });
  }

  /** Wait for a handler's result (under the timeout) and send what it produced; failures get the policy. */
  private async settle(
    message: Message,
    entry: CommandEntry,
    produced: unknown,
    options: ReplyOptions | undefined,
    text: string,
    started: number,
    replyTo: Message,
  ): Promise<void> {
    const timeoutMs = entry.spec.timeoutMs ?? this.#options.commandTimeoutMs;
    try {
      let result = produced;
      if (isThenable(result)) result = await withTimeout(result, timeoutMs, () => new CommandTimeoutError(entry.spec.name, timeoutMs));
      await this.deliver(replyTo, entry, result, options, timeoutMs);
      this.audit(message, entry, text, 'ok', performance.now() - started);
    } catch (err) {
      this.stats.failed++;
      await this.fail(message, entry, err, options, text, started, replyTo);
    }
  }

  private async deliver(message: Message, entry: CommandEntry, result: unknown, options: ReplyOptions | undefined, timeoutMs: number): Promise<void> {
    if (result === undefined || result === null) return;
    if (Outbox.isReply(result)) {
      await this.#outbox.reply(message, result, options);
      return;
    }
    if (typeof result === 'object' && Symbol.asyncIterator in result) {
      const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      for (;;) {
        const step = await withTimeout(iterator.next(), timeoutMs, () => new CommandTimeoutError(entry.spec.name, timeoutMs));
        if (step.done) return;
        if (Outbox.isReply(step.value)) await this.#outbox.reply(message, step.value, options);
      }
    }
    if (typeof result === 'object' && Symbol.iterator in result) {
      for (const item of result as Iterable<unknown>) if (Outbox.isReply(item)) await this.#outbox.reply(message, item, options);
      return;
    }
    if (typeof result === 'string') return; // empty string: nothing to say
    throw new BanterError(
      'E_COMMAND_RESULT',
      `command "${entry.spec.name}" returned ${typeof result}; return a string, a Card, nothing, or an iterable of them`,
    );
  }

  private async fail(
    message: Message,
    entry: CommandEntry,
    err: unknown,
    options: ReplyOptions | undefined,
    text: string,
    started: number,
    replyTo: Message = message,
  ): Promise<void> {
    const name = this.#options.prefix + entry.spec.name;
    const durationMs = performance.now() - started;
    if (err instanceof UserError || err instanceof NotSupportedError) {
      this.audit(message, entry, text, 'failed', durationMs);
      await this.safeReply(replyTo, err.message, options);
      return;
    }
    const errorId = newErrorId();
    this.audit(message, entry, text, err instanceof CommandTimeoutError ? 'timeout' : 'failed', durationMs, errorId);
    this.#log.error(
      { err, errorId, command: entry.spec.name, plugin: entry.plugin, user: message.frm.aclattr },
      'command failed',
    );
    const reply =
      err instanceof CommandTimeoutError
        ? `${name} took longer than ${err.timeoutMs < 1000 ? `${err.timeoutMs} ms` : formatDuration(err.timeoutMs)}, so I stopped waiting for it (error id ${errorId}).`
        : `Sorry, ${name} failed (error id ${errorId}). The details are in the bot's log.`;
    await this.safeReply(replyTo, reply, options);
  }

  private audit(message: Message, entry: CommandEntry, args: string, outcome: AuditOutcome, durationMs: number, errorId?: string): void {
    const room = message.room;
    this.#audit.record({
      user: message.frm.aclattr,
      where: room ? room.name : 'direct',
      command: entry.spec.name,
      plugin: entry.plugin,
      args,
      secret: entry.spec.secret,
      outcome,
      durationMs,
      errorId,
    });
  }

  /** Reply, logging (not throwing) when the backend cannot deliver. */
  private async safeReply(message: Message, text: string, options: ReplyOptions | undefined): Promise<void> {
    try {
      await this.#outbox.reply(message, text, options);
    } catch (err) {
      this.#log.error({ err, to: String(message.frm) }, 'could not deliver a reply');
    }
  }
}

const DONE: Promise<void> = Promise.resolve();
const NOTHING = (): void => undefined;
const PRIVATE: ReplyOptions = { private: true };
const THREAD: ReplyOptions = { thread: true };
const PRIVATE_THREAD: ReplyOptions = { private: true, thread: true };

function rematch(entry: CommandEntry, text: string): unknown {
  const spec = entry.spec;
  if (spec.kind !== 'regex') return undefined;
  if (spec.matchAll) {
    const all = [...text.matchAll(spec.pattern)];
    return all.length ? all : undefined;
  }
  return spec.pattern.exec(text) ?? undefined;
}

function replyOptions(entry: CommandEntry): ReplyOptions | undefined {
  const { private: isPrivate, thread } = entry.spec;
  if (isPrivate) return thread ? PRIVATE_THREAD : PRIVATE;
  return thread ? THREAD : undefined;
}
