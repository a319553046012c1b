import { expect } from 'chai';
import { formatPerson, formatRoom, parseIdentifier } from './identifier-text.ts';

describe('Slack identifier notation', function () {
  it('reads people as @handle, <@U…>, <@U…|handle> and bare user ids', function () {
    expect(parseIdentifier('@alice')).to.deep.equal({ kind: 'person', person: { name: 'alice' } });
    expect(parseIdentifier('<@U0ALICE>')).to.deep.equal({ kind: 'person', person: { id: 'U0ALICE', name: undefined } });
    expect(parseIdentifier('<@U0ALICE|alice>')).to.deep.equal({ kind: 'person', person: { id: 'U0ALICE', name: 'alice' } });
    expect(parseIdentifier('W0GRID')).to.deep.equal({ kind: 'person', person: { id: 'W0GRID' } });
    expect(parseIdentifier('B0DEPLOY')).to.deep.equal({ kind: 'person', person: { id: 'B0DEPLOY' } });
  });

  it('reads conversations as #name, <#C…|name>, <#C…> and bare channel ids, names in lower case', function () {
    expect(parseIdentifier('#Ops')).to.deep.equal({ kind: 'room', room: { name: 'ops' } });
    expect(parseIdentifier('<#C0OPS|ops>')).to.deep.equal({ kind: 'room', room: { id: 'C0OPS', name: 'ops' } });
    expect(parseIdentifier('<#G0SECRET>')).to.deep.equal({ kind: 'room', room: { id: 'G0SECRET', name: undefined } });
    expect(parseIdentifier('C0OPS')).to.deep.equal({ kind: 'room', room: { id: 'C0OPS' } });
  });

  it('reads an occupant as room/person in any mix of the forms', function () {
    expect(parseIdentifier('#ops/@alice')).to.deep.equal({ kind: 'occupant', room: { name: 'ops' }, person: { name: 'alice' } });
    expect(parseIdentifier('<#C0OPS|ops>/<@U0ALICE>')).to.deep.equal({ kind: 'occupant', room: { id: 'C0OPS', name: 'ops' }, person: { id: 'U0ALICE', name: undefined } });
  });

  it('names nothing for text in none of the forms, instead of guessing', function () {
    for (const text of ['', 'alice', '@', '#', 'U0', '<@alice>', '#ops/alice', '@alice/#ops', 'D0IM1234', 'hello world']) {
      expect(parseIdentifier(text), text).to.equal(undefined);
    }
  });

  it('prints the readable form when the name is known and the id form otherwise, both of which read back', function () {
    expect(formatPerson('U0ALICE', 'alice')).to.equal('@alice');
    expect(formatPerson('U0ALICE', undefined)).to.equal('<@U0ALICE>');
    expect(formatPerson('B0DEPLOY', 'deploybot')).to.equal('B0DEPLOY'); // a bot without a user has no @handle to look up
    expect(formatRoom('C0OPS', 'ops')).to.equal('#ops');
    expect(formatRoom('C0OPS', undefined)).to.equal('<#C0OPS>');
    for (const text of ['@alice', '<@U0ALICE>', '#ops', '<#C0OPS>']) expect(parseIdentifier(text), text).to.not.equal(undefined);
  });
});
