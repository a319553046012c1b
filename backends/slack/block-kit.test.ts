import { expect } from 'chai';
import { renderCard, type Block } from './block-kit.ts';

const asIs = (markdown: string) => markdown.replaceAll('**', '*');

describe('cards as Block Kit', function () {
  it('renders title, summary, fields, image and buttons as blocks, with the text rendering as fallback', function () {
    const rendered = renderCard(
      {
        title: 'Deploy finished',
        summary: 'api v1.4.2 is live',
        fields: [['env', 'prod'], ['took', '42 s']],
        image: 'https://example.org/graph.png',
        actions: [{ id: 'rollback', label: 'Roll back', value: 'v1.4.1' }, { id: 'ok', label: 'OK' }],
      },
      asIs,
    );
    expect(rendered.blocks!.map((b) => b.type)).to.deep.equal(['header', 'section', 'section', 'image', 'actions']);
    expect(rendered.blocks![0]).to.deep.equal({ type: 'header', text: { type: 'plain_text', text: 'Deploy finished', emoji: true } });
    expect(rendered.blocks![2]!.fields).to.deep.equal([
      { type: 'mrkdwn', text: '*env*\nprod' },
      { type: 'mrkdwn', text: '*took*\n42 s' },
    ]);
    expect((rendered.blocks![4]!.elements as Block[]).map((e) => [e.action_id, e.value])).to.deep.equal([['rollback', 'v1.4.1'], ['ok', undefined]]);
    expect(rendered.text).to.match(/Deploy finished/).and.match(/env: prod/);
  });

  it('links the title when the card has a link, and puts the thumbnail beside the first text', function () {
    const rendered = renderCard({ title: 'PR #12', link: 'https://example.org/pr/12?a=1&b=2', body: 'Fixes it', thumbnail: 'https://example.org/t.png' }, asIs);
    expect(rendered.blocks![0]).to.deep.equal({ type: 'section', text: { type: 'mrkdwn', text: '*<https://example.org/pr/12?a=1&amp;b=2|PR #12>*' } });
    expect(rendered.blocks![1]!.accessory).to.deep.equal({ type: 'image', image_url: 'https://example.org/t.png', alt_text: 'PR #12' });
  });

  it('keeps to Slack limits: a 150-character header, 3000-character sections, 10 fields and 25 buttons per block', function () {
    const rendered = renderCard(
      {
        title: 'T'.repeat(200),
        body: `${'word '.repeat(1000)}`,
        fields: Array.from({ length: 12 }, (_, i) => [`k${i}`, 'v'] as const),
        actions: Array.from({ length: 30 }, (_, i) => ({ id: `a${i}`, label: 'L'.repeat(100) })),
      },
      asIs,
    );
    const blocks = rendered.blocks!;
    const header = blocks[0]!.text as { text: string };
    expect(header.text).to.have.length(150);
    expect(header.text.endsWith('…')).to.equal(true);
    const sections = blocks.filter((b) => b.type === 'section' && b.text);
    expect(sections.length).to.equal(2);
    for (const section of sections) expect((section.text as { text: string }).text.length).to.be.at.most(3000);
    expect(blocks.filter((b) => b.fields).map((b) => (b.fields as unknown[]).length)).to.deep.equal([10, 2]);
    expect(blocks.filter((b) => b.type === 'actions').map((b) => (b.elements as unknown[]).length)).to.deep.equal([25, 5]);
    expect(((blocks.find((b) => b.type === 'actions')!.elements as Block[])[0]!.text as { text: string }).text).to.have.length(75);
  });

  it('puts a coloured card in an attachment, the only place Slack shows a colour bar', function () {
    const rendered = renderCard({ title: 'Alert', summary: 'disk full', color: 'red' }, asIs);
    expect(rendered.blocks).to.equal(undefined);
    expect(rendered.attachments![0]!.color).to.equal('#e01e5a');
    expect(rendered.attachments![0]!.blocks.map((b) => b.type)).to.deep.equal(['header', 'section']);
  });

  it('uses the plugin\'s own fallback text when it wrote one', function () {
    expect(renderCard({ title: 'x', fallback: 'plain words' }, asIs).text).to.equal('plain words');
  });
});
