import { expect } from 'chai';
import { Plugin, command } from 'banter';
import { createTestBot, storageContractSuite } from 'banter/testing';
import { createStorageProvider } from './index.ts';
import { startRedis } from '../test/support/servers/redis.ts';
import { startPostgres } from '../test/support/servers/postgres.ts';
import type { TestServer } from '../test/support/servers/managed-server.ts';

class Counter extends Plugin {
  static override metadata = { name: 'counter' };
  @command()
  async count() {
    return String(await this.storage.update<number>('n', (n = 0) => n + 1));
  }
}

const servers = [
  { name: 'Redis', start: () => startRedis() },
  { name: 'PostgreSQL', start: () => startPostgres() },
] as const;

for (const { name, start } of servers) {
  describe(`${name} store, against a real server`, function () {
    this.timeout(30_000);
    let server: TestServer;

    before(async function () {
      server = await start();
    });

    after(async function () {
      await server?.remove();
    });

    storageContractSuite({ name: name.toLowerCase(), open: () => createStorageProvider(server.url), persistent: true });

    it('answers a command with a clear reply while the store is down, and works again when it is back', async function () {
      const bot = await createTestBot({ plugins: [Counter], config: { storage: { url: server.url } } });
      expect(await bot.say('!count')).to.equal('1');
      await server.stop();
      const reply = await bot.say('!count');
      expect(reply).to.match(/^The bot's storage \((redis|postgres):\/\/.*\) is not available: .*Check that it is running and reachable/);
      await server.restart();
      let after = '';
      // The client reconnects with a backoff of at most 2 s; a few commands may still see it down.
      for (let attempt = 0; attempt < 40 && !/^\d+$/.test(after); attempt++) {
        after = await bot.say('!count');
        if (!/^\d+$/.test(after)) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(after).to.equal('2');
      await bot.stop();
    });
  });
}

describe('unreachable stores at start-up', function () {
  this.timeout(30_000);

  for (const url of ['redis://127.0.0.1:1', 'postgres://bot:hunter2@127.0.0.1:1/banter']) {
    it(`refuse to start the bot with a message naming ${url.split(':')[0]} and hiding its password`, async function () {
      let error: unknown;
      try {
        await createTestBot({ plugins: [Counter], config: { storage: { url } } });
      } catch (err) {
        error = err;
      }
      expect((error as Error | undefined)?.message).to.match(/^The bot's storage \(.*127\.0\.0\.1:1.*\) is not available: .+\. Check that it is running/);
      expect((error as Error).message).to.not.contain('hunter2');
    });
  }
});
