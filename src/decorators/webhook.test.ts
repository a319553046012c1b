import { expect } from 'chai';
import { BanterError, Plugin, WebhookConflictError, webhook, type WebhookOptions } from 'banter';
import { webhooksOf } from '../web/webhook-metadata.ts';

/** The error `@webhook(path, options)` throws when applied to a method `handle`, or undefined. */
function declaring(path: string, options?: WebhookOptions): unknown {
  try {
    class Probe extends Plugin {
      static override metadata = { name: 'probe' };
      @webhook(path, options)
      handle() {
        return undefined;
      }
    }
    void Probe;
    return undefined;
  } catch (err) {
    return err;
  }
}

function messageOf(err: unknown): string {
  expect(err).to.be.instanceOf(BanterError);
  expect((err as BanterError).code).to.equal('E_WEBHOOK_OPTIONS');
  return (err as Error).message;
}

describe('@webhook', function () {
  it('records a POST route with the auto body mode unless told otherwise', function () {
    class Ci extends Plugin {
      static override metadata = { name: 'ci' };
      @webhook('/github/:repo')
      github() {
        return undefined;
      }
      @webhook('/', { methods: ['get' as 'GET', 'POST'], body: 'raw', bodyLimit: 10, timeoutMs: 5 })
      root() {
        return undefined;
      }
    }
    const specs = webhooksOf(Ci);
    expect(specs.map((s) => [s.method, s.path.text, s.path.shape, s.methods, s.body, s.bodyLimit, s.timeoutMs])).to.deep.equal([
      ['github', '/github/:repo', '/github/:', ['POST'], 'auto', undefined, undefined],
      ['root', '/', '/', ['GET', 'POST'], 'raw', 10, 5],
    ]);
  });

  it('refuses paths it could never serve, saying what to write', function () {
    expect(messageOf(declaring('github'))).to.equal('@webhook on handle(): the path "github" must start with "/", e.g. "/github" or "/builds/:id"');
    expect(messageOf(declaring('/a/'))).to.match(/must not end with "\/"/);
    expect(messageOf(declaring('/a//b'))).to.match(/has an empty segment/);
    expect(messageOf(declaring('/a/:id/:id'))).to.match(/uses the parameter ":id" twice/);
    expect(messageOf(declaring('/a b'))).to.match(/has the segment "a b": use letters, digits and "-._~", or ":name" for a parameter/);
    expect(messageOf(declaring('/files/*'))).to.match(/has the segment "\*"/);
  });

  it('refuses bad methods, body modes, limits and timeouts', function () {
    expect(messageOf(declaring('/x', { methods: [] }))).to.match(/methods must be a non-empty list/);
    expect(messageOf(declaring('/x', { methods: ['TRACE' as 'GET'] }))).to.match(/method "TRACE" is not one of GET, POST, PUT, PATCH, DELETE/);
    expect(messageOf(declaring('/x', { body: 'xml' as 'raw' }))).to.match(/body must be one of auto, json, form, raw/);
    expect(messageOf(declaring('/x', { bodyLimit: 0 }))).to.match(/bodyLimit must be a positive whole number of bytes/);
    expect(messageOf(declaring('/x', { timeoutMs: 1.5 }))).to.match(/timeoutMs must be a positive whole number of milliseconds/);
  });

  it('refuses signature settings that cannot verify anything', function () {
    expect(messageOf(declaring('/x', { signature: { style: 'github', secret: '' } }))).to.match(/signature.secret must be a non-empty string/);
    expect(messageOf(declaring('/x', { signature: { style: 'github', secret: ['a', ''] } }))).to.match(/signature.secret must be/);
    expect(messageOf(declaring('/x', { signature: { style: 'jwt', secret: 's' } as never }))).to.match(/signature.style must be "github" or "hmac"/);
    expect(messageOf(declaring('/x', { signature: { style: 'hmac', secret: 's', header: 'X Sig' } }))).to.match(/signature.header must be an HTTP header name/);
    expect(messageOf(declaring('/x', { signature: { style: 'hmac', secret: 's', header: 'X-Sig', algorithm: 'rot13' } }))).to.match(
      /signature.algorithm "rot13" is not a hash this Node.js has/,
    );
    expect(messageOf(declaring('/x', { signature: { style: 'hmac', secret: 's', header: 'X-Sig', encoding: 'utf8' as 'hex' } }))).to.match(
      /signature.encoding must be "hex" or "base64"/,
    );
    expect(declaring('/x', { signature: { style: 'hmac', secret: () => 's', header: 'X-Sig', algorithm: 'sha1', encoding: 'base64', prefix: 'v1=' } })).to.equal(
      undefined,
    );
  });

  it('refuses two methods of one class on the same route as the class is defined', function () {
    let error: unknown;
    try {
      class Twice extends Plugin {
        static override metadata = { name: 'twice' };
        @webhook('/builds/:id', { methods: ['POST', 'PUT'] })
        first() {
          return undefined;
        }
        @webhook('/builds/:build', { methods: ['PUT'] })
        second() {
          return undefined;
        }
      }
      void Twice;
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(WebhookConflictError);
    expect((error as Error).message).to.equal(
      'Plugin "twice" declares PUT /webhooks/twice/builds/:build twice, on first() and second(); give one of them another path or other methods.',
    );
  });

  it('lets a subclass replace the webhooks of a method it redeclares', function () {
    class Base extends Plugin {
      static override metadata = { name: 'base' };
      @webhook('/old')
      hook() {
        return undefined;
      }
      @webhook('/kept')
      kept() {
        return undefined;
      }
    }
    class Derived extends Base {
      @webhook('/new')
      override hook() {
        return undefined;
      }
    }
    expect(webhooksOf(Derived).map((s) => s.path.text)).to.deep.equal(['/new', '/kept']);
    expect(webhooksOf(Base).map((s) => s.path.text)).to.deep.equal(['/old', '/kept']);
  });
});
