import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AuditLog, AuditOutcome, AuditRecord } from '../audit/audit-log.ts';
import type { Outbox, SentKind } from '../dispatch/outbox.ts';
import type { PluginServices } from '../plugin-services.ts';
import { VERSION } from '../version.ts';

/** What the metrics read from the bot when they are scraped. */
export type MetricsSource = Pick<PluginServices, 'status' | 'plugins'>;

/** What {@link BotMetrics} is fed from. */
export interface BotMetricsDeps {
  readonly bot: MetricsSource;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
}

// Outcomes whose duration is the handler's: the others (refused, blocked, invalid arguments) never ran it.
const TIMED: ReadonlySet<AuditOutcome> = new Set<AuditOutcome>(['ok', 'failed', 'timeout']);

type Inc = { inc(value?: number): void };
type Observe = { observe(value: number): void };

/** The prom-client children of one command, kept so recording one run creates no objects. */
interface CommandSeries {
  readonly duration: Observe;
  readonly outcomes: Map<AuditOutcome, Inc>;
}

// The process's own metrics (CPU, memory, event loop, GC) belong to the process, not to a bot: collected once,
// into a registry of their own, and shown by every bot's endpoint. Collecting them per bot would leave a GC
// observer and an event-loop monitor behind for every bot built (each `!restart` builds one).
let processRegistry: Registry | undefined;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * A bot's Prometheus metrics, in a registry of its own (several bots in one process do not mix). Counters that
 * the bot keeps anyway (messages received, connection state, plugin states) are read when scraped, at no cost in
 * between; sends and command runs come from the outbox and the audit log through their observer hooks, which are
 * attached only while the web server runs. Recording a run looks its series up in nested maps, so the only work
 * per message is prom-client's increment itself.
 */
export class BotMetrics {
  readonly registry = new Registry();
  readonly #deps: BotMetricsDeps;
  readonly #sent: Record<SentKind, Inc>;
  readonly #commands: Counter<'plugin' | 'command' | 'outcome'>;
  readonly #durations: Histogram<'plugin' | 'command'>;
  readonly #series = new Map<string, Map<string, CommandSeries>>();

  constructor(deps: BotMetricsDeps) {
    this.#deps = deps;
    processMetrics(); // started now, so the GC and event-loop figures cover the bot's whole life
    const registers = [this.registry];
    const bot = deps.bot;
    let received = 0;
    new Counter({
      name: 'banter_messages_received_total',
      help: 'Messages the bot received from the chat service.',
      registers,
      collect() {
        const now = bot.status().messagesIn;
        this.inc(now - received);
        received = now;
      },
    });
    const sent = new Counter({ name: 'banter_messages_sent_total', help: 'Messages the bot sent, by kind (text, card, file).', labelNames: ['kind'], registers });
    this.#sent = { text: sent.labels('text'), card: sent.labels('card'), file: sent.labels('file') };
    this.#commands = new Counter({
      name: 'banter_commands_total',
      help: 'Command and webhook runs by plugin, command and outcome (as in the audit log).',
      labelNames: ['plugin', 'command', 'outcome'],
      registers,
    });
    this.#durations = new Histogram({
      name: 'banter_command_duration_seconds',
      help: 'How long command and webhook handlers took, by plugin and command.',
      labelNames: ['plugin', 'command'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
      registers,
    });
    new Gauge({
      name: 'banter_backend_connected',
      help: '1 while the backend is connected to the chat service, else 0.',
      labelNames: ['backend'],
      registers,
      collect() {
        const status = bot.status();
        this.reset();
        this.set({ backend: status.backend }, status.connected ? 1 : 0);
      },
    });
    new Gauge({
      name: 'banter_plugins',
      help: 'Plugins by state (active, inactive, failed, loaded).',
      labelNames: ['state'],
      registers,
      collect() {
        const counts: Record<string, number> = { active: 0, inactive: 0, failed: 0, loaded: 0 };
        for (const plugin of bot.plugins()) counts[plugin.state] = (counts[plugin.state] ?? 0) + 1;
        for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
      },
    });
    new Gauge({ name: 'banter_info', help: 'The bot and the Banter version it runs (always 1).', labelNames: ['name', 'version'], registers }).set(
      { name: bot.status().name, version: VERSION },
      1,
    );
  }

  /** Start counting sends and command runs. */
  attach(): void {
    this.#deps.outbox.observe((kind) => this.#sent[kind].inc());
    this.#deps.audit.observe((record) => this.record(record));
  }

  /** Stop counting (the observer hooks cost nothing again). */
  detach(): void {
    this.#deps.outbox.observe(undefined);
    this.#deps.audit.observe(undefined);
  }

  /** The Prometheus content type of {@link text}. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric of the bot, then the process's, in Prometheus text format. */
  async text(): Promise<string> {
    const [own, process] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return `${own}\n${process}`;
  }

  private record(record: AuditRecord): void {
    const series = this.series(record.plugin, record.command);
    let outcome = series.outcomes.get(record.outcome);
    if (!outcome) {
      outcome = this.#commands.labels(record.plugin, record.command, record.outcome);
      series.outcomes.set(record.outcome, outcome);
    }
    outcome.inc();
    if (TIMED.has(record.outcome)) series.duration.observe(record.durationMs / 1000);
  }

  private series(plugin: string, command: string): CommandSeries {
    let byCommand = this.#series.get(plugin);
    if (!byCommand) this.#series.set(plugin, (byCommand = new Map()));
    let series = byCommand.get(command);
    if (!series) byCommand.set(command, (series = { duration: this.#durations.labels(plugin, command), outcomes: new Map() }));
    return series;
  }
}
