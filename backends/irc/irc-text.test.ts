import { expect } from 'chai';
import { mentionsNick } from './incoming.ts';
import { IRC_LINE_BYTES, splitIrcText, textBudget } from './irc-lines.ts';
import { renderMarkdown, stripFormatting } from './irc-text.ts';

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

describe('IRC text', function () {
  describe('what people say', function () {
    it('arrives without colours, bold, italics, underline, reverse or reset codes', function () {
      expect(stripFormatting('\x02!deploy\x02 \x0304,12prod\x03 \x1dnow\x1d\x1f!\x1f\x16\x0f')).to.equal('!deploy prod now!');
      expect(stripFormatting('\x04ff0000,00ff00hex\x04 \x11mono\x11 \x1estrike\x1e')).to.equal('hex mono strike');
    });

    it('mentions the bot when its nick stands as a word, in any case', function () {
      expect(mentionsNick('banter: deploy', 'banter')).to.equal(true);
      expect(mentionsNick('thanks, Banter!', 'banter')).to.equal(true);
      expect(mentionsNick('banter_ is someone else', 'banter')).to.equal(false);
      expect(mentionsNick('the banterbot', 'banter')).to.equal(false);
      expect(mentionsNick('hi [bot]', '[bot]')).to.equal(true);
    });
  });

  describe('what the bot says (markdown)', function () {
    it('becomes plain text: emphasis, code, headings and links unwrapped', function () {
      expect(renderMarkdown('**Deploy** of `api` is *done* — see [the log](https://ci.example/1)')).to.equal('Deploy of api is done — see the log (https://ci.example/1)');
      expect(renderMarkdown('# Status\n* one\n+ two\n~~old~~ __new__')).to.equal('Status\n- one\n- two\nold new');
    });

    it('keeps code blocks verbatim and drops their fences', function () {
      expect(renderMarkdown('before\n```ts\nconst a = **b**;\n```\nafter')).to.equal('before\nconst a = **b**;\nafter');
    });

    it('leaves arithmetic, snake_case and escaped characters alone', function () {
      expect(renderMarkdown('2*3*4 = 24, my_var_name, \\*not italic\\*')).to.equal('2*3*4 = 24, my_var_name, *not italic*');
    });

    it('becomes IRC bold, italic and monospace codes when asked', function () {
      expect(renderMarkdown('**b** *i* `c`', 'irc')).to.equal('\x02b\x02 \x1di\x1d \x11c\x11');
    });
  });

  describe('lines on the wire', function () {
    const sender = { nick: 'banter', user: '~banter', host: '127.0.0.1' };

    it('counts the relayed prefix ":nick!user@host PRIVMSG #chan :" and CRLF against 512 bytes', function () {
      const budget = textBudget(sender, 'PRIVMSG', '#ops');
      expect(budget).to.equal(IRC_LINE_BYTES - 2 - utf8(':banter!~banter@127.0.0.1 PRIVMSG #ops :'));
    });

    it('assumes the longest user and host while the bot has not seen its own mask', function () {
      expect(textBudget({ nick: 'banter' }, 'PRIVMSG', '#ops')).to.be.below(textBudget(sender, 'PRIVMSG', '#ops'));
    });

    it('splits under the byte limit, at spaces, without cutting a character or an emoji apart', function () {
      const text = Array.from({ length: 120 }, (_, i) => `wörd${i} 👩‍👩‍👧 ✓`).join(' ');
      const budget = textBudget(sender, 'PRIVMSG', '#ops');
      const lines = splitIrcText(text, budget);
      expect(lines.length).to.be.greaterThan(1);
      for (const line of lines) {
        expect(utf8(line)).to.be.at.most(budget);
        expect(line).to.not.match(/\uFFFD/);
      }
      expect(lines.join(' ')).to.equal(text);
    });

    it('cuts a word longer than a line between characters, counting bytes not characters', function () {
      const lines = splitIrcText('é'.repeat(300), 101);
      expect(lines.map(utf8)).to.deep.equal([100, 100, 100, 100, 100, 100]);
      expect(lines.join('')).to.equal('é'.repeat(300));
    });

    it('turns every line of a reply into its own message and drops blank ones', function () {
      expect(splitIrcText('one\n\ntwo\r\nthree\n', 400)).to.deep.equal(['one', 'two', 'three']);
    });

    it('can never carry CR, LF, NUL or a CTCP marker inside a message', function () {
      const lines = splitIrcText('ok\r\nQUIT :x\rPRIVMSG #a :y\0z \x01DCC SEND\x01', 400);
      expect(lines).to.deep.equal(['ok', 'QUIT :xPRIVMSG #a :yz DCC SEND']);
      for (const line of lines) expect(line).to.not.match(/[\r\n\0\x01]/);
    });
  });
});
