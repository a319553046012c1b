import { expect } from 'chai';
import { xml } from '@xmpp/client';
import { delayOf, errorOf, mentionedNicks, presenceStanza, statusOf } from './stanzas.ts';

describe('XMPP stanzas', function () {
  it('sees a replayed message by its XEP-0203 delay, or the legacy XEP-0091 one', function () {
    const body = xml('body', {}, '!deploy');
    expect(delayOf(xml('message', {}, body, xml('delay', { xmlns: 'urn:xmpp:delay', stamp: '2024-01-01T00:00:00Z' })))).to.equal('2024-01-01T00:00:00Z');
    expect(delayOf(xml('message', {}, xml('x', { xmlns: 'jabber:x:delay', stamp: '20240101T00:00:00' })))).to.equal('20240101T00:00:00');
    expect(delayOf(xml('message', {}, xml('body', {}, '!deploy')))).to.equal(undefined);
  });

  it('reads presence as Banter statuses: no <show/> is online, xa is away, unavailable is offline', function () {
    expect(statusOf(xml('presence'))).to.equal('online');
    expect(statusOf(xml('presence', {}, xml('show', {}, 'chat')))).to.equal('online');
    expect(statusOf(xml('presence', {}, xml('show', {}, 'xa')))).to.equal('away');
    expect(statusOf(xml('presence', {}, xml('show', {}, 'dnd')))).to.equal('dnd');
    expect(statusOf(xml('presence', { type: 'unavailable' }))).to.equal('offline');
  });

  it('joins a room asking for no history, with the password when there is one', function () {
    const join = presenceStanza('away', 'busy', 'ops@conference.example.org/banter', { password: 'sesame' });
    expect(join.toString()).to.equal(
      '<presence to="ops@conference.example.org/banter"><show>away</show><status>busy</status>' +
        '<x xmlns="http://jabber.org/protocol/muc"><history maxstanzas="0"/><password>sesame</password></x></presence>',
    );
  });

  it('finds nicknames mentioned as words, longest first, whatever their case', function () {
    expect(mentionedNicks('Alice: al and @bob, ping', ['al', 'alice', 'bob', 'carol'])).to.deep.equal(['alice', 'bob', 'al']);
    expect(mentionedNicks('malice bobby', ['alice', 'bob'])).to.deep.equal([]);
    expect(mentionedNicks('c++ dev (c++)', ['c++'])).to.deep.equal(['c++']);
  });

  it("names a stanza error's condition and text", function () {
    const error = xml(
      'presence',
      { type: 'error' },
      xml('error', { type: 'auth' }, xml('not-authorized', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }), xml('text', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }, 'Password required')),
    );
    expect(errorOf(error)).to.equal('not-authorized: Password required');
  });
});
