import { expect } from 'chai';
import { CommandTable } from './command-table.ts';
import type { CommandEntry } from './command-entry.ts';
import type { CommandSpec } from '../commands/command-spec.ts';
import { CommandConflictError } from '../errors/command-conflict-error.ts';

function entry(name: string, plugin = 'p', aliases: string[] = []): CommandEntry {
  const spec: CommandSpec = {
    kind: 'plain', method: 'm', name, help: '', hidden: false, admin: false, aliases,
    timeoutMs: undefined, private: false, thread: false, secret: false, confirm: false, syntax: undefined,
  };
  return { spec, plugin, handler: () => undefined };
}

function tableWith(...names: string[]): CommandTable {
  const table = new CommandTable();
  table.add(names.map((n) => entry(n)));
  return table;
}

describe('CommandTable', function () {
  it('finds a command by name and hands over the rest of the line trimmed, inner newlines kept', function () {
    const found = tableWith('deploy').lookup('deploy  api\nprod  ');
    expect(found?.entry.spec.name).to.equal('deploy');
    expect(found?.args).to.equal('api\nprod');
  });

  it('matches names case-insensitively and accepts a newline right after the name', function () {
    expect(tableWith('deploy').lookup('DePloy\napi')?.args).to.equal('api');
  });

  it('prefers the longest multi-word name', function () {
    const table = tableWith('plugin', 'plugin config');
    expect(table.lookup('plugin config greeter {}')?.entry.spec.name).to.equal('plugin config');
    expect(table.lookup('plugin config greeter {}')?.args).to.equal('greeter {}');
    expect(table.lookup('plugin list')?.entry.spec.name).to.equal('plugin');
    expect(table.lookup('plugin   CONFIG x')?.entry.spec.name).to.equal('plugin config');
  });

  it('finds aliases', function () {
    const table = new CommandTable();
    table.add([entry('deploy', 'p', ['ship'])]);
    expect(table.lookup('ship it')?.entry.spec.name).to.equal('deploy');
  });

  it('returns nothing for unknown names and for blank text', function () {
    const table = tableWith('deploy');
    expect(table.lookup('deplo')).to.equal(undefined);
    expect(table.lookup('   ')).to.equal(undefined);
    expect(table.lookup('')).to.equal(undefined);
  });

  it('refuses a second command with a taken name, naming both plugins, and changes nothing', function () {
    const table = new CommandTable();
    table.add([entry('deploy', 'alpha')]);
    expect(() => table.add([entry('status', 'beta'), entry('deploy', 'beta')])).to.throw(CommandConflictError, /alpha.*beta/);
    expect(table.lookup('status')).to.equal(undefined);
  });

  it('forgets every command of a removed plugin and recomputes the longest name', function () {
    const table = new CommandTable();
    table.add([entry('plugin config', 'admin'), entry('ping', 'other')]);
    table.removePlugin('admin');
    expect(table.lookup('plugin config x')).to.equal(undefined);
    expect(table.lookup('ping')?.entry.plugin).to.equal('other');
  });

  it('reads only the first words of a 1 MB message', function () {
    const big = `deploy ${'x'.repeat(1024 * 1024)}`;
    const found = tableWith('deploy').lookup(big);
    expect(found?.args.length).to.equal(1024 * 1024);
  });

  it('does the same number of lookups per message with 10 or 5000 commands', function () {
    const small = tableWith(...Array.from({ length: 10 }, (_, i) => `cmd${i}`));
    const large = tableWith(...Array.from({ length: 5000 }, (_, i) => `cmd${i}`));
    for (const table of [small, large]) for (let i = 0; i < 100; i++) table.lookup(`cmd${i % 10} hello ${i}`);
    expect(small.lookups).to.equal(100);
    expect(large.lookups).to.equal(small.lookups);
  });
});
