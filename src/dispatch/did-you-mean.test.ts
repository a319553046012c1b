import { expect } from 'chai';
import { didYouMean } from './did-you-mean.ts';

describe('didYouMean', function () {
  const known = ['help', 'echo', 'status', 'uptime', 'plugin config', 'deploy'];

  it('suggests a command with swapped letters', function () {
    expect(didYouMean('ecoh', known)).to.include('echo');
    expect(didYouMean('statsu', known)).to.deep.equal(['status']);
  });

  it('suggests a multi-word command from its first word', function () {
    expect(didYouMean('plugn', known)).to.include('plugin config');
  });

  it('suggests nothing for unrelated or huge input', function () {
    expect(didYouMean('zzzzzz', known)).to.deep.equal([]);
    expect(didYouMean('x'.repeat(10_000), known)).to.deep.equal([]);
  });
});
