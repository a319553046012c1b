import { expect } from 'chai';
import { Plugin, UserError, argCommand, command, regexCommand, type Card, type Message } from 'banter';
import { createTestBot, type TestBot } from 'banter/testing';

class Ops extends Plugin {
  static override metadata = { name: 'ops', description: 'Operations' };

  @command({ help: 'Echo', syntax: '<text>' })
  say(_msg: Message, args: string) {
    return args;
  }

  @command({ name: 'deploy status', help: 'Deploy status' })
  deployStatus(_msg: Message, args: string) {
    return `status of ${args || 'everything'}`;
  }

  @command({ help: 'Deploy', aliases: ['ship'] })
  deploy(_msg: Message, args: string) {
    return `deploying ${args}`;
  }

  @command({ help: 'Slow', timeoutMs: 50 })
  async hang(): Promise<string> {
    return new Promise(() => undefined); // never resolves
  }

  @command()
  async later(_msg: Message, args: string) {
    await new Promise((resolve) => setImmediate(resolve));
    return `later ${args}`;
  }

  @command()
  *lines() {
    yield 'one';
    yield undefined; // skipped
    yield 'two';
  }

  @command()
  card(): Card {
    return { title: 'Deploy', summary: 'api to prod', fields: [['by', 'alice']] };
  }

  @command()
  async revise(msg: Message) {
    const [sent] = await this.send(msg.frm, 'draft');
    await this.edit(sent!, 'final');
    return undefined;
  }

  @command()
  nothing() {
    return undefined;
  }

  @command()
  weird() {
    return 42 as unknown as string;
  }

  @command()
  long() {
    return Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
  }

  @command({ help: 'Admins only', admin: true })
  shutdown() {
    return 'shutting down';
  }

  @command({ private: true })
  secret() {
    return 'psst';
  }

  @command({ thread: true })
  threaded() {
    return 'in a thread';
  }

  @command({ name: 'threaded card', thread: true })
  threadedCard() {
    return { title: 'Deploy', body: 'in a thread too' };
  }

  @command()
  async announce(msg: Message) {
    await this.sendCard(msg.room ?? msg.frm, { title: 'Announcement' }, { inReplyTo: msg });
  }

  @argCommand({
    usage: '<service> [env]',
    args: (y) => y.positional('env', { choices: ['staging', 'prod'], default: 'staging' }).option('force', { type: 'boolean', default: false }),
  })
  release(_msg: Message, args: { service: string; env: string; force: boolean }) {
    return `release ${args.service} to ${args.env}${args.force ? ' (forced)' : ''}`;
  }

  @regexCommand(/^roll (\d+)$/, { help: 'Roll a die' })
  roll(_msg: Message, match: RegExpExecArray) {
    return `rolled a ${match[1]}`;
  }

  @regexCommand(/\b(OPS-\d+)\b/g, { prefixed: false, matchAll: true })
  tickets(_msg: Message, matches: RegExpExecArray[]) {
    return matches.map((m) => `https://tracker/${m[1]}`).join(' ');
  }

  @command()
  refuse() {
    throw new UserError('not today');
  }
}

describe('dispatch, as a user sees it', function () {
  let bot: TestBot;

  beforeEach(async function () {
    bot = await createTestBot({ plugins: [Ops], config: { admins: ['@root'] }, maxMessageSize: 100 });
  });

  afterEach(async function () {
    await bot.stop();
  });

  it('answers the ! prefix, in rooms and in direct messages', async function () {
    expect(await bot.say('!say hello')).to.equal('hello');
    expect(await bot.in('#ops').say('!say hello')).to.equal('hello');
  });

  it('runs nothing for a quiet message (an IRC NOTICE), even a command, yet shows it to onMessage hooks', async function () {
    class Listener extends Plugin {
      static override metadata = { name: 'listener' };
      readonly heard: Array<[string, boolean]> = [];
      override onMessage(message: Message): void {
        this.heard.push([message.body, message.quiet]);
      }
    }
    const quietBot = await createTestBot({ plugins: [Ops, Listener] });
    try {
      expect(await quietBot.say('!say hello', { quiet: true })).to.equal('');
      expect(await quietBot.in('#ops').say('!nosuchcommand', { quiet: true })).to.equal('', 'not even "not found"');
      expect(await quietBot.say('!say hello')).to.equal('hello');
      const listener = quietBot.bot.pluginManager.instance('listener') as Listener;
      expect(listener.heard).to.deep.equal([['!say hello', true], ['!nosuchcommand', true], ['!say hello', false]]);
    } finally {
      await quietBot.stop();
    }
  });

  it('answers direct messages without a prefix, but ignores unprefixed room chatter', async function () {
    expect(await bot.say('say hi')).to.equal('hi');
    expect(await bot.in('#ops').say('say hi')).to.equal('');
  });

  it('answers its name and @name as prefixes, case-insensitively', async function () {
    expect(await bot.in('#ops').say('banter: say a')).to.equal('a');
    expect(await bot.in('#ops').say('Banter, say b')).to.equal('b');
    expect(await bot.in('#ops').say('@BANTER say c')).to.equal('c');
    expect(await bot.in('#ops').say('banterbot say d')).to.equal('');
  });

  it('routes the longest multi-word command and aliases', async function () {
    expect(await bot.say('!deploy status api')).to.equal('status of api');
    expect(await bot.say('!deploy api')).to.equal('deploying api');
    expect(await bot.say('!ship api')).to.equal('deploying api');
  });

  it('waits for async handlers and sends each item of an iterable as its own reply', async function () {
    expect(await bot.say('!later x')).to.equal('later x');
    expect(await bot.replies('!lines')).to.deep.equal(['one', 'two']);
  });

  it('edits a sent message where the backend can, and sends the new text where it cannot', async function () {
    await bot.say('!revise');
    expect(bot.backend.actions).to.deep.include({ type: 'edit', messageId: 'm2', text: 'final' });
    const plain = await createTestBot({ plugins: [Ops], capabilities: { edits: false } });
    await plain.say('!revise');
    expect(plain.sent.map((m) => m.body)).to.deep.equal(['draft', 'final']);
    await plain.stop();
  });

  it('sends nothing for a command that returns nothing', async function () {
    expect(await bot.replies('!nothing')).to.deep.equal([]);
  });

  it('treats a handler returning something that is not a reply as a failure with an error id', async function () {
    expect(await bot.say('!weird')).to.match(/Sorry, !weird failed \(error id [0-9a-f]{8}\)/);
  });

  it('replies with a card natively where the backend has cards', async function () {
    const [reply] = await bot.exchange('!card');
    expect(reply!.extras['card']).to.deep.include({ title: 'Deploy' });
  });

  it('degrades a card to text where the backend has none', async function () {
    const plain = await createTestBot({ plugins: [Ops], capabilities: { cards: false } });
    const [reply] = await plain.exchange('!card');
    expect(reply!.body).to.equal('**Deploy**\napi to prod\nby: alice');
    expect(reply!.extras['card']).to.equal(undefined);
    await plain.stop();
  });

  it('splits a reply longer than the backend limit on word boundaries', async function () {
    const replies = await bot.replies('!long');
    expect(replies.length).to.be.greaterThan(1);
    for (const reply of replies) expect(reply.length).to.be.at.most(100);
    expect(replies.join(' ')).to.equal(Array.from({ length: 100 }, (_, i) => `word${i}`).join(' '));
  });

  it('answers a private command in a direct message even when asked in a room', async function () {
    const [reply] = await bot.in('#ops').as('@alice').exchange('!secret');
    expect(String(reply!.to)).to.equal('@alice');
  });

  it('answers a thread command in a thread where the backend has threads, and in the room where not', async function () {
    const [threaded] = await bot.in('#ops').exchange('!threaded');
    expect(threaded!.threadId).to.be.a('string');
    const flat = await createTestBot({ plugins: [Ops], capabilities: { threads: false } });
    const [inRoom] = await flat.in('#ops').exchange('!threaded');
    expect(inRoom!.threadId).to.equal(undefined);
    expect(String(inRoom!.to)).to.equal('#ops');
    await flat.stop();
  });

  it('threads a card like text: a thread command\'s card and a card sent in reply to a message', async function () {
    const [command] = await bot.in('#ops').exchange('!threaded card');
    expect(command!.extras['card']).to.deep.include({ title: 'Deploy' });
    expect(command!.threadId).to.equal(command!.inReplyTo!.id);
    const [announced] = await bot.in('#ops').exchange('!announce');
    expect(announced!.threadId).to.equal(announced!.inReplyTo!.id);
    const [inThread] = await bot.in('#ops').exchange('!threaded card', { thread: 'T1' });
    expect(inThread!.threadId).to.equal('T1');
  });

  it('parses typed arguments, and answers --help and parse errors with the usage', async function () {
    expect(await bot.say('!release api prod --force')).to.equal('release api to prod (forced)');
    expect(await bot.say('!release "my api"')).to.equal('release my api to staging');
    expect(await bot.say('!release api dev')).to.match(/^```\n!release <service> \[env\][\s\S]*Invalid values/);
    expect(await bot.say('!release --help')).to.match(/--force/);
    expect(await bot.say('!release api --bogus')).to.match(/Unknown argument: bogus/);
  });

  it('runs a prefixed regex command when no plain command matches', async function () {
    expect(await bot.say('!roll 6')).to.equal('rolled a 6');
  });

  it('runs a hear regex on ordinary room chatter, with every match', async function () {
    expect(await bot.in('#ops').say('see OPS-1 and OPS-22')).to.equal('https://tracker/OPS-1 https://tracker/OPS-22');
  });

  it('suggests the closest command for an unknown one', async function () {
    expect(await bot.say('!delpoy api')).to.match(/^Command "delpoy" not found\. Did you mean "!deploy"/);
    expect(await bot.say('!qqqqq')).to.equal('Command "qqqqq" not found. Try "!help".');
  });

  it('replies with a UserError message as it is', async function () {
    expect(await bot.say('!refuse')).to.equal('not today');
  });

  it('gives up on a command that never finishes, says so, and keeps answering others', async function () {
    const hanging = bot.say('!hang');
    expect(await bot.say('!say still here')).to.equal('still here');
    expect(await hanging).to.match(/!hang took longer than 50 ms, so I stopped waiting for it \(error id [0-9a-f]{8}\)/);
  });

  it('refuses an admin command to anyone config.ts does not name, even with the admin nick', async function () {
    expect(await bot.as('@alice').say('!shutdown')).to.equal('You are not allowed to run "shutdown": it is for bot admins only.');
    const impostor = bot.backend.person('mallory', 'root');
    expect(await bot.as(impostor).say('!shutdown')).to.match(/not allowed/);
    expect(await bot.as('@root').say('!shutdown')).to.equal('shutting down');
  });

  it('ignores empty and whitespace-only messages and a bare prefix', async function () {
    for (const text of ['', '   ', '\n\t', '!', '!   ']) expect(await bot.say(text)).to.equal('');
  });

  it('handles a 1 MB message without trouble', async function () {
    const big = 'x'.repeat(1024 * 1024);
    const replies = await bot.replies(`!say ${big}`);
    expect(replies.join('')).to.equal(big);
    expect(await bot.say(`!${big}`)).to.match(/^Command "x{40}…" not found/);
  });

  it('passes unicode and control characters through to the plugin unchanged', async function () {
    expect(await bot.say('!say héllo 🌍 \u0007 \u202e')).to.equal('héllo 🌍 \u0007 \u202e');
    expect(await bot.say('!SAY ok')).to.equal('ok');
  });

  it('never answers its own messages', async function () {
    expect(await bot.as('@banter').say('!say loop')).to.equal('');
  });
});
