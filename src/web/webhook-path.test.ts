import { expect } from 'chai';
import { compareSpecificity, matchWebhookPath, parseWebhookPath } from './webhook-path.ts';

describe('webhook paths', function () {
  it('matches fixed segments exactly and gives parameters by name', function () {
    const path = parseWebhookPath('/repos/:owner/:repo/push', 'test');
    expect(matchWebhookPath(path, ['repos', 'octo', 'banter', 'push'])).to.deep.equal({ owner: 'octo', repo: 'banter' });
    expect(matchWebhookPath(path, ['repos', 'octo', 'banter', 'pull'])).to.equal(undefined);
    expect(matchWebhookPath(path, ['repos', 'octo', 'banter'])).to.equal(undefined);
    expect(matchWebhookPath(parseWebhookPath('/', 'test'), [])).to.deep.equal({});
  });

  it('gives parameters in an object with no prototype, so "__proto__" is only a name', function () {
    const params = matchWebhookPath(parseWebhookPath('/:constructor', 'test'), ['__proto__'])!;
    expect(Object.getPrototypeOf(params)).to.equal(null);
    expect(params['constructor']).to.equal('__proto__');
  });

  it('prefers fixed text to a parameter at the first place they differ', function () {
    const latest = parseWebhookPath('/builds/latest', 'test');
    const byId = parseWebhookPath('/builds/:id', 'test');
    const sorted = [byId, latest].sort(compareSpecificity);
    expect(sorted.map((p) => p.text)).to.deep.equal(['/builds/latest', '/builds/:id']);
    expect(compareSpecificity(parseWebhookPath('/a/:x', 'test'), parseWebhookPath('/a/:y', 'test'))).to.equal(0);
  });

  it('gives paths that match the same requests the same shape, whatever their parameter names', function () {
    expect(parseWebhookPath('/builds/:id', 'test').shape).to.equal(parseWebhookPath('/builds/:build', 'test').shape);
    expect(parseWebhookPath('/builds/:id', 'test').shape).to.not.equal(parseWebhookPath('/builds/latest', 'test').shape);
  });
});
