import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createSilentLogger } from './logger.ts';

describe('loggers', function () {
  it('createLogger writes JSON lines at its level and above, with the bot\'s name and a child\'s bindings', async function () {
    const dir = await mkdtemp(join(tmpdir(), 'banter-logger-'));
    try {
      const file = join(dir, 'logs', 'bot.log');
      const log = createLogger({ level: 'info', destination: file, name: 'opsbot' });
      log.debug('not written');
      log.child({ plugin: 'deploys' }).warn({ env: 'prod' }, 'deploy started');
      const lines = (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).to.have.length(1);
      expect(lines[0]).to.include({ name: 'opsbot', plugin: 'deploys', env: 'prod', msg: 'deploy started', level: 40 });
      expect(log.isLevelEnabled('debug')).to.equal(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the silent logger writes nothing, enables no level, and so do its children', function () {
    const log = createSilentLogger();
    expect(log.level).to.equal('silent');
    expect(log.isLevelEnabled('fatal')).to.equal(false);
    expect(log.child({ plugin: 'x' }).isLevelEnabled('error')).to.equal(false);
    expect(() => log.error({ err: new Error('ignored') }, 'nothing happens')).to.not.throw();
  });
});
