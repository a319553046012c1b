import { expect } from 'chai';
import { emojiFor, reactionName } from './emoji.ts';

const none = () => undefined;

describe('Discord reaction names', function () {
  it('sends shortcodes as the emoji Discord wants, with or without colons', function () {
    expect(emojiFor('thumbsup', none)).to.equal('👍');
    expect(emojiFor(':+1:', none)).to.equal('👍');
    expect(emojiFor('white_check_mark', none)).to.equal('✅');
  });

  it('sends a custom emoji of the server as name:id, and an emoji given as itself unchanged', function () {
    expect(emojiFor('partyparrot', (name) => (name === 'partyparrot' ? { id: '123456789012345678', name } : undefined))).to.equal('partyparrot:123456789012345678');
    expect(emojiFor('🚀', none)).to.equal('🚀');
    expect(emojiFor('blob:123456789012345678', none)).to.equal('blob:123456789012345678');
  });

  it('knows no emoji by a word it has no table entry or custom emoji for', function () {
    expect(emojiFor('not_an_emoji', none)).to.equal(undefined);
  });

  it('reports reactions by their shortcode when there is one, else as the emoji or the custom name', function () {
    expect(reactionName({ id: null, name: '👍' })).to.equal('thumbsup');
    expect(reactionName({ id: null, name: '🦄' })).to.equal('🦄');
    expect(reactionName({ id: '123456789012345678', name: 'partyparrot' })).to.equal('partyparrot');
  });
});
