import { expect } from 'chai';
import { BanterError } from 'banter';
import { cardToButtons, cardToEmbed, colorOf, decodeCardAction } from './embeds.ts';

describe('Discord embeds from cards', function () {
  it('puts the title (linked), summary and body, fields, images and colour where Discord shows them', function () {
    expect(
      cardToEmbed({
        title: 'Deploy',
        link: 'https://ci.example.org/1',
        summary: 'Done',
        body: 'All green',
        color: '#ff0000',
        fields: [['env', 'prod']],
        image: 'https://img.example.org/a.png',
        thumbnail: 'https://img.example.org/t.png',
      }),
    ).to.deep.equal({
      title: 'Deploy',
      url: 'https://ci.example.org/1',
      description: 'Done\n\nAll green',
      color: 0xff0000,
      fields: [{ name: 'env', value: 'prod', inline: true }],
      image: { url: 'https://img.example.org/a.png' },
      thumbnail: { url: 'https://img.example.org/t.png' },
    });
  });

  it('cuts what is longer than Discord allows instead of having the message refused', function () {
    const embed = cardToEmbed({ title: 't'.repeat(300), fields: Array.from({ length: 30 }, (_, i) => [`k${i}`, 'v'.repeat(2000)] as [string, string]) });
    expect(embed.title).to.have.length(256);
    expect(embed.title!.endsWith('…')).to.equal(true);
    expect(embed.fields).to.have.length(25);
    expect(embed.fields![0]!.value).to.have.length(1024);
  });

  it('never sends an empty embed or an empty field, which Discord refuses', function () {
    expect(cardToEmbed({ fallback: 'see the log' })).to.deep.equal({ description: 'see the log' });
    expect(cardToEmbed({ fields: [['', '']] }).fields).to.deep.equal([{ name: '\u200b', value: '\u200b', inline: true }]);
  });

  it('knows colour names and #rrggbb, and ignores what it does not know', function () {
    expect(colorOf('good')).to.equal(0x2eb886);
    expect(colorOf('00ff00')).to.equal(0x00ff00);
    expect(colorOf('chartreuse-ish')).to.equal(undefined);
  });

  it('turns actions into rows of at most five buttons whose custom_id brings the action back', function () {
    const rows = cardToButtons(Array.from({ length: 7 }, (_, i) => ({ id: `a${i}`, label: `A${i}`, value: i === 0 ? 'v0' : undefined })));
    expect(rows.map((row) => row.components.length)).to.deep.equal([5, 2]);
    expect(decodeCardAction(rows[0]!.components[0]!.custom_id)).to.deep.equal({ id: 'a0', value: 'v0' });
    expect(decodeCardAction(rows[1]!.components[1]!.custom_id)).to.deep.equal({ id: 'a6' });
    expect(decodeCardAction('someone-elses-button')).to.equal(undefined);
  });

  it('refuses an action too long for a button\'s custom_id, and more buttons than a message holds', function () {
    expect(() => cardToButtons([{ id: 'x', label: 'X', value: 'v'.repeat(200) }])).to.throw(BanterError, /too long for a Discord button/);
    expect(() => cardToButtons(Array.from({ length: 26 }, (_, i) => ({ id: `${i}`, label: `${i}` })))).to.throw(BanterError, /at most 25 buttons/);
  });
});
