import { expect } from 'chai';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BanterError, ConfigError, PluginStorage, StorageUnavailableError } from 'banter';
import { createStorageProvider, loadStoreDriver, redactUrl } from './index.ts';

describe('storage', function () {
  let dir: string;

  beforeEach(async function () {
    dir = await mkdtemp(join(tmpdir(), 'banter-storage-'));
  });

  afterEach(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('says how to fix a storage driver that cannot load, such as a sqlite3 that was never built', async function () {
    const unbuilt = () => Promise.reject(new Error('Could not locate the bindings file. Tried:\n → /app/node_modules/sqlite3/build/node_sqlite3.node'));
    const error = await loadStoreDriver('sqlite', unbuilt).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).to.be.instanceOf(BanterError).and.to.have.property('code', 'E_STORAGE_DRIVER');
    expect((error as Error).message).to.equal(
      'The sqlite storage driver cannot be loaded (Could not locate the bindings file. Tried:): sqlite3 is a native module that is built when ' +
        'it is installed: run `npm rebuild sqlite3` in the bot project (it needs make, a C++ compiler and Python), or set storage.url to ' +
        '"memory://" to run without keeping data.',
    );
    expect(await loadStoreDriver('sqlite', async () => 'loaded')).to.equal('loaded');
  });

  it('creates the SQLite file and its folder on first use, and remembers which namespaces exist', async function () {
    const url = 'sqlite://./nested/data/banter.sqlite';
    const first = await createStorageProvider(url, { baseDir: dir });
    await first.ready?.();
    await new PluginStorage(await first.open('karma')).set('alice', { score: 3 });
    await first.open('deploys');
    await first.close();
    expect((await stat(join(dir, 'nested/data/banter.sqlite'))).isFile()).to.equal(true);
    const second = await createStorageProvider(url, { baseDir: dir });
    expect(await second.namespaces?.()).to.deep.equal(['deploys', 'karma']);
    expect(await new PluginStorage(await second.open('karma')).get('alice')).to.deep.equal({ score: 3 });
    await second.close();
  });

  it('refuses an unknown storage scheme, naming the field and the choices', async function () {
    let error: unknown;
    try {
      await createStorageProvider('mongodb://x');
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as Error).message).to.match(/storage\.url: unknown storage "mongodb:"; use "sqlite:/);
  });

  it('says which store is unreachable, with its password hidden, when the server is not there', async function () {
    const provider = await createStorageProvider('postgres://bot:hunter2@127.0.0.1:1/banter');
    let error: unknown;
    try {
      await provider.ready?.();
    } catch (err) {
      error = err;
    }
    await provider.close();
    expect(error).to.be.instanceOf(StorageUnavailableError);
    expect((error as Error).message).to.match(/^The bot's storage \(postgres:\/\/bot:\*\*\*@127\.0\.0\.1:1\/banter\) is not available: .*ECONNREFUSED/);
    expect((error as Error).message).to.not.contain('hunter2');
  });

  it('hides passwords in storage URLs', function () {
    expect(redactUrl('redis://:s3cret@cache:6379/0')).to.equal('redis://:***@cache:6379/0');
    expect(redactUrl('postgres://bot:p%40ss@db/banter')).to.equal('postgres://bot:***@db/banter');
    expect(redactUrl('sqlite://./data/banter.sqlite')).to.equal('sqlite://./data/banter.sqlite');
  });
});
