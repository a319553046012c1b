import { expect } from 'chai';
import { validateConfig } from './validate-config.ts';
import { ConfigError } from '../errors/config-error.ts';

function issuesOf(input: unknown): string[] {
  try {
    validateConfig(input);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('validateConfig', function () {
  it('turns an empty configuration into a working console bot with sqlite storage', function () {
    const config = validateConfig({});
    expect(config.backend).to.equal('text');
    expect(config.prefix).to.equal('!');
    expect(config.admins).to.deep.equal([]);
    expect(config.storage.url).to.equal('sqlite://./data/banter.sqlite');
  });

  it('names every bad field with a fix, all at once', function () {
    const issues = issuesOf({ prefix: '', commandTimeoutMs: -5, storage: { url: 'banter.sqlite' }, log: { level: 'loud' } });
    expect(issues).to.have.length(4);
    expect(issues.join('\n')).to.match(/^prefix: must not be empty; the usual prefix is "!"/m);
    expect(issues.join('\n')).to.match(/^commandTimeoutMs: must be more than 0 ms/m);
    expect(issues.join('\n')).to.match(/^storage\.url: must start with a scheme/m);
    expect(issues.join('\n')).to.match(/^log\.level: must be one of fatal, error/m);
  });

  it('names an unknown field and says to remove or respell it', function () {
    expect(issuesOf({ prefx: '!' })).to.deep.equal([
      ': unknown field "prefx"; remove it or check the spelling (docs/configuration.md lists every field)',
    ]);
  });

  it('says what type a field needs', function () {
    expect(issuesOf({ admins: 'alice' })[0]).to.match(/^admins: must be a list of identities/);
  });

  it('is idempotent, so a validated configuration validates to itself', function () {
    const once = validateConfig({ name: 'opsbot', admins: ['@alice'] });
    expect(validateConfig(once)).to.deep.equal(once);
  });
});
