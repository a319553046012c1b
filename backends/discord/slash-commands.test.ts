import { expect } from 'chai';
import type { CommandInfo } from 'banter';
import { buildSlashCommands, commandLine, sameSlashCommands } from './slash-commands.ts';

const info = (name: string, fields: Partial<CommandInfo> = {}): CommandInfo => ({
  name,
  plugin: 'p',
  kind: 'plain',
  help: `Does ${name}`,
  syntax: undefined,
  hidden: false,
  admin: false,
  aliases: [],
  prefixed: true,
  ...fields,
});

describe('slash commands from Banter commands', function () {
  it('names multi-word commands with dashes and turns <required> [optional] syntax into string options', function () {
    const { definitions, routes } = buildSlashCommands([info('deploy app', { syntax: '<service> [env]' })]);
    expect(definitions).to.deep.equal([
      {
        type: 1,
        name: 'deploy-app',
        description: 'Does deploy app',
        options: [
          { type: 3, name: 'service', description: 'service (required)', required: true },
          { type: 3, name: 'env', description: 'env', required: false },
        ],
      },
    ]);
    expect(routes.get('deploy-app')).to.deep.equal({ command: 'deploy app', options: ['service', 'env'], quote: false });
  });

  it('falls back to one optional "arguments" option for a syntax it cannot split', function () {
    for (const syntax of ['<room> <person>…', '[plugin | command]', '[count] [@user]', '[a] <b>']) {
      const [definition] = buildSlashCommands([info('x', { syntax })]).definitions;
      expect(definition!.options, syntax).to.deep.equal([{ type: 3, name: 'arguments', description: syntax, required: false }]);
    }
  });

  it('gives argument commands their positionals plus an "options" text for flags', function () {
    const [definition] = buildSlashCommands([info('add', { kind: 'args', syntax: '<a> <b> [options]' })]).definitions;
    expect(definition!.options!.map((o) => [o.name, o.required])).to.deep.equal([
      ['a', true],
      ['b', true],
      ['options', false],
    ]);
  });

  it('leaves out regex and hidden commands, and names it cannot register, saying why', function () {
    const { definitions, skipped } = buildSlashCommands([
      info('shout', { kind: 'regex' }),
      info('secret', { hidden: true }),
      info('Ünïcode ok'),
      info('what?'),
      info('a b'),
      info('a-b'),
    ]);
    expect(definitions.map((d) => d.name)).to.deep.equal(['ünïcode-ok', 'a-b']);
    expect(skipped.map((s) => s.command)).to.deep.equal(['secret', 'what?', 'a-b']);
  });

  it('shows admin commands by default only to server administrators', function () {
    const [definition] = buildSlashCommands([info('shutdown', { admin: true })]).definitions;
    expect(definition!.default_member_permissions).to.equal('0');
  });

  it('writes the command line back in syntax order, quoting blanks only for argument commands', function () {
    const values = new Map([['env', 'prod eu'], ['service', 'api']]);
    expect(commandLine({ command: 'deploy', options: ['service', 'env'], quote: false }, values)).to.equal('deploy api prod eu');
    expect(commandLine({ command: 'deploy', options: ['service', 'env'], quote: true }, values)).to.equal('deploy api "prod eu"');
    expect(commandLine({ command: 'add', options: ['a', 'b', 'options'], quote: true }, new Map([['a', '1'], ['options', '--x 2']]))).to.equal('add 1 --x 2');
  });

  it('sees Discord\'s copy as the same when only fields Discord adds differ, and as different otherwise', function () {
    const { definitions } = buildSlashCommands([info('ping'), info('deploy', { syntax: '<service>' })]);
    const registered = definitions.map((d, i) => ({ ...d, id: `${i}`, application_id: '1', version: '2', default_member_permissions: null, dm_permission: true, nsfw: false }));
    expect(sameSlashCommands([...registered].reverse(), definitions)).to.equal(true);
    expect(sameSlashCommands(registered.slice(1), definitions)).to.equal(false);
    expect(sameSlashCommands([{ ...registered[0], description: 'changed' }, registered[1]], definitions)).to.equal(false);
  });
});
