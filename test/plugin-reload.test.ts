import { expect } from 'chai';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestBot, type TestBot } from 'banter/testing';
import { PluginsAdminPlugin } from '../plugins/plugins-admin/index.ts';

// Inside the repository (and git-ignored) so that tsx compiles the plugin with the project's decorator settings.
const DIR = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures', 'generated', `reload-${process.pid}`);

const version = (reply: string, extra = '') => `import { Plugin, command } from 'banter';
${extra}
export class Greeter extends Plugin {
  static override metadata = { name: 'greeter', version: '${reply}' };
  @command()
  greet() {
    return '${reply}';
  }
}
`;

describe('plugin reload: new code from a plugin folder without restarting the bot', function () {
  let bot: TestBot;
  const file = join(DIR, 'greeter.ts');

  beforeEach(async function () {
    await mkdir(DIR, { recursive: true });
    await writeFile(file, version('hello'));
    bot = await createTestBot({ plugins: [PluginsAdminPlugin], config: { admins: ['@root'], plugins: { dirs: [DIR] } } });
  });

  afterEach(async function () {
    await bot.stop();
    await rm(DIR, { recursive: true, force: true });
  });

  it('puts the changed code in service at once', async function () {
    const root = bot.as('@root');
    expect(await root.say('!greet')).to.equal('hello');
    await writeFile(file, version('bonjour'));
    expect(await root.say('!plugin reload greeter')).to.equal('greeter reloaded and active.');
    expect(await root.say('!greet')).to.equal('bonjour');
    expect(await root.say('!plugin info greeter')).to.equal(`greeter bonjour: active\nfrom: ${file}\ncommands: greet`);
  });

  it('keeps the running code when the new code does not import or fails to activate', async function () {
    const root = bot.as('@root');
    await writeFile(file, 'export class Greeter extends {');
    expect(await root.say('!plugin reload greeter')).to.match(/^Kept the running code of "greeter": importing .*greeter\.ts failed: /);
    expect(await root.say('!greet')).to.equal('hello');

    await writeFile(file, version('hallo').replace('greet() {', 'override activate() {\n    throw new Error("no database");\n  }\n  @command()\n  greet() {'));
    expect(await root.say('!plugin reload greeter')).to.equal('Kept the previous code of "greeter": Plugin "greeter" could not be loaded: no database');
    expect(await root.say('!greet')).to.equal('hello');
  });

  it('says a plugin given as a class or built in can only be reloaded by restarting the process', async function () {
    expect(await bot.as('@root').say('!plugin reload plugins-admin')).to.equal(
      '"plugins-admin" is given as a class: its code is loaded once per process, so restart the process to load new code.',
    );
  });
});
