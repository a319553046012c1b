import { assertSerializable } from '../assert-serializable.ts';
import type { Backend } from '../backend.ts';
import { isCard } from '../card.ts';
import { BanterError } from '../errors/banter-error.ts';
import { NotSupportedError } from '../errors/not-supported-error.ts';
import { UserError } from '../errors/user-error.ts';
import { newErrorId } from '../errors/error-id.ts';
import type { Person, Room } from '../identifiers.ts';
import type { Logger } from '../logger.ts';
import type { Message } from '../message.ts';
import type { Plugin } from '../plugin.ts';
import type { Outbox } from '../dispatch/outbox.ts';
import { withTimeout } from '../dispatch/with-timeout.ts';
import type { Clock, ClockTimer } from '../scheduling/clock.ts';
import type { KeyValueStore } from '../storage.ts';
import type { ConversationInfo, FlowDefinition, FlowReply, FlowScope, FlowStep } from './flow-definition.ts';
import { flowsOf, type FlowSpec } from './flow-metadata.ts';
import { conversationRecordSchema, type ConversationRecord } from './conversation-record.ts';
import { formatDuration } from '../format-duration.ts';

/** What {@link Conversations} needs from the bot. */
export interface ConversationsDeps {
  readonly backend: Backend;
  readonly outbox: Outbox;
  /** The active instance of a plugin, or undefined. */
  readonly plugin: (name: string) => Plugin<unknown> | undefined;
  /** Every active plugin instance. */
  readonly activePlugins: () => ReadonlyArray<Plugin<unknown>>;
  /** Whether a message is addressed to the bot as a command (prefix or the bot's name) rather than an answer. */
  readonly isCommand: (message: Message) => boolean;
  readonly clock: Clock;
  readonly log: Logger;
  /** `flows.timeoutMs` from config.ts. */
  readonly defaultTimeoutMs: number;
  /** How long one `answer` or `done` may run (`commandTimeoutMs`). */
  readonly handlerTimeoutMs: number;
}

/** A flow a plugin declares, as `flows list` shows it. */
export interface FlowInfo {
  readonly plugin: string;
  readonly flow: string;
  readonly scope: FlowScope;
  readonly description: string;
}

/** The flow tools plugins get as `this.bot.flows`. */
export interface FlowControl {
  /** Start `plugin`'s flow `flow` in `message`'s place, with `state`, and ask its first question. */
  start(plugin: string, flow: string, message: Message, state: unknown): Promise<void>;
  /** Conversations in progress. */
  conversations(): ConversationInfo[];
  /** End the conversations `which` selects, without calling their `done`; resolves to those ended. */
  cancel(which: (conversation: ConversationInfo) => boolean): Promise<ConversationInfo[]>;
  /** Flows the active plugins declare. */
  definitions(): FlowInfo[];
}

const CANCEL = /^\s*cancel\s*[.!]?\s*$/i;

/**
 * The bot's conversations in progress (flows). Each is stored under its key — the person and place, or the
 * room — before the bot says anything about it, so a restart finds it where it was; its answer timer runs on
 * the bot's clock. Answers to one conversation are handled one at a time, in order.
 */
export class Conversations implements FlowControl {
  readonly #deps: ConversationsDeps;
  readonly #live = new Map<string, ConversationRecord>();
  readonly #timers = new Map<string, ClockTimer>();
  readonly #queues = new Map<string, Promise<void>>();
  #store: KeyValueStore | undefined;

  constructor(deps: ConversationsDeps) {
    this.#deps = deps;
  }

  /** Whether any conversation is in progress (checked on every message, so it must be cheap). */
  get waiting(): boolean {
    return this.#live.size > 0;
  }

  /**
   * Load the stored conversations and arm their timers; those whose time ran out while the bot was away end now
   * with their timeout message. Call once the plugins are active.
   */
  async load(store: KeyValueStore): Promise<void> {
    this.#store = store;
    for (const key of await store.keys()) {
      const parsed = conversationRecordSchema.safeParse(await store.get(key));
      if (!parsed.success) {
        this.#deps.log.warn({ key }, 'dropping a stored conversation that is not valid');
        await store.delete(key);
        continue;
      }
      this.#live.set(key, parsed.data);
      if (parsed.data.expiresAt <= this.#deps.clock.now()) await this.expire(key);
      else this.arm(key, parsed.data);
    }
  }

  /** Stop the timers (the conversations stay in storage for the next start). */
  close(): void {
    for (const timer of this.#timers.values()) this.#deps.clock.clearTimeout(timer);
    this.#timers.clear();
  }

  async start(plugin: string, flow: string, message: Message, state: unknown): Promise<void> {
    const { spec, definition } = this.definition(plugin, flow);
    const room = message.room;
    if (spec.scope === 'room' && !room) throw new UserError(`The ${flow} conversation happens in a room; start it there.`);
    const key = keyFor(spec.scope, message.frm, room);
    const existing = this.#live.get(key);
    if (existing && this.resolve(existing)) {
      throw new UserError(
        spec.scope === 'room' || existing.scope === 'room'
          ? `The ${existing.flow} conversation is going on here; answer it, or say cancel.`
          : `You are already in the ${existing.flow} conversation here; answer it, or say cancel.`,
      );
    }
    const step = this.step(definition, definition.first, flow);
    const now = this.#deps.clock.now();
    const timeoutMs = spec.timeoutMs ?? this.#deps.defaultTimeoutMs;
    const record: ConversationRecord = {
      plugin,
      flow,
      scope: spec.scope,
      step: definition.first,
      state,
      startedBy: message.frm.aclattr,
      place: String(room ?? message.frm),
      inRoom: room !== undefined,
      startedAt: now,
      expiresAt: now + timeoutMs,
      timeoutMs,
    };
    await this.save(key, record);
    await this.#deps.outbox.reply(message, question(step, state));
  }

  answer(message: Message): Promise<void> | undefined {
    if (this.#deps.isCommand(message)) return undefined;
    const room = message.room;
    let key = keyFor('person', message.frm, room);
    if (!this.#live.has(key)) {
      if (!room) return undefined;
      key = keyFor('room', message.frm, room);
      if (!this.#live.has(key)) return undefined;
    }
    const record = this.#live.get(key)!;
    if (!this.resolve(record)) return undefined; // its plugin is not active: the message is an ordinary one
    const previous = this.#queues.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.handleAnswer(key, message));
    this.#queues.set(key, next);
    return next.finally(() => {
      if (this.#queues.get(key) === next) this.#queues.delete(key);
    });
  }

  conversations(): ConversationInfo[] {
    return [...this.#live.values()].map(info);
  }

  async cancel(which: (conversation: ConversationInfo) => boolean): Promise<ConversationInfo[]> {
    const ended: ConversationInfo[] = [];
    for (const [key, record] of [...this.#live]) {
      const conversation = info(record);
      if (!which(conversation)) continue;
      await this.remove(key);
      ended.push(conversation);
    }
    return ended;
  }

  definitions(): FlowInfo[] {
    return this.#deps.activePlugins().flatMap((p) => flowsOf(p.constructor).map((s) => ({ plugin: p.name, flow: s.name, scope: s.scope, description: s.description })));
  }

  private async handleAnswer(key: string, message: Message): Promise<void> {
    const record = this.#live.get(key);
    if (!record) return; // ended while this answer waited its turn
    const resolved = this.resolve(record);
    if (!resolved) return;
    const { definition } = resolved;
    if (CANCEL.test(message.body)) {
      await this.remove(key);
      await this.say(message, `Cancelled the ${record.flow} conversation.`);
      return;
    }
    try {
      const step = this.step(definition, record.step, record.flow);
      const state = await this.run(() => step.answer(message.body.trim(), record.state as never, message));
      const nextName = typeof step.next === 'function' ? step.next(state as never) : step.next;
      if (nextName === undefined) {
        await this.remove(key);
        const reply = await this.run(() => definition.done(state as never, info({ ...record, state })));
        await this.deliver(message, reply, record.flow);
        return;
      }
      const nextStep = this.step(definition, nextName, record.flow);
      const now = this.#deps.clock.now();
      await this.save(key, { ...record, step: nextName, state, expiresAt: now + record.timeoutMs });
      await this.say(message, question(nextStep, state));
    } catch (err) {
      await this.failed(key, message, record, err);
    }
  }

  private async failed(key: string, message: Message, record: ConversationRecord, err: unknown): Promise<void> {
    const current = this.#live.get(key);
    if (err instanceof UserError || err instanceof NotSupportedError) {
      // A wrong answer (or the store being down): say why, and ask the same question again if it is still open.
      const again = current === record ? question(this.step(this.resolve(record)!.definition, record.step, record.flow), record.state) : '';
      await this.say(message, again ? `${err.message}\n${again}` : err.message);
      return;
    }
    const errorId = newErrorId();
    this.#deps.log.error({ err, errorId, plugin: record.plugin, flow: record.flow, step: record.step }, 'flow step failed');
    if (current === record) await this.remove(key).catch(() => undefined);
    await this.say(message, `Sorry, the ${record.flow} conversation failed (error id ${errorId}) and has ended. The details are in the bot's log.`);
  }

  private run<T>(fn: () => T | Promise<T>): Promise<T> {
    const ms = this.#deps.handlerTimeoutMs;
    return withTimeout(Promise.resolve().then(fn), ms, () => new BanterError('E_FLOW_TIMEOUT', `a flow step took longer than ${ms} ms`));
  }

  private async deliver(message: Message, reply: FlowReply, flow: string): Promise<void> {
    if (reply === undefined || reply === '') return;
    if (typeof reply !== 'string' && !isCard(reply)) throw new BanterError('E_FLOW_RESULT', `flow "${flow}" done() returned ${typeof reply}; return a string, a Card or nothing`);
    await this.#deps.outbox.reply(message, reply);
  }

  private async expire(key: string): Promise<void> {
    const record = this.#live.get(key);
    if (!record) return;
    try {
      await this.remove(key);
    } catch (err) {
      this.#deps.log.error({ err, flow: record.flow }, 'could not remove a timed-out conversation from storage');
    }
    const resolved = this.resolve(record);
    const waited = formatDuration(record.timeoutMs);
    let text = `The ${record.flow} conversation ended: nobody answered for ${waited}.`;
    try {
      if (resolved?.definition.timedOut) text = resolved.definition.timedOut(record.state as never, info(record));
      await this.#deps.outbox.send(this.#deps.backend.buildIdentifier(record.place), text);
    } catch (err) {
      this.#deps.log.error({ err, flow: record.flow, place: record.place }, 'could not announce a timed-out conversation');
    }
  }

  /** The definition behind a record, or undefined while its plugin is not active. */
  private resolve(record: ConversationRecord): { spec: FlowSpec; definition: FlowDefinition<unknown> } | undefined {
    if (!this.#deps.plugin(record.plugin)) return undefined;
    return this.definition(record.plugin, record.flow);
  }

  private definition(plugin: string, flow: string): { spec: FlowSpec; definition: FlowDefinition<unknown> } {
    const instance = this.#deps.plugin(plugin);
    if (!instance) throw new BanterError('E_FLOW_UNKNOWN', `plugin "${plugin}" is not active, so its flow "${flow}" cannot run`);
    const spec = flowsOf(instance.constructor).find((s) => s.name === flow);
    if (!spec) throw new BanterError('E_FLOW_UNKNOWN', `plugin "${plugin}" declares no flow "${flow}" (decorate a method with @flow)`);
    const method = (instance as unknown as Record<string, unknown>)[spec.method];
    if (typeof method !== 'function') throw new BanterError('E_FLOW_UNKNOWN', `${plugin}.${spec.method} is decorated with @flow but is not a method`);
    const definition = method.call(instance) as FlowDefinition<unknown>;
    if (!definition || typeof definition !== 'object' || !definition.steps || typeof definition.done !== 'function') {
      throw new BanterError('E_FLOW_DEFINITION', `${plugin}.${spec.method} must return { first, steps, done }`);
    }
    return { spec, definition };
  }

  private step(definition: FlowDefinition<unknown>, name: string, flow: string): FlowStep<unknown> {
    const step = definition.steps[name];
    if (!step) throw new BanterError('E_FLOW_DEFINITION', `flow "${flow}" has no step "${name}"`);
    return step;
  }

  /** Store first, then remember and (re)arm the timer: a store that is down leaves the conversation as it was. */
  private async save(key: string, record: ConversationRecord): Promise<void> {
    assertSerializable(`${record.flow} state`, record.state);
    await this.#requireStore().set(key, record);
    this.#live.set(key, record);
    this.arm(key, record);
  }

  private async remove(key: string): Promise<void> {
    const timer = this.#timers.get(key);
    if (timer !== undefined) this.#deps.clock.clearTimeout(timer);
    this.#timers.delete(key);
    this.#live.delete(key);
    await this.#requireStore().delete(key);
  }

  private arm(key: string, record: ConversationRecord): void {
    const old = this.#timers.get(key);
    if (old !== undefined) this.#deps.clock.clearTimeout(old);
    const delay = Math.max(0, record.expiresAt - this.#deps.clock.now());
    this.#timers.set(
      key,
      this.#deps.clock.setTimeout(() => {
        this.#timers.delete(key);
        if (this.#live.get(key) === record) void this.expire(key);
      }, delay),
    );
  }

  private async say(message: Message, text: string): Promise<void> {
    try {
      await this.#deps.outbox.reply(message, text);
    } catch (err) {
      this.#deps.log.error({ err, to: String(message.frm) }, 'could not deliver a flow message');
    }
  }

  #requireStore(): KeyValueStore {
    if (!this.#store) throw new BanterError('E_FLOW_STORE', 'conversations are used before the bot has started');
    return this.#store;
  }
}

function keyFor(scope: FlowScope, person: Person, room: Room | undefined): string {
  if (scope === 'room') return JSON.stringify(['room', room!.aclattr]);
  return JSON.stringify(['person', person.aclattr, room ? room.aclattr : '']);
}

function question(step: FlowStep<unknown>, state: unknown): string {
  return typeof step.ask === 'function' ? step.ask(state) : step.ask;
}

function info(record: ConversationRecord): ConversationInfo {
  return {
    plugin: record.plugin,
    flow: record.flow,
    scope: record.scope,
    step: record.step,
    startedBy: record.startedBy,
    place: record.place,
    inRoom: record.inRoom,
    startedAt: new Date(record.startedAt),
    expiresAt: new Date(record.expiresAt),
  };
}

