import assert from 'node:assert/strict';
import type { Backend } from '../backend.ts';
import { CAPABILITIES } from '../capabilities.ts';
import { NotSupportedError } from '../errors/not-supported-error.ts';
import { isOccupant, isPerson, isRoom } from '../identifiers.ts';
import { Message } from '../message.ts';

/** A backend under the conformance suite. */
export interface ConformanceTarget {
  readonly name: string;
  /** A connected backend (the suite disconnects it at the end). */
  connect(): Promise<Backend>;
  /** Identifier texts in this backend's notation: a person, a room and an occupant. */
  readonly identifiers: { readonly person: string; readonly room: string; readonly occupant: string };
}

/**
 * What every backend promises, whatever the service: identifiers that round-trip through text, declared
 * capabilities, typed errors for what it lacks, and replies addressed like the message they answer.
 * Call it at the top level of the backend's test file.
 */
export function backendConformanceSuite(target: ConformanceTarget): void {
  describe(`backend conformance: ${target.name}`, function () {
    let backend: Backend;

    before(async function () {
      backend = await target.connect();
    });

    after(async function () {
      await backend?.disconnect();
    });

    it('declares every capability explicitly', function () {
      for (const capability of CAPABILITIES) assert.equal(typeof backend.capabilities[capability], 'boolean', capability);
    });

    it('has a bot identity with a secure aclattr and a positive message size', function () {
      assert.ok(isPerson(backend.botIdentifier));
      assert.ok(backend.botIdentifier.aclattr.length > 0);
      assert.ok(backend.maxMessageSize > 0);
      assert.ok(backend.mode.length > 0);
    });

    for (const kind of ['person', 'room', 'occupant'] as const) {
      it(`builds a ${kind} whose String() round-trips through buildIdentifier`, function () {
        const text = target.identifiers[kind];
        const identifier = backend.buildIdentifier(text);
        const check = { person: isPerson, room: isRoom, occupant: isOccupant }[kind];
        assert.ok(check(identifier), `${text} should build a ${kind}`);
        const again = backend.buildIdentifier(String(identifier));
        assert.equal(String(again), String(identifier));
        assert.equal(again.aclattr, identifier.aclattr);
      });
    }

    it('refuses text that names nothing with an error, not a guess', function () {
      assert.throws(() => backend.buildIdentifier(''));
    });

    it('addresses a reply to a direct message back to the sender, and a room message to the room', function () {
      const person = backend.buildIdentifier(target.identifiers.person);
      const occupant = backend.buildIdentifier(target.identifiers.occupant);
      assert.ok(isPerson(person) && isOccupant(occupant));
      const direct = new Message({ body: 'hi', frm: person, to: backend.botIdentifier });
      assert.equal(String(backend.buildReply(direct, 'hello').to), String(person));
      const inRoom = new Message({ body: 'hi', frm: occupant, to: occupant.room });
      assert.equal(String(backend.buildReply(inRoom, 'hello').to), String(occupant.room));
      const privately = backend.buildReply(inRoom, 'psst', { private: true }).to;
      assert.ok(isPerson(privately));
      assert.equal(privately.aclattr, occupant.aclattr);
    });

    it('throws NotSupportedError, naming itself, for each capability it lacks', async function () {
      const room = backend.queryRoom(target.identifiers.room);
      const sent = { id: 'x', to: room };
      const calls = {
        reactions: () => backend.react(sent, 'ok'),
        edits: () => backend.edit(sent, 'x'),
        cards: () => backend.sendCard(room, { title: 'x' }),
        files: () => backend.uploadFile(room, { name: 'x.txt', content: 'x' }),
        typing: () => backend.startTyping(room),
      } as const;
      for (const [capability, call] of Object.entries(calls)) {
        if (backend.capabilities[capability as keyof typeof calls]) continue;
        await assert.rejects(
          (async () => call())(),
          (err: unknown) => err instanceof NotSupportedError && err.backend === backend.mode,
          `${capability} is not declared, so it must throw NotSupportedError`,
        );
      }
    });
  });
}
