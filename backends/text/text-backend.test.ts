import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { createBot, createSilentLogger, type Bot, type PluginClass } from 'banter';
import { backendConformanceSuite, pluginEndToEndSuite } from 'banter/testing';
import { TextBackend } from './text-backend.ts';

/** A console bot with in-memory streams: what the person types, and what the console prints. */
async function consoleBot(plugins: readonly PluginClass[], admins: string[] = []) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const backend = new TextBackend({ input, output, interactive: false });
  const bot: Bot = await createBot({
    config: { backend: 'text', admins, storage: { url: 'memory://' }, plugins: { builtins: true } },
    backend,
    logger: createSilentLogger(),
    plugins,
  });
  await bot.start();
  const replies: string[] = [];
  const send = backend.send.bind(backend);
  backend.send = (message) => {
    replies.push(message.body);
    return send(message);
  };
  /** Type lines; resolve with what was printed meanwhile, line by line. */
  const type = async (...lines: string[]): Promise<string[]> => {
    const before = printed.length;
    for (const line of lines) await backend.handleLine(line);
    return printed.slice(before).split('\n').filter(Boolean);
  };
  /** Type lines; resolve with the replies sent meanwhile, one entry per message (which may span lines). */
  const converse = async (...lines: string[]): Promise<string[]> => {
    const before = replies.length;
    const shown = await type(...lines);
    const said = replies.slice(before);
    expect(shown).to.deep.equal(said.join('\n').split('\n').filter(Boolean));
    return said;
  };
  return { bot, backend, input, type, converse };
}

backendConformanceSuite({
  name: 'text',
  connect: async () => {
    const backend = new TextBackend({ input: new PassThrough(), output: new PassThrough(), interactive: false });
    return backend;
  },
  identifiers: { person: '@alice', room: '#ops', occupant: '#ops/alice' },
});

pluginEndToEndSuite({
  name: 'text (console)',
  start: async (plugins) => {
    const { bot, converse } = await consoleBot(plugins);
    return {
      driver: {
        room: '#e2e',
        say: async (text, options) => converse(options?.room ? `/in ${options.room}` : '/dm', text),
      },
      stop: () => bot.stop(),
    };
  },
});

describe('console backend', function () {
  it('switches person and room, and only a configured admin is an admin', async function () {
    const { bot, type } = await consoleBot([], ['@admin']);
    expect(await type('!whoami')).to.include('admin: no');
    const asAdmin = await type('/as @admin', '/in #ops', '!whoami');
    expect(asAdmin).to.include.members(['identifier: #ops/admin', 'aclattr: @admin', 'room: #ops', 'admin: yes']);
    await bot.stop();
  });

  it('shows control characters instead of sending them to the terminal', async function () {
    const { bot, type } = await consoleBot([]);
    expect(await type('!echo bell\u0007 escape\u001b[2J')).to.deep.equal(['bell^G escape^[[2J']);
    await bot.stop();
  });

  it('stops the bot when its input ends', async function () {
    const { bot, input } = await consoleBot([]);
    input.end();
    await bot.untilStopped();
    expect(bot.status().connected).to.equal(false);
  });
});
