import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { BanterError } from '../errors/banter-error.ts';
import { createSignatureVerifier } from './signature-verifier.ts';

const BODY = Buffer.from('{"zen":"Keep it logically awesome."}');

function github(secret: string, body = BODY): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

describe('webhook signatures', function () {
  it('accepts GitHub\'s X-Hub-Signature-256 made with the secret, and nothing else', function () {
    const verifier = createSignatureVerifier({ style: 'github', secret: 'It\'s a Secret to Everybody' }, {}, 'test');
    expect(verifier.verify({ 'x-hub-signature-256': github('It\'s a Secret to Everybody') }, BODY)).to.equal(true);
    expect(verifier.verify({ 'x-hub-signature-256': github('It\'s a Secret to Everybody').toUpperCase().replace('SHA256', 'sha256') }, BODY)).to.equal(true);
    expect(verifier.verify({ 'x-hub-signature-256': github('another secret') }, BODY)).to.equal(false);
    expect(verifier.verify({ 'x-hub-signature-256': github('It\'s a Secret to Everybody') }, Buffer.from('{"zen":"changed"}'))).to.equal(false);
    expect(verifier.verify({}, BODY), 'no header').to.equal(false);
    expect(verifier.verify({ 'x-hub-signature-256': 'sha1=abcd' }, BODY), 'other prefix').to.equal(false);
    expect(verifier.verify({ 'x-hub-signature-256': 'sha256=zz' }, BODY), 'not hex').to.equal(false);
    expect(verifier.verify({ 'x-hub-signature-256': 'sha256=abcd' }, BODY), 'too short').to.equal(false);
  });

  it('checks the example from GitHub\'s documentation', function () {
    // docs.github.com, "Validating webhook deliveries": secret and payload with the signature they give.
    const verifier = createSignatureVerifier({ style: 'github', secret: "It's a Secret to Everybody" }, {}, 'test');
    const header = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(verifier.verify({ 'x-hub-signature-256': header }, Buffer.from('Hello, World!'))).to.equal(true);
  });

  it('reads a generic HMAC: its header, algorithm, prefix and base64 digest', function () {
    const digest = createHmac('sha512', 'k').update(BODY).digest('base64');
    const verifier = createSignatureVerifier({ style: 'hmac', secret: 'k', header: 'X-Signature', algorithm: 'sha512', prefix: 'v1=', encoding: 'base64' }, {}, 'test');
    expect(verifier.verify({ 'x-signature': `v1=${digest}` }, BODY)).to.equal(true);
    expect(verifier.verify({ 'x-signature': digest }, BODY), 'prefix missing').to.equal(false);
    expect(verifier.verify({ 'x-signature': `v1=${createHmac('sha256', 'k').update(BODY).digest('base64')}` }, BODY), 'other algorithm').to.equal(false);
  });

  it('accepts any one of several secrets, for rotating them', function () {
    const verifier = createSignatureVerifier({ style: 'github', secret: ['new', 'old'] }, {}, 'test');
    expect(verifier.verify({ 'x-hub-signature-256': github('old') }, BODY)).to.equal(true);
    expect(verifier.verify({ 'x-hub-signature-256': github('new') }, BODY)).to.equal(true);
    expect(verifier.verify({ 'x-hub-signature-256': github('older') }, BODY)).to.equal(false);
  });

  it('refuses a header sent twice rather than pick one', function () {
    const verifier = createSignatureVerifier({ style: 'hmac', secret: 'k', header: 'x-sig' }, {}, 'test');
    const good = createHmac('sha256', 'k').update(BODY).digest('hex');
    expect(verifier.verify({ 'x-sig': good }, BODY)).to.equal(true);
    expect(verifier.verify({ 'x-sig': [good, good] } as never, BODY)).to.equal(false);
  });

  it('takes the secret from the plugin configuration, and fails loudly when it is empty', function () {
    const fromConfig = createSignatureVerifier({ style: 'github', secret: (c: { secret?: string }) => c.secret }, { secret: 'cfg' }, 'test');
    expect(fromConfig.verify({ 'x-hub-signature-256': github('cfg') }, BODY)).to.equal(true);
    const empty = () => createSignatureVerifier({ style: 'github', secret: (c: { secret?: string }) => c.secret }, {}, 'webhook github() of plugin "ci"');
    expect(empty).to.throw(BanterError, /^webhook github\(\) of plugin "ci": the signature secret is empty; set it in the plugin's configuration/);
    const failing = () =>
      createSignatureVerifier({ style: 'github', secret: () => { throw new Error('no vault'); } }, {}, 'w');
    expect(failing).to.throw(BanterError, 'w: the signature secret could not be read: no vault');
  });
});
