import { expect } from 'chai';
import { BanterError } from '../errors/banter-error.ts';
import { normalizeCommandName } from './command-name.ts';

describe('command names', function () {
  it('are lower-cased with single spaces, and a method name\'s underscores become spaces', function () {
    expect(normalizeCommandName('Deploy')).to.equal('deploy');
    expect(normalizeCommandName('  plugin   Config ')).to.equal('plugin config');
    expect(normalizeCommandName('plugin_config', true)).to.equal('plugin config');
    expect(normalizeCommandName('k8s.pods-v2')).to.equal('k8s.pods-v2');
  });

  it('may be written in any script', function () {
    expect(normalizeCommandName('Café')).to.equal('café');
    expect(normalizeCommandName('привет мир')).to.equal('привет мир');
    expect(normalizeCommandName('天気')).to.equal('天気');
  });

  it('are refused, with the rule, when they start with punctuation or contain symbols', function () {
    for (const bad of ['-deploy', '!deploy', 'deploy!', '', 'a/b', '_x']) {
      expect(() => normalizeCommandName(bad), bad).to.throw(BanterError, /is not a valid command name: use letters, digits/);
    }
  });
});
