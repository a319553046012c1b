import { expect } from 'chai';
import { splitMessage } from './split-message.ts';

describe('splitMessage', function () {
  it('leaves a message that fits alone', function () {
    expect(splitMessage('short', 100)).to.deep.equal(['short']);
  });

  it('cuts on word boundaries, every chunk within the limit, no word broken', function () {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`);
    const chunks = splitMessage(words.join(' '), 50);
    for (const chunk of chunks) expect(chunk.length).to.be.at.most(50);
    expect(chunks.join(' ').split(/\s+/)).to.deep.equal(words);
  });

  it('prefers paragraph breaks to line breaks to spaces', function () {
    const text = `${'a '.repeat(20).trim()}\n\n${'b '.repeat(20).trim()}`;
    expect(splitMessage(text, 50)).to.deep.equal(['a '.repeat(20).trim(), 'b '.repeat(20).trim()]);
  });

  it('never cuts inside a code block that fits in one chunk', function () {
    const code = '```\n' + Array.from({ length: 5 }, (_, i) => `line ${i}`).join('\n') + '\n```';
    const chunks = splitMessage(`${'intro '.repeat(10)}\n${code}\n${'outro '.repeat(10)}`, 70);
    expect(chunks.some((c) => c.includes(code))).to.equal(true);
  });

  it('closes and reopens a code block too long for one chunk, keeping its language', function () {
    const code = '```ts\n' + Array.from({ length: 30 }, (_, i) => `const v${i} = ${i};`).join('\n') + '\n```';
    const chunks = splitMessage(code, 120);
    expect(chunks.length).to.be.greaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).to.be.at.most(120);
      expect(chunk.startsWith('```ts\n')).to.equal(true);
      expect(chunk.endsWith('\n```')).to.equal(true);
    }
  });

  it('hard-splits a single word longer than the limit without separating a surrogate pair', function () {
    const emoji = '😀'.repeat(30); // 60 UTF-16 units
    const chunks = splitMessage(emoji, 25);
    expect(chunks.join('')).to.equal(emoji);
    for (const chunk of chunks) expect(chunk).to.not.match(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
  });

  it('refuses a limit too small to be useful', function () {
    expect(() => splitMessage('x'.repeat(100), 5)).to.throw(RangeError);
  });
});
