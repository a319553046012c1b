import { expect } from 'chai';
import { runBanter as banter } from './support/run-banter.ts';

const CONFIGS = 'test/fixtures/configs';

describe('the banter command', function () {
  this.timeout(30_000);

  it('runs the console bot on piped input, prints the replies and exits 0 after the last one', async function () {
    const run = await banter(['run', '--config', `${CONFIGS}/memory.config.ts`], '!echo hi\n!folder\n!nope\n');
    expect(run.stdout).to.equal('hi\nfrom a folder\nCommand "nope" not found. Try "!help".\n');
    expect(run.code).to.equal(0);
  });

  it('stops when an admin confirms !shutdown, and answers nothing after it', async function () {
    const run = await banter(['run', '--config', `${CONFIGS}/memory.config.ts`], '/as @admin\n!shutdown\nyes\n!echo too late\n');
    expect(run.stdout).to.equal('This will run !shutdown. Answer yes to go ahead or no to cancel (within 60 s).\nShutting down.\n');
    expect(run.code).to.equal(0);
  });

  it('is what `npm start` runs with the repository config', async function () {
    const run = await banter(['run', '--config', 'config.ts', '--backend', 'text'], '!echo from config.ts\n');
    expect(run.stdout).to.equal('from config.ts\n');
    expect(run.code).to.equal(0);
  });

  it('names each bad field of config.ts with its fix and exits 2', async function () {
    const run = await banter(['run', '--config', `${CONFIGS}/bad.config.ts`]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.contain('prefix: must not be empty; the usual prefix is "!"');
    expect(run.stderr).to.contain('commandTimeoutMs: must be more than 0 ms');
    expect(run.stderr).to.contain('unknown field "prefx"');
  });

  it('says what to do when config.ts is missing or does not load', async function () {
    const missing = await banter(['check-config', '--config', 'no-such.config.ts']);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.match(/no configuration file at .*no-such\.config\.ts\. Create one .* or pass --config <file>/);
    const broken = await banter(['check-config', '--config', `${CONFIGS}/syntax-error.config.ts`]);
    expect(broken.code).to.equal(2);
    expect(broken.stderr).to.match(/syntax-error\.config\.ts could not be loaded: .*Fix the error in the file/);
  });

  it('lists the available backends for an unknown backend name', async function () {
    const run = await banter(['check-config', '--config', `${CONFIGS}/unknown-backend.config.ts`]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.match(/Unknown backend "carrier-pigeon"\. Built-in backends: text(, \w+)*\. .*installed backend package/);
    const flag = await banter(['run', '--config', `${CONFIGS}/memory.config.ts`, '--backend', 'nope']);
    expect(flag.stderr).to.match(/Unknown backend "nope"/);
  });

  it('checks a good configuration and lists its plugins, reporting one that fails to load', async function () {
    const check = await banter(['check-config', '--config', `${CONFIGS}/memory.config.ts`]);
    expect(check.stderr).to.match(/plugin broken: importing .* failed: this plugin is broken on purpose/);
    expect(check.code).to.equal(2);
    const plugins = await banter(['plugins', '--config', `${CONFIGS}/memory.config.ts`]);
    expect(plugins.stdout).to.match(/^help {2}\(builtin\)/m);
    expect(plugins.stdout).to.match(/^folder {2}\(.*good\/index\.ts\)/m);
    expect(plugins.stdout).to.match(/^broken {2}FAILED/m);
    expect(plugins.code).to.equal(1);
  });

  it('answers --help and a missing command like a shell user expects', async function () {
    const help = await banter(['--help']);
    expect(help.code).to.equal(0);
    expect(help.stdout).to.match(/banter run +start the bot/);
    const none = await banter([]);
    expect(none.code).to.equal(2);
    expect(none.stderr).to.contain('name a command: run, init, new, check-config, plugins or storage');
  });
});
