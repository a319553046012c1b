import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import {
  CommandConflictError,
  Plugin,
  PluginLoadError,
  PluginStateError,
  command,
  commandFilter,
  regexCommand,
  type CommandInvocation,
  type Message,
  type Presence,
  type Reaction,
  type RoomEvent,
  type StorageProvider,
} from 'banter';
import { createTestBot } from 'banter/testing';
import { z } from 'banter/zod';
import * as mini from 'banter/zod/mini';
import { HelpPlugin } from '../plugins/help/index.ts';
import { createStorageProvider } from '../storage/index.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/plugins', import.meta.url));

class Database extends Plugin {
  static override metadata = { name: 'database' };
  readonly activations: string[] = [];
  query() {
    return 'rows';
  }
  override activate() {
    this.activations.push('database');
  }
}

class Web extends Plugin {
  static override metadata = { name: 'web', dependsOn: ['database'] };
  @command()
  page() {
    return `page with ${this.getPlugin<Database>('database').query()}`;
  }
  @command()
  sneak() {
    return this.getPlugin('crashy') ? 'got it' : 'no';
  }
}

class Crashy extends Plugin {
  static override metadata = { name: 'crashy' };
  @command()
  crashy() {
    return 'never';
  }
  override activate() {
    throw new Error('cannot reach the deploy API');
  }
}

class Configured extends Plugin<{ greeting: string; times: number }> {
  static override metadata = {
    name: 'configured',
    config: z.object({ greeting: z.string().default('hello'), times: z.number().int().min(1) }),
  };
  @command()
  greet() {
    return Array(this.config.times).fill(this.config.greeting).join(' ');
  }
}

class Clash extends Plugin {
  static override metadata = { name: 'clash' };
  @command({ name: 'page' })
  otherPage() {
    return 'mine';
  }
}

class Guard extends Plugin {
  static override metadata = { name: 'guard' };
  @commandFilter()
  guard(call: CommandInvocation) {
    if (call.command === 'page' && call.message.frm.aclattr === '@eve') return null;
    if (call.command === 'page' && call.message.frm.aclattr === '@spam') return { ignore: true as const };
    if (call.command === 'sneak') return { deny: 'not during the freeze' };
    if (call.command === 'echo') return { args: call.args.toUpperCase() };
    if (call.command === 'ticket') return { args: call.args.replace('OPS-7', 'OPS-8') };
    return undefined;
  }
  @command()
  echo(_msg: Message, args: string) {
    return args;
  }
  @regexCommand(/\b(OPS-\d+)\b/, { prefixed: false })
  ticket(_msg: Message, match: RegExpExecArray) {
    return `ticket ${match[1]}`;
  }
}

class Listener extends Plugin {
  static override metadata = { name: 'listener' };
  readonly seen: string[] = [];
  override onMessage(msg: Message) {
    this.seen.push(`message:${msg.body}`);
  }
  override onMention(_msg: Message, people: readonly { nick: string }[]) {
    this.seen.push(`mention:${people.map((p) => p.nick).join(',')}`);
  }
  override onPresence(p: Presence) {
    this.seen.push(`presence:${p.who.nick}:${p.status}`);
  }
  override onReaction(r: Reaction) {
    this.seen.push(`reaction:${r.name}:${r.action}`);
  }
  override onRoomJoined(e: RoomEvent) {
    this.seen.push(`joined:${e.room.name}:${e.who?.nick ?? 'bot'}`);
  }
  override onBotMessage(msg: Message) {
    this.seen.push(`bot:${msg.body}`);
  }
  override async onRoomTopic(): Promise<void> {
    throw new Error('a hook that throws is logged, not fatal');
  }
}

describe('plugins', function () {
  it('activates dependencies first and lets a plugin use only what it declared', async function () {
    const bot = await createTestBot({ plugins: [Web, Database, Crashy] });
    expect(bot.bot.plugins().map((p) => [p.name, p.state])).to.deep.equal([
      ['web', 'active'],
      ['database', 'active'],
      ['crashy', 'failed'],
    ]);
    expect(await bot.say('!page')).to.equal('page with rows');
    expect(await bot.say('!sneak')).to.equal('Plugin "web" asked for "crashy", which is not in its dependsOn; add it there.');
    await bot.stop();
  });

  it('marks a plugin whose activate throws as failed with its reason, and the others keep answering', async function () {
    const bot = await createTestBot({ plugins: [Crashy, Database, Web], config: { plugins: { builtins: ['status'] } } });
    const crashy = bot.bot.plugins().find((p) => p.name === 'crashy');
    expect(crashy?.error).to.equal('cannot reach the deploy API');
    expect(await bot.say('!crashy')).to.match(/not found/);
    expect(await bot.say('!page')).to.equal('page with rows');
    expect(await bot.say('!status')).to.match(/crashy failed: cannot reach the deploy API/);
    await bot.stop();
  });

  it('marks a plugin whose activate never finishes as failed after the timeout, and starts without it', async function () {
    class Stuck extends Plugin {
      static override metadata = { name: 'stuck' };
      override activate(): Promise<void> {
        return new Promise(() => undefined);
      }
    }
    const bot = await createTestBot({ plugins: [Stuck, Database, Web], config: { commandTimeoutMs: 50 } });
    const stuck = bot.bot.plugins().find((p) => p.name === 'stuck');
    expect(stuck?.state).to.equal('failed');
    expect(stuck?.error).to.equal('activate() of plugin "stuck" did not finish within 50 ms');
    expect(await bot.say('!page')).to.equal('page with rows');
    await bot.stop();
  });

  it('refuses to start when two plugins declare the same command', async function () {
    let error: unknown;
    try {
      await createTestBot({ plugins: [Database, Web, Clash] });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(CommandConflictError);
    expect((error as Error).message).to.match(/Plugins "web" and "clash" both declare the command "page"/);
  });

  it('refuses two plugins with one name', async function () {
    class Again extends Plugin {
      static override metadata = { name: 'database' };
    }
    let error: unknown;
    try {
      await createTestBot({ plugins: [Database, Again] });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(PluginLoadError);
  });

  it('validates plugin configuration with defaults, and fails only that plugin when it is wrong', async function () {
    const good = await createTestBot({ plugins: [Configured], config: { plugins: { config: { configured: { times: 2 } } } } });
    expect(await good.say('!greet')).to.equal('hello hello');
    await good.stop();
    const bad = await createTestBot({ plugins: [Configured, Database], config: { plugins: { config: { configured: { times: 0 } } } } });
    const info = bad.bot.plugins().find((p) => p.name === 'configured');
    expect(info?.state).to.equal('failed');
    expect(info?.error).to.match(/plugins\.config\.configured\.times/);
    await bad.stop();
  });

  it('takes a zod/mini configuration schema as well as a classic one: same defaults, same messages', async function () {
    class MiniConfigured extends Plugin<{ greeting: string; times: number }> {
      static override metadata = {
        name: 'configured',
        config: mini.object({ greeting: mini._default(mini.string(), 'hello'), times: mini.number().check(mini.int(), mini.gte(1)) }),
      };

      @command({ name: 'greet' })
      greet(): string {
        return Array(this.config.times).fill(this.config.greeting).join(' ');
      }
    }
    const good = await createTestBot({ plugins: [MiniConfigured], config: { plugins: { config: { configured: { times: 3 } } } } });
    expect(await good.say('!greet')).to.equal('hello hello hello');
    await good.stop();
    for (const Flavour of [Configured, MiniConfigured]) {
      const bad = await createTestBot({ plugins: [Flavour], config: { plugins: { config: { configured: { times: 0 } } } } });
      const info = bad.bot.plugins().find((p) => p.name === 'configured');
      expect(info?.state, Flavour.name).to.equal('failed');
      expect(info?.error, Flavour.name).to.include('plugins.config.configured.times: Too small: expected number to be >=1');
      await bad.stop();
    }
  });

  it('deactivates and reactivates a plugin at runtime, refusing while a dependent is active', async function () {
    const bot = await createTestBot({ plugins: [Database, Web] });
    const manager = bot.bot.pluginManager;
    let refusal: unknown;
    try {
      await manager.deactivate('database');
    } catch (err) {
      refusal = err;
    }
    expect(refusal).to.be.instanceOf(PluginStateError);
    expect((refusal as Error).message).to.match(/needed by "web"/);
    await manager.deactivate('web');
    expect(await bot.say('!page')).to.match(/not found/);
    await manager.activate('web');
    expect(await bot.say('!page')).to.equal('page with rows');
    await bot.stop();
  });

  it('lets a command filter block a command, answering or not, or rewrite its arguments', async function () {
    const bot = await createTestBot({ plugins: [Database, Web, Guard, HelpPlugin] });
    expect(await bot.as('@eve').say('!page')).to.equal('!page was blocked by the guard plugin.');
    expect(await bot.as('@spam').say('!page')).to.equal('');
    expect(await bot.say('!sneak')).to.equal('not during the freeze');
    expect(await bot.as('@bob').say('!page')).to.equal('page with rows');
    expect(await bot.say('!echo quiet')).to.equal('QUIET');
    expect(await bot.in('#ops').say('see OPS-7')).to.equal('ticket OPS-8');
    expect(await bot.as('@eve').say('!help web')).to.not.contain('!page');
    expect(await bot.as('@bob').say('!help web')).to.contain('!page');
    await bot.stop();
  });

  it('fans events out to the hooks plugins implement, and survives a hook that throws', async function () {
    const bot = await createTestBot({ plugins: [Listener, Guard] });
    const listener = bot.bot.pluginManager.instance('listener') as Listener;
    await bot.in('#ops').say('hi @alice');
    await bot.say('!echo x');
    await bot.backend.presenceOf('@alice', 'away');
    await bot.backend.reactAs('@alice', bot.sent[0]!, 'thumbsup');
    await bot.backend.joinAs('@carol', '#ops');
    await bot.bot.queryRoom('#ops').join();
    await bot.bot.queryRoom('#ops').setTopic('deploys');
    expect(listener.seen).to.deep.equal([
      'message:hi @alice',
      'mention:alice',
      'message:!echo x',
      'bot:X',
      'presence:alice:away',
      'reaction:thumbsup:added',
      'joined:#ops:carol',
      'joined:#ops:bot',
    ]);
    expect(await bot.say('!echo still fine')).to.equal('STILL FINE');
    await bot.stop();
  });

  it('loads plugins from a folder, reporting a module that fails to import or exports no plugin', async function () {
    const bot = await createTestBot({ config: { plugins: { dirs: [FIXTURES] } } });
    const states = Object.fromEntries(bot.bot.plugins().map((p) => [p.name, [p.state, p.error]]));
    expect(states['folder']).to.deep.equal(['active', undefined]);
    expect(states['broken']![0]).to.equal('failed');
    expect(states['broken']![1]).to.match(/this plugin is broken on purpose/);
    expect(states['empty']![1]).to.match(/exports no plugin class/);
    expect(await bot.say('!folder')).to.equal('from a folder');
    await bot.stop();
  });

  it('reports a plugin package that is not installed, saying what to install', async function () {
    const bot = await createTestBot({ config: { plugins: { packages: ['banter-plugin-does-not-exist'] } } });
    const [info] = bot.bot.plugins();
    expect(info?.state).to.equal('failed');
    expect(info?.error).to.match(/npm install banter-plugin-does-not-exist/);
    await bot.stop();
  });

  it('warns every configured admin by direct message, skipping globs that name no one', async function () {
    class Watchdog extends Plugin {
      static override metadata = { name: 'watchdog' };
      @command()
      async alarm() {
        await this.warnAdmins('disk full on db1');
        return 'admins warned';
      }
    }
    const bot = await createTestBot({ plugins: [Watchdog], config: { admins: ['@root', '@oncall', '@ops-*'] } });
    expect(await bot.say('!alarm')).to.equal('admins warned');
    expect(bot.sent.filter((m) => m.body === 'disk full on db1').map((m) => String(m.to))).to.deep.equal(['@root', '@oncall']);
    await bot.stop();
  });

  it('opens a plugin\'s namespace on its first use, and reads no chat-set configuration for a plugin that takes none', async function () {
    const inner = await createStorageProvider('memory://');
    const opened: string[] = [];
    const reads: string[] = [];
    const recording: StorageProvider = {
      description: inner.description,
      ready: () => inner.ready?.() ?? Promise.resolve(),
      open: async (namespace) => {
        opened.push(namespace);
        const store = await inner.open(namespace);
        return {
          get: (key) => {
            reads.push(`${namespace}/${key}`);
            return store.get(key);
          },
          set: (key, value, ttlMs) => store.set(key, value, ttlMs),
          delete: (key) => store.delete(key),
          has: (key) => store.has(key),
          keys: () => store.keys(),
          clear: () => store.clear(),
        };
      },
      close: () => inner.close(),
    };
    class Quiet extends Plugin {
      static override metadata = { name: 'quiet' };
      @command()
      ping() {
        return 'pong';
      }
    }
    class Notes extends Plugin {
      static override metadata = { name: 'notes' };
      @command()
      async note(_msg: Message, text: string) {
        await this.storage.set('last', text);
        return 'noted';
      }
    }
    const bot = await createTestBot({
      plugins: [Quiet, Notes, Configured],
      storage: recording,
      config: { plugins: { config: { configured: { times: 1 } } } },
    });
    expect(opened.filter((n) => !n.startsWith('core.'))).to.deep.equal([]);
    expect(await bot.say('!ping')).to.equal('pong');
    expect(await bot.say('!greet')).to.equal('hello');
    expect(await Promise.all([bot.say('!note a'), bot.say('!note b')])).to.deep.equal(['noted', 'noted']);
    expect(opened.filter((n) => !n.startsWith('core.'))).to.deep.equal(['notes']);
    // Only a plugin with a schema can be configured in chat, so only its stored configuration is looked up.
    expect(reads.filter((r) => r.startsWith('core.plugin-config/'))).to.deep.equal(['core.plugin-config/configured']);
    await bot.stop();
  });

  it('gives each plugin its own storage namespace', async function () {
    class Counter extends Plugin {
      static override metadata = { name: 'counter' };
      @command()
      async bump() {
        return String(await this.storage.update<number>('n', (n = 0) => n + 1));
      }
      @command()
      async keys() {
        return (await this.storage.keys()).join(',');
      }
    }
    class Other extends Plugin {
      static override metadata = { name: 'other' };
      @command()
      async peek() {
        return String(await this.storage.get('n', 'none'));
      }
    }
    const bot = await createTestBot({ plugins: [Counter, Other] });
    const results = await Promise.all([bot.say('!bump'), bot.say('!bump'), bot.say('!bump')]);
    expect(results.sort()).to.deep.equal(['1', '2', '3']);
    expect(await bot.say('!keys')).to.equal('n');
    expect(await bot.say('!peek')).to.equal('none');
    await bot.stop();
  });
});
