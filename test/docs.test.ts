/**
 * Every ```ts block in docs/ and README.md, and in the TSDoc comments (`@example`) of the sources, is a complete
 * module that must type-check against the public API.
 *
 * The blocks are written to their own files in a folder inside the repository (.tmp/docs-check/<pid>/, ignored by
 * git), so `banter` and `banter/testing` resolve through the package's self-reference exactly as they do for a
 * bot project. A tsconfig there extends the root one (strict, NodeNext, verbatimModuleSyntax, legacy decorators)
 * and includes only those files; one compiler run checks them all. A block may opt out with ```ts nocheck.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = join(ROOT, 'docs');
const OUT = join(ROOT, '.tmp', 'docs-check', String(process.pid));

/** One fenced ```ts block of a markdown file. */
interface Block {
  /** Markdown file, relative to the repository root (`docs/writing-plugins.md`). */
  readonly doc: string;
  /** 1-based number of the block among the doc's ts blocks, opted-out ones included. */
  readonly index: number;
  /** Line of the markdown file where the block's code starts (after the opening fence). */
  readonly line: number;
  readonly code: string;
  readonly nocheck: boolean;
}

/** A compiler diagnostic, mapped back to the markdown it came from. */
interface DocError {
  readonly block: Block;
  /** Line and column in the block (1-based). */
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Files under `dirs` (recursively, in name order) whose name `accept`s, as paths relative to the repository. */
function filesUnder(dirs: readonly string[], accept: (name: string) => boolean): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (accept(name)) found.push(relative(ROOT, path));
    }
  };
  for (const dir of dirs) walk(dir);
  return found;
}

function markdownFiles(): string[] {
  return ['README.md', ...filesUnder([DOCS], (name) => name.endsWith('.md'))];
}

const OPENING = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/;

/** The ```ts / ```typescript blocks of one markdown file. Other fenced blocks are skipped whole. */
function tsBlocks(doc: string, markdown: string): Block[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: Block[] = [];
  let index = 0;
  for (let i = 0; i < lines.length; i++) {
    const open = OPENING.exec(lines[i]!);
    if (!open) continue;
    const [, indent = '', fence = '', lang = '', rest = ''] = open;
    const closing = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !closing.test(lines[j]!)) {
      const line = lines[j]!;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
      j++;
    }
    if (lang === 'ts' || lang === 'typescript') {
      index++;
      blocks.push({ doc, index, line: i + 2, code: `${body.join('\n')}\n`, nocheck: /\bnocheck\b/.test(rest) });
    }
    i = j;
  }
  return blocks;
}

function fileNameOf(block: Block): string {
  return `${block.doc.replace(/\.(md|ts)$/, '').replace(/[\\/]/g, '__')}-${block.index}.ts`;
}

/** Write the blocks and a tsconfig, run tsc once, and return the diagnostics per block file. */
function typeCheck(blocks: readonly Block[]): { errors: DocError[]; unmapped: string[] } {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const byFile = new Map<string, Block>();
  for (const block of blocks) {
    const file = fileNameOf(block);
    byFile.set(file, block);
    writeFileSync(join(OUT, file), block.code);
  }
  const tsconfig = {
    extends: relative(OUT, join(ROOT, 'tsconfig.json')).replace(/\\/g, '/'),
    // Examples are fragments (a field shown but not used), so the repository's unused-name checks are off here.
    compilerOptions: { noEmit: true, incremental: false, noUnusedLocals: false, noUnusedParameters: false },
    // Plus the repository's own declarations for untyped dependencies (e.g. backends/irc/irc-framework.d.ts),
    // which the blocks reach through banter's built-in backends.
    include: [...byFile.keys(), `${relative(OUT, ROOT).replace(/\\/g, '/')}/backends/**/*.d.ts`],
    exclude: [],
  };
  writeFileSync(join(OUT, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);

  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(OUT, 'tsconfig.json'), '--pretty', 'false'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;

  const errors: DocError[] = [];
  const unmapped: string[] = [];
  // `file.ts(3,7): error TS2322: message`, with continuation lines indented.
  const head = /^(.*?)\((\d+),(\d+)\): error (TS\d+: .*)$/;
  let current: { block: Block; line: number; column: number; message: string[] } | undefined;
  const flush = () => {
    if (current) errors.push({ block: current.block, line: current.line, column: current.column, message: current.message.join('\n') });
    current = undefined;
  };
  for (const line of `${run.stdout}${run.stderr}`.split('\n')) {
    const match = head.exec(line);
    if (match) {
      flush();
      const block = byFile.get(basename(resolve(ROOT, match[1]!)));
      if (block) current = { block, line: Number(match[2]), column: Number(match[3]), message: [match[4]!] };
      else unmapped.push(line);
    } else if (current && /^\s/.test(line) && line.trim()) {
      current.message.push(line.trim());
    } else if (line.trim()) {
      flush();
      unmapped.push(line);
    }
  }
  flush();
  if (run.status !== 0 && errors.length === 0 && unmapped.length === 0) unmapped.push(`tsc exited with status ${run.status}`);
  return { errors, unmapped };
}

function describeError(error: DocError): string {
  const { block } = error;
  return (
    `${block.doc} block ${block.index} (line ${block.line + error.line - 1} of the doc, ` +
    `${error.line}:${error.column} in the block): ${error.message}`
  );
}

/** Non-test TypeScript sources whose TSDoc may carry examples. */
function sourceFiles(): string[] {
  return filesUnder(
    ['src', 'backends', 'plugins', 'storage'].map((dir) => join(ROOT, dir)),
    (name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'),
  );
}

/** The text of a source file's `/** … *\/` comments, ` * ` margins removed, as markdown; other lines left empty. */
function tsdocText(source: string): string {
  const out: string[] = [];
  let inside = false;
  for (const line of source.split(/\r?\n/)) {
    if (!inside && /^\s*\/\*\*/.test(line)) inside = true;
    out.push(inside ? line.replace(/^\s*(?:\/\*\*|\*\/|\*(?!\/) ?)/, '').replace(/\*\/\s*$/, '') : '');
    if (inside && /\*\/\s*$/.test(line)) inside = false;
  }
  return out.join('\n');
}

const docs = [...markdownFiles(), ...sourceFiles()];
const blocksByDoc = new Map(
  docs.map((doc) => {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    return [doc, tsBlocks(doc, doc.endsWith('.md') ? text : tsdocText(text))];
  }),
);

describe('docs: every ts block type-checks against the public API', function () {
  let result: { errors: DocError[]; unmapped: string[] };

  before(function () {
    this.timeout(180_000);
    const checked = [...blocksByDoc.values()].flat().filter((b) => !b.nocheck);
    result = typeCheck(checked);
  });

  after(function () {
    // Keep the files when something failed, so the compiler's view can be inspected.
    const failed = result && (result.errors.length > 0 || result.unmapped.length > 0);
    if (!failed) rmSync(OUT, { recursive: true, force: true });
  });

  it('the compiler ran and reported nothing outside the doc blocks', function () {
    expect(result.unmapped, `tsc output not tied to a block (files kept in ${OUT}):\n${result.unmapped.join('\n')}`).to.deep.equal([]);
  });

  it('docs/ has ts blocks to check', function () {
    const count = [...blocksByDoc.entries()].filter(([doc]) => doc.startsWith('docs')).reduce((n, [, b]) => n + b.length, 0);
    expect(count).to.be.greaterThan(0);
  });

  for (const doc of docs.filter((d) => blocksByDoc.get(d)!.length > 0)) {
    it(`${doc}: every ts block compiles`, function () {
      const errors = result.errors.filter((e) => e.block.doc === doc);
      expect(errors.map(describeError), `files kept in ${OUT}`).to.deep.equal([]);
    });
  }
});

describe('docs: ts block extraction', function () {
  it('finds ts and typescript blocks, numbers them, honours nocheck and skips other fences', function () {
    const markdown = [
      '# t',
      '```ts',
      'const a = 1;',
      '```',
      '````md',
      '```ts',
      'not a block of its own',
      '```',
      '````',
      '- item',
      '  ```typescript',
      '  const b = 2;',
      '  ```',
      '```ts nocheck',
      'broken(',
      '```',
      '```sh',
      'npm test',
      '```',
    ].join('\n');
    const blocks = tsBlocks('x.md', markdown);
    expect(blocks.map((b) => [b.index, b.line, b.code, b.nocheck])).to.deep.equal([
      [1, 3, 'const a = 1;\n', false],
      [2, 12, 'const b = 2;\n', false],
      [3, 15, 'broken(\n', true],
    ]);
  });

  it('finds the ts blocks of TSDoc comments in a source file, at their lines, and nothing in its code', function () {
    const source = [
      "import { z } from 'zod';",
      '/**',
      ' * Options.',
      ' *',
      ' * @example',
      ' * ```ts',
      " * const x = options.parse({});",
      ' * ```',
      ' */',
      'export const options = z.object({});',
      '// ```ts',
      '// not a doc block',
      '// ```',
    ].join('\n');
    expect(tsBlocks('x.ts', tsdocText(source)).map((b) => [b.line, b.code])).to.deep.equal([[7, 'const x = options.parse({});\n']]);
  });
});
