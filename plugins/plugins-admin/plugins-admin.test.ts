import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Plugin, command } from 'banter';
import { z } from 'banter/zod';
import { createTestBot } from 'banter/testing';
import { PluginsAdminPlugin } from './index.ts';

class Greeter extends Plugin<{ greeting: string; times: number }> {
  static override metadata = {
    name: 'greeter',
    config: z.object({ greeting: z.string().default('hello'), times: z.number().int().min(1).default(1) }),
  };
  @command()
  greet() {
    return Array(this.config.times).fill(this.config.greeting).join(' ');
  }
}

describe('plugins-admin plugin', function () {
  let dir: string;

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'banter-plugin-config-'));
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  const bot = () =>
    createTestBot({
      plugins: [PluginsAdminPlugin, Greeter],
      config: { admins: ['@root'], storage: { url: `sqlite://${join(dir, 'banter.sqlite')}` }, plugins: { config: { greeter: { times: 2 } } } },
    });

  it('sets a plugin\'s configuration from chat, validated, applied at once and kept across a restart', async function () {
    const first = await bot();
    const root = first.as('@root');
    expect(await root.say('!greet')).to.equal('hello hello');
    expect(await root.say('!plugin config greeter')).to.equal('Configuration of greeter (from config.ts):\n```\n{\n  "times": 2\n}\n```');
    expect(await root.say('!plugin config greeter {"greeting": "hi", "times": 3}')).to.equal('Configuration of greeter saved and applied.');
    expect(await root.say('!greet')).to.equal('hi hi hi');
    await first.stop();

    const second = await bot();
    expect(await second.say('!greet')).to.equal('hi hi hi');
    expect(await second.as('@root').say('!plugin config greeter')).to.contain('(from chat)');
    await second.stop();
  });

  it('refuses invalid configuration, saying what is wrong, and keeps the old one', async function () {
    const b = await bot();
    const root = b.as('@root');
    expect(await root.say('!plugin config greeter {"times": 0}')).to.match(
      /^invalid configuration: plugins\.config\.greeter\.times: Too small: expected number to be >=1$/,
    );
    expect(await root.say('!plugin config greeter {times: 2}')).to.match(/^That is not valid JSON/);
    expect(await root.say('!greet')).to.equal('hello hello');
    expect(await root.say('!plugin config nosuch {}')).to.equal('There is no plugin named "nosuch". Loaded plugins: plugins-admin, greeter.');
    await b.stop();
  });

  it('is for admins only', async function () {
    const b = await bot();
    expect(await b.as('@alice').say('!plugin config greeter {"times": 5}')).to.match(/not allowed/);
    expect(await b.say('!greet')).to.equal('hello hello');
    await b.stop();
  });

  it('lists, deactivates, activates and restarts plugins', async function () {
    const b = await bot();
    const root = b.as('@root');
    expect(await root.say('!plugin list')).to.equal('plugins-admin: active — Manage plugins and their configuration\ngreeter: active');
    expect(await root.say('!plugin deactivate greeter')).to.equal('greeter is inactive.');
    expect(await root.say('!greet')).to.match(/not found/);
    expect(await root.say('!plugin activate greeter')).to.equal('greeter is active.');
    expect(await root.say('!plugin restart greeter')).to.equal('greeter restarted.');
    expect(await root.say('!plugin deactivate plugins-admin')).to.match(/cannot deactivate myself/);
    await b.stop();
  });
});
