import {
  createBot,
  createSilentLogger,
  type Bot,
  type BanterConfigInput,
  type Capabilities,
  type Clock,
  type Logger,
  type MemoryPerson,
  type Message,
  type PluginClass,
  type StorageProvider,
} from 'banter';
import { TestBackend, type SayOptions } from './test-backend.ts';

/** Options of {@link createTestBot}. */
export interface TestBotOptions {
  /** Plugin classes under test. */
  readonly plugins?: readonly PluginClass[];
  /** Configuration (merged over the test defaults: memory storage, no built-in plugins). */
  readonly config?: BanterConfigInput;
  /** Who speaks by default; `@tester` unless given. Nobody is an admin unless `config.admins` says so. */
  readonly user?: string;
  /** Turn capabilities off to test how a plugin degrades. */
  readonly capabilities?: Partial<Capabilities>;
  readonly maxMessageSize?: number;
  /** Use a real store instead of memory. */
  readonly storage?: StorageProvider;
  /** A logger to see the bot's logs; silent by default. */
  readonly logger?: Logger;
  /** Where pollers and `@cron` schedules get the time: a `ManualClock` lets a test move time forward. */
  readonly clock?: Clock;
}

/**
 * A bot on the {@link TestBackend}, started and ready, with a transcript-style API.
 *
 * @example
 * ```ts
 * import { expect } from 'chai';
 * import { Plugin, command } from 'banter';
 * import { createTestBot } from 'banter/testing';
 * class Greeter extends Plugin {
 *   static override metadata = { name: 'greeter' };
 *   @command() hi() { return 'hello'; }
 * }
 * const bot = await createTestBot({ plugins: [Greeter] });
 * expect(await bot.say('!hi')).to.equal('hello');
 * await bot.stop();
 * ```
 */
export class TestBot {
  readonly bot: Bot;
  readonly backend: TestBackend;
  readonly #defaults: SayOptions;

  constructor(bot: Bot, backend: TestBackend, defaults: SayOptions = {}) {
    this.bot = bot;
    this.backend = backend;
    this.#defaults = defaults;
  }

  /** Say `text`; resolves with the replies' text joined by newlines ('' when the bot said nothing). */
  async say(text: string, options: SayOptions = {}): Promise<string> {
    return (await this.replies(text, options)).join('\n');
  }

  /** Say `text`; resolves with each reply's text. */
  async replies(text: string, options: SayOptions = {}): Promise<string[]> {
    return (await this.exchange(text, options)).map((m) => m.body);
  }

  /** Say `text`; resolves with the reply messages (recipients, threads, card extras). */
  exchange(text: string, options: SayOptions = {}): Promise<Message[]> {
    return this.backend.say(text, { ...this.#defaults, ...options });
  }

  /** The same bot, speaking as someone else (`@alice`). */
  as(user: string | MemoryPerson): TestBot {
    return new TestBot(this.bot, this.backend, { ...this.#defaults, as: user });
  }

  /** The same bot, speaking in a room (`#ops`). */
  in(room: string): TestBot {
    return new TestBot(this.bot, this.backend, { ...this.#defaults, in: room });
  }

  /** Every message the bot has sent, replies and plugin-initiated ones. */
  get sent(): readonly Message[] {
    return this.backend.sent;
  }

  stop(): Promise<void> {
    return this.bot.stop();
  }
}

/** Build and start a bot on a fresh {@link TestBackend}, with memory storage and a silent logger. */
export async function createTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const config = options.config ?? {};
  const backend = new TestBackend({
    botName: config.name ?? 'banter',
    user: options.user,
    capabilities: options.capabilities,
    maxMessageSize: options.maxMessageSize,
  });
  const bot = await createBot({
    config: {
      ...config,
      backend: 'test',
      storage: config.storage ?? { url: 'memory://' },
      plugins: { builtins: false, ...config.plugins },
    },
    backend,
    storage: options.storage,
    logger: options.logger ?? createSilentLogger(),
    plugins: options.plugins,
    clock: options.clock,
  });
  await bot.start();
  return new TestBot(bot, backend);
}
