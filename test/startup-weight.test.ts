import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface StartupWeight {
  readonly totalBytes: number;
  readonly packages: Record<string, number>;
  readonly builtins: readonly string[];
}

/**
 * What a bot parses before it is ready, counted instead of timed (so this cannot flake): the bench bundle's
 * static import graph (bench/bundle-weight.mjs). A dependency added to it shows up in every bot's start-up.
 */
describe('what a bot loads at start-up', function () {
  this.timeout(60_000);
  let weight: StartupWeight;

  before(async function () {
    const { stdout } = await promisify(execFile)(process.execPath, ['bench/bundle-weight.mjs', '--json'], { cwd: ROOT });
    weight = JSON.parse(stdout) as StartupWeight;
  });

  it('measures a real start-up: Banter itself and the composition root are in it', function () {
    expect(weight.packages['banter (src)'], 'banter at start-up').to.be.above(50 * 1024);
    expect(Object.keys(weight.packages)).to.include('@inversifyjs/core');
  });

  it('leaves out what only some bots use: classic zod, pino, croner, the chat SDKs, the web server, the drivers', function () {
    const loaded = Object.keys(weight.packages);
    for (const lazy of ['pino', 'croner', 'yargs', 'fastify', 'prom-client', 'semver', 'discord.js', '@slack/bolt', 'irc-framework', '@xmpp/client', 'redis', 'pg', 'sqlite3']) {
      expect(loaded, `${lazy} is loaded at start-up`).to.not.include(lazy);
    }
    // zod/mini and zod's core only: all of classic zod is about 650 KiB.
    expect(weight.packages['zod'], 'zod at start-up').to.be.below(100 * 1024);
  });

  it('does not load node:crypto (only signed webhooks and error ids need it, later)', function () {
    expect(weight.builtins).to.not.include('node:crypto');
  });

  it('parses less than 600 KiB in all before the bot is ready', function () {
    expect(weight.totalBytes).to.be.below(600 * 1024);
  });
});
