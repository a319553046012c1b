import { expect } from 'chai';
import { dependencyOrder } from './dependency-order.ts';

describe('dependencyOrder', function () {
  it('puts dependencies first and keeps independent plugins in their order', function () {
    const { order, problems } = dependencyOrder(new Map([['web', ['db']], ['alpha', []], ['db', []]]));
    expect(order).to.deep.equal(['db', 'web', 'alpha']);
    expect(problems.size).to.equal(0);
  });

  it('reports a missing dependency and whoever depends on the failed plugin', function () {
    const { order, problems } = dependencyOrder(new Map([['a', ['ghost']], ['b', ['a']], ['c', []]]));
    expect(order).to.deep.equal(['c']);
    expect(problems.get('a')).to.match(/"ghost", which is not loaded/);
    expect(problems.get('b')).to.match(/"a" cannot be activated/);
  });

  it('reports a cycle with its path instead of looping', function () {
    const { order, problems } = dependencyOrder(new Map([['a', ['b']], ['b', ['a']], ['c', []]]));
    expect(order).to.deep.equal(['c']);
    expect(problems.get('a')).to.match(/cycle: a → b → a/);
  });
});
