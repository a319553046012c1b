import assert from 'node:assert/strict';
import type { PluginClass } from '../plugin.ts';
import { SamplePlugin } from './sample-plugin.ts';

/** Plays the human in end-to-end tests: says something, collects what the bot answers. */
export interface ChatDriver {
  /**
   * Say `text` (in `room`, or directly to the bot) and resolve with the bot's replies, in order. `replies`
   * is how many to expect: drivers over a network wait for that many (bounded by their own timeout).
   */
  say(text: string, options?: { readonly room?: string; readonly replies?: number }): Promise<string[]>;
  /** A room the human and the bot are both in, e.g. `#banter-e2e`. */
  readonly room: string;
}

/** A backend under test: starts a bot with the given plugins and a human to talk to it. */
export interface EndToEndTarget {
  readonly name: string;
  start(plugins: readonly PluginClass[]): Promise<{ readonly driver: ChatDriver; stop(): Promise<void> }>;
}

/**
 * The same conversation with {@link SamplePlugin}, through any backend. Every backend runs it, so a plugin
 * written against the console behaves the same on every service. Call it at the top level of a test file.
 */
export function pluginEndToEndSuite(target: EndToEndTarget): void {
  describe(`plugin end-to-end on the ${target.name} backend`, function () {
    let driver: ChatDriver;
    let stop: () => Promise<void>;

    before(async function () {
      const started = await target.start([SamplePlugin]);
      driver = started.driver;
      stop = () => started.stop();
    });

    after(async function () {
      await stop?.();
    });

    it('answers a plain command in a direct message', async function () {
      assert.deepEqual(await driver.say('!ping'), ['pong']);
    });

    it('passes the rest of the line to a multi-word command', async function () {
      assert.deepEqual(await driver.say('!sample echo hello   world'), ['hello   world']);
    });

    it('keeps unicode intact both ways', async function () {
      assert.deepEqual(await driver.say('!sample echo héllo wörld ✓ 🚀'), ['héllo wörld ✓ 🚀']);
    });

    it('parses typed arguments and answers a parse error with the usage', async function () {
      assert.deepEqual(await driver.say('!add 2 3'), ['5']);
      const [usage] = await driver.say('!add 2');
      assert.match(usage!, /add <a> <b>/);
      assert.match(usage!, /Not enough non-option arguments/);
    });

    it('runs a regex command', async function () {
      assert.deepEqual(await driver.say('!shout hello'), ['HELLO']);
    });

    it('sends each item of a streamed answer as its own reply', async function () {
      assert.deepEqual(await driver.say('!count 3', { replies: 3 }), ['1', '2', '3']);
    });

    it('replies with the message of a UserError', async function () {
      assert.deepEqual(await driver.say('!refuse'), ['I refuse, politely.']);
    });

    it('answers a crash with an error id and never the internal detail', async function () {
      const [reply] = await driver.say('!crash');
      assert.match(reply!, /error id [0-9a-f]{8}/);
      assert.doesNotMatch(reply!, /secret|srv|app\.ts/);
    });

    it('suggests the closest command for a typo', async function () {
      const [reply] = await driver.say('!pnig');
      assert.match(reply!, /not found/);
      assert.match(reply!, /!ping/);
    });

    it('answers in the room where it was asked', async function () {
      assert.deepEqual(await driver.say('!whereami', { room: driver.room }), [`in ${driver.room}`]);
      assert.deepEqual(await driver.say('!whereami'), ['in a direct message']);
    });

    it('shows a card as text where the backend has no cards, with its title and fields', async function () {
      const [reply] = await driver.say('!sample card');
      assert.match(reply!, /Sample status/);
      assert.match(reply!, /health: green/);
    });
  });
}
