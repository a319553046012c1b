import { expect } from 'chai';
import { IdentifierError, NotSupportedError } from 'banter';
import { parseIdentifier } from './identifier-text.ts';
import { IrcPerson, IrcRoom, IrcRoomOccupant, type IrcChannelOperations } from './identifiers.ts';
import { UserDirectory } from './user-directory.ts';

const NO_OPS = {} as IrcChannelOperations;

describe('IRC identifiers', function () {
  describe('who someone is (aclattr)', function () {
    it('is the services account when the network vouches for one', function () {
      const alice = new IrcPerson({ nick: 'Alice', user: '~alice', host: 'example.org', account: 'AliceAcct' });
      expect(alice.aclattr).to.equal('$a:aliceacct');
      expect(String(alice)).to.equal('Alice!~alice@example.org');
    });

    it('is the full mask, lower-cased, when there is no account — never the bare nick', function () {
      const alice = new IrcPerson({ nick: 'Alice', user: '~alice', host: 'Host.Example.org' });
      expect(alice.aclattr).to.equal('alice!~alice@host.example.org');
      expect(alice.aclattr).to.not.equal('alice');
    });

    it('is nick!*@* for someone known only by nick, which matches no real sender', function () {
      const stranger = new IrcPerson({ nick: 'mallory' });
      expect(stranger.aclattr).to.equal('mallory!*@*');
      expect(String(stranger)).to.equal('mallory');
    });

    it('is the same for a person and for that person seen in a channel', function () {
      const room = new IrcRoom('#ops', NO_OPS);
      const info = { nick: 'alice', user: '~a', host: 'h.example', account: 'alice' };
      const inRoom = new IrcRoomOccupant(info, room);
      expect(inRoom.aclattr).to.equal(new IrcPerson(info).aclattr);
      expect(String(inRoom)).to.equal('#ops/alice');
      expect(String(inRoom.person)).to.equal('alice!~a@h.example');
    });

    it('gives a channel its name in lower case, as channels are case-insensitive', function () {
      expect(new IrcRoom('#Ops', NO_OPS).aclattr).to.equal('#ops');
    });
  });

  describe('identifier text', function () {
    it('reads a nick, a full mask, a channel, a local channel and an occupant', function () {
      expect(parseIdentifier('alice')).to.deep.equal({ kind: 'person', info: { nick: 'alice' } });
      expect(parseIdentifier('alice!~a@host.example')).to.deep.equal({ kind: 'person', info: { nick: 'alice', user: '~a', host: 'host.example' } });
      expect(parseIdentifier('#ops')).to.deep.equal({ kind: 'room', channel: '#ops' });
      expect(parseIdentifier('&local')).to.deep.equal({ kind: 'room', channel: '&local' });
      expect(parseIdentifier('#ops/alice')).to.deep.equal({ kind: 'occupant', channel: '#ops', info: { nick: 'alice' } });
    });

    it('splits an occupant at the last slash, since nicks have none', function () {
      expect(parseIdentifier('#a/b/alice')).to.deep.equal({ kind: 'occupant', channel: '#a/b', info: { nick: 'alice' } });
    });

    it('takes the network\'s extra channel types', function () {
      expect(parseIdentifier('+modeless', '#&+')).to.deep.equal({ kind: 'room', channel: '+modeless' });
      expect(() => parseIdentifier('+modeless')).to.throw(IdentifierError);
    });

    it('refuses text that names nothing, or that could smuggle a second command', function () {
      for (const bad of ['', '   ', '#', '9lives', 'ali ce', '#ops\r\nQUIT', 'alice\r\nQUIT :x', 'alice!~a', 'a!b@c d', '#a,#b']) {
        expect(() => parseIdentifier(bad), JSON.stringify(bad)).to.throw(IdentifierError);
      }
    });
  });

  describe('the directory of who holds which nick', function () {
    it('carries an account learned from a join to the same connection\'s later messages', function () {
      const directory = new UserDirectory();
      directory.observe('alice', '~a', 'h.example', 'alice');
      expect(directory.observe('alice', '~a', 'h.example').account).to.equal('alice');
    });

    it('never gives a nick\'s new holder the account of the old one', function () {
      const directory = new UserDirectory();
      directory.observe('alice', '~a', 'h.example', 'alice');
      const impostor = directory.observe('alice', '~m', 'evil.example');
      expect(impostor.account).to.equal(undefined);
      expect(new IrcPerson(impostor).aclattr).to.equal('alice!~m@evil.example');
    });

    it('forgets an account when the network says the person logged out', function () {
      const directory = new UserDirectory();
      directory.observe('alice', '~a', 'h.example', 'alice');
      expect(directory.observe('alice', '~a', 'h.example', null).account).to.equal(undefined);
    });

    it('follows nick changes and quits', function () {
      const directory = new UserDirectory();
      directory.observe('alice', '~a', 'h.example', 'alice');
      directory.rename('alice', 'alice_away');
      expect(directory.get('alice')).to.equal(undefined);
      expect(directory.get('ALICE_AWAY')?.account).to.equal('alice');
      directory.forget('alice_away');
      expect(directory.get('alice_away')).to.equal(undefined);
    });

    it('completes a bare nick with everything known, and a mask only with its own account', function () {
      const directory = new UserDirectory();
      directory.observe('alice', '~a', 'h.example', 'alice');
      expect(directory.complete({ nick: 'alice' })).to.include({ user: '~a', host: 'h.example', account: 'alice' });
      expect(directory.complete({ nick: 'alice', user: '~a', host: 'h.example' }).account).to.equal('alice');
      expect(directory.complete({ nick: 'alice', user: '~x', host: 'elsewhere' }).account).to.equal(undefined);
    });

    it('keeps at most its limit, forgetting whoever was seen least recently', function () {
      const directory = new UserDirectory(undefined, 2);
      directory.observe('a', 'u', 'h');
      directory.observe('b', 'u', 'h');
      directory.observe('a', 'u', 'h');
      directory.observe('c', 'u', 'h');
      expect([directory.get('a'), directory.get('b'), directory.get('c')].map((x) => x?.nick)).to.deep.equal(['a', undefined, 'c']);
    });
  });

  it('refuses to destroy a channel, saying why, instead of pretending', async function () {
    const error = await new IrcRoom('#ops', NO_OPS).destroy().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(NotSupportedError);
    expect((error as Error).message).to.match(/irc backend does not support Room\.destroy: a channel disappears/);
  });
});
