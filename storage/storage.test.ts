import { expect } from 'chai';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, PluginStorage } from 'banter';
import { createStorageProvider } from './index.ts';

describe('storage', function () {
  let dir: string;

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'banter-storage-'));
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the SQLite file and its folder on first use, and keeps data across a reopen', async function () {
    const url = 'sqlite://./nested/data/banter.sqlite';
    const first = createStorageProvider(url, { baseDir: dir });
    const store = new PluginStorage(await first.open('karma'));
    await store.set('alice', { score: 3, tags: ['ops'] });
    await first.close();
    expect((await stat(join(dir, 'nested/data/banter.sqlite'))).isFile()).to.equal(true);
    const second = createStorageProvider(url, { baseDir: dir });
    const again = new PluginStorage(await second.open('karma'));
    expect(await again.get('alice')).to.deep.equal({ score: 3, tags: ['ops'] });
    expect(await again.keys()).to.deep.equal(['alice']);
    await second.close();
  });

  for (const url of ['memory://', 'sqlite://banter.sqlite']) {
    it(`keeps namespaces apart (${url.split(':')[0]})`, async function () {
      const provider = createStorageProvider(url, { baseDir: dir });
      const a = new PluginStorage(await provider.open('alpha'));
      const b = new PluginStorage(await provider.open('beta'));
      await a.set('k', 'from alpha');
      await b.set('k', 'from beta');
      expect(await a.get('k')).to.equal('from alpha');
      expect(await b.keys()).to.deep.equal(['k']);
      expect(await a.delete('k')).to.equal(true);
      expect(await a.has('k')).to.equal(false);
      expect(await b.get('k')).to.equal('from beta');
      await provider.close();
    });
  }

  it('forgets a value after its time to live', async function () {
    const provider = createStorageProvider('memory://');
    const store = new PluginStorage(await provider.open('ttl'));
    await store.set('lock', 'deploy', 1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await store.get('lock')).to.equal(undefined);
    await provider.close();
  });

  it('applies concurrent updates of one key one after the other, losing none', async function () {
    const provider = createStorageProvider('sqlite://banter.sqlite', { baseDir: dir });
    const store = new PluginStorage(await provider.open('counter'));
    await Promise.all(Array.from({ length: 20 }, () => store.update<number>('n', (n = 0) => n + 1)));
    expect(await store.get('n')).to.equal(20);
    await provider.close();
  });

  it('refuses an unknown storage scheme, naming the field and the choices', function () {
    expect(() => createStorageProvider('mongodb://x')).to.throw(ConfigError, /storage\.url: unknown storage "mongodb:"; use "sqlite:/);
  });
});
