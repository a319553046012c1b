import { expect } from 'chai';
import { Plugin, command, regexCommand, type Message, type PluginClass } from 'banter';
import { createTestBot, type TestBot } from 'banter/testing';

/** K commands over 10 plugins plus one hear pattern, like the dispatch benchmark. */
function pluginsWith(k: number): PluginClass[] {
  const classes: PluginClass[] = [];
  for (let p = 0; p < 10; p++) {
    class Commands extends Plugin {
      static override metadata = { name: `commands-${p}` };
    }
    for (let n = p; n < k; n += 10) {
      const method = `cmd${n}`;
      Object.defineProperty(Commands.prototype, method, { value: (_m: Message, args: string) => args, writable: true, configurable: true });
      command({ name: method })(Commands.prototype, method, Object.getOwnPropertyDescriptor(Commands.prototype, method)!);
    }
    classes.push(Commands);
  }
  class Hear extends Plugin {
    static override metadata = { name: 'hear' };
    @regexCommand(/\b(?:xyzzy|plugh)\b/i, { prefixed: false })
    hear() {
      return 'nothing happens';
    }
  }
  classes.push(Hear);
  return classes;
}

/** Map reads and regex runs while the bot handles `messages`, per message: work, not time. */
async function workPerMessage(bot: TestBot, messages: string[]): Promise<{ mapReads: number; regexRuns: number }> {
  const get = Map.prototype.get;
  const exec = RegExp.prototype.exec;
  let mapReads = 0;
  let regexRuns = 0;
  Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
    mapReads++;
    return get.call(this, key);
  };
  RegExp.prototype.exec = function (this: RegExp, text: string) {
    regexRuns++;
    return exec.call(this, text);
  };
  try {
    for (const text of messages) await bot.say(text);
  } finally {
    Map.prototype.get = get;
    RegExp.prototype.exec = exec;
  }
  return { mapReads: mapReads / messages.length, regexRuns: regexRuns / messages.length };
}

describe('dispatch work does not grow with the number of commands', function () {
  it('does the same map reads and regex runs per message with 10 commands as with 5000', async function () {
    const messages = Array.from({ length: 50 }, (_, i) => `!cmd${(i * 7) % 10} hello ${i}`);
    const small = await createTestBot({ plugins: pluginsWith(10) });
    const large = await createTestBot({ plugins: pluginsWith(5000) });
    expect(await large.say('!cmd4999 works')).to.equal('works');
    const few = await workPerMessage(small, messages);
    const many = await workPerMessage(large, messages);
    expect(many).to.deep.equal(few);
    expect(few.mapReads).to.be.below(10);
    await small.stop();
    await large.stop();
  });
});
