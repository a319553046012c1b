import { expect } from 'chai';
import { IdentifierError, Message, isOccupant, isPerson, isRoom } from 'banter';
import { xmppBackendOptions } from './config.ts';
import type { XmppRoomOccupant } from './identifiers.ts';
import { XmppBackend } from './xmpp-backend.ts';

// No server: identifiers are parsed from text, the way config files, storage and chat commands hold them.
describe('XMPP identifiers', function () {
  const backend = new XmppBackend(
    xmppBackendOptions.parse({ jid: 'banter@example.org', password: 'x', rooms: ['team@muc.example.org'] }),
    { botName: 'banter' },
  );

  it('makes a person of a bare JID, with the bare JID as aclattr', function () {
    const alice = backend.buildIdentifier('alice@example.org');
    expect(isPerson(alice) && !isOccupant(alice)).to.equal(true);
    expect([alice.aclattr, String(alice), (alice as { nick: string }).nick]).to.deep.equal(['alice@example.org', 'alice@example.org', 'alice']);
  });

  it('makes a person of a full JID: the resource is the client, the account is still the aclattr', function () {
    const alice = backend.buildIdentifier('Alice@Example.ORG/Laptop');
    expect(isPerson(alice)).to.equal(true);
    expect([alice.aclattr, String(alice), (alice as { client?: string }).client]).to.deep.equal(['alice@example.org', 'alice@example.org/Laptop', 'Laptop']);
    expect(String(backend.buildIdentifier(String(alice)))).to.equal(String(alice));
  });

  it('makes a room of a JID on the MUC service, and finds rooms by local name on the default service', function () {
    const ops = backend.buildIdentifier('ops@conference.example.org');
    expect(isRoom(ops) && ops.name).to.equal('ops@conference.example.org');
    expect(backend.queryRoom('ops').name).to.equal('ops@conference.example.org');
    expect(isRoom(backend.buildIdentifier('team@muc.example.org'))).to.equal(true); // a configured room's service
  });

  it("makes an occupant of room/nick, which without the room's word is anonymous: aclattr is room/nick, never an account", function () {
    const alice = backend.buildIdentifier('ops@conference.example.org/alice') as XmppRoomOccupant;
    expect(isOccupant(alice)).to.equal(true);
    expect([String(alice), alice.aclattr, alice.anonymous, alice.nick, String(alice.room)]).to.deep.equal([
      'ops@conference.example.org/alice',
      'ops@conference.example.org/alice',
      true,
      'alice',
      'ops@conference.example.org',
    ]);
    expect(backend.buildIdentifier(String(alice)).aclattr).to.equal(alice.aclattr);
  });

  it('escapes "@" in an anonymous nickname, so "x@example.org" cannot end like an account an admin glob names', function () {
    const impostor = backend.buildIdentifier('ops@conference.example.org/x@example.org');
    expect(String(impostor)).to.equal('ops@conference.example.org/x@example.org');
    expect(impostor.aclattr).to.equal('ops@conference.example.org/x\\40example.org');
    expect(impostor.aclattr.endsWith('@example.org')).to.equal(false);
  });

  for (const text of ['', '   ', 'alice', '@example.org', 'alice@', 'a b@example.org', 'alice@example.org/', 'ops@conference.example.org/ ']) {
    it(`refuses ${JSON.stringify(text)} with an IdentifierError instead of guessing`, function () {
      expect(() => backend.buildIdentifier(text)).to.throw(IdentifierError, /expected a JID/);
    });
  }

  it('refuses a room name with a nickname in it', function () {
    expect(() => backend.queryRoom('ops@conference.example.org/alice')).to.throw(IdentifierError);
  });

  it('answers a room message in the room, privately to the occupant, and a direct message to its sender', function () {
    const alice = backend.buildIdentifier('ops@conference.example.org/alice') as XmppRoomOccupant;
    const inRoom = new Message({ body: '!x', frm: alice, to: alice.room });
    expect(String(backend.buildReply(inRoom, 'hi').to)).to.equal('ops@conference.example.org');
    // The room hides who alice is, so "privately" is a private message through the room.
    expect(String(backend.buildReply(inRoom, 'psst', { private: true }).to)).to.equal('ops@conference.example.org/alice');
    const direct = new Message({ body: '!x', frm: backend.buildIdentifier('bob@example.org/phone') as never, to: backend.botIdentifier });
    expect(String(backend.buildReply(direct, 'hi').to)).to.equal('bob@example.org/phone');
  });
});
