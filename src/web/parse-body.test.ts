import { expect } from 'chai';
import { parseBody, parseFields } from './parse-body.ts';

const json = Buffer.from('{"ref":"main"}');

describe('webhook bodies', function () {
  it('json: parses JSON types, refuses others with 415, malformed or missing JSON with 400', function () {
    expect(parseBody(json, 'application/json; charset=utf-8', 'json')).to.deep.equal({ ok: true, body: { ref: 'main' } });
    expect(parseBody(json, 'application/vnd.github+json', 'json')).to.deep.equal({ ok: true, body: { ref: 'main' } });
    expect(parseBody(json, 'text/plain', 'json')).to.deep.equal({ ok: false, status: 415, error: 'unsupported media type; send application/json' });
    expect(parseBody(Buffer.from('{"ref":'), 'application/json', 'json')).to.deep.equal({ ok: false, status: 400, error: 'malformed JSON body' });
    expect(parseBody(Buffer.alloc(0), 'application/json', 'json')).to.deep.equal({ ok: false, status: 400, error: 'a JSON body is required' });
  });

  it('form: gives the fields, arrays for repeated names, and refuses other types with 415', function () {
    const parsed = parseBody(Buffer.from('a=1&b=x+y&a=2'), 'application/x-www-form-urlencoded', 'form');
    expect(parsed).to.deep.equal({ ok: true, body: Object.assign(Object.create(null), { a: ['1', '2'], b: 'x y' }) });
    expect(parseBody(json, 'application/json', 'form')).to.include({ ok: false, status: 415 });
    expect(parseBody(Buffer.alloc(0), undefined, 'form')).to.deep.equal({ ok: true, body: Object.create(null) });
  });

  it('raw: gives the bytes whatever the type', function () {
    const bytes = Buffer.from([0, 1, 2, 255]);
    expect(parseBody(bytes, 'application/octet-stream', 'raw')).to.deep.equal({ ok: true, body: bytes });
    expect(parseBody(bytes, undefined, 'raw')).to.deep.equal({ ok: true, body: bytes });
  });

  it('auto: reads by Content-Type, nothing for an empty body, bytes for types it does not know', function () {
    expect(parseBody(json, 'application/json', 'auto')).to.deep.equal({ ok: true, body: { ref: 'main' } });
    expect(parseBody(Buffer.from('x=1'), 'application/x-www-form-urlencoded', 'auto')).to.deep.equal({ ok: true, body: Object.assign(Object.create(null), { x: '1' }) });
    expect(parseBody(Buffer.from('hello'), 'text/plain; charset=utf-8', 'auto')).to.deep.equal({ ok: true, body: 'hello' });
    expect(parseBody(Buffer.from('<a/>'), 'application/xml', 'auto')).to.deep.equal({ ok: true, body: Buffer.from('<a/>') });
    expect(parseBody(Buffer.alloc(0), 'application/json', 'auto')).to.deep.equal({ ok: true, body: undefined });
    expect(parseBody(Buffer.from('{'), 'application/json', 'auto')).to.include({ ok: false, status: 400 });
  });

  it('keeps hostile field names as plain fields', function () {
    const fields = parseFields('__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(fields)).to.equal(null);
    expect([fields['__proto__'], fields['constructor']]).to.deep.equal(['x', 'y']);
    const parsed = parseBody(Buffer.from('{"__proto__":{"polluted":true}}'), 'application/json', 'json');
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    expect(parsed.ok && Object.getPrototypeOf(parsed.body)).to.equal(Object.prototype);
  });
});
