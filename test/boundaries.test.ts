import { expect } from 'chai';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Plugin } from 'banter';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FOLDERS = ['backends', 'plugins', 'storage'];
/** `banter/testing`, `banter/zod`…: the subpaths package.json publishes (`./package.json` is not code). */
const PUBLIC_SUBPATHS = new Set(
  Object.keys((JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string> }).exports)
    .filter((key) => key.startsWith('./') && !key.endsWith('.json'))
    .map((key) => `banter${key.slice(1)}`),
);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(path)));
    else if (/\.(ts|mts|js|mjs)$/.test(entry.name)) files.push(path);
  }
  return files;
}

/** The top folder of a module inside the repo (`backends/irc`), so relative imports stay inside it. */
function packageRoot(file: string): string {
  const [top, name] = relative(ROOT, file).split('/');
  return top === 'backends' || top === 'plugins' ? join(ROOT, top!, name!) : join(ROOT, top!);
}

describe('the public entry is the only door into the core', function () {
  it('backends/, plugins/ and storage/ import src/ only through the published entries (banter, banter/testing, banter/zod…)', async function () {
    const offences: string[] = [];
    for (const folder of FOLDERS) {
      for (const file of await sourceFiles(join(ROOT, folder))) {
        const text = await readFile(file, 'utf8');
        for (const match of text.matchAll(IMPORT)) {
          const specifier = match[1] ?? match[2]!;
          if (!specifier.startsWith('.')) {
            if (specifier.startsWith('banter/') && !PUBLIC_SUBPATHS.has(specifier)) offences.push(`${relative(ROOT, file)}: ${specifier}`);
            continue;
          }
          const target = resolve(file, '..', specifier);
          const root = folder === 'plugins' && relative(ROOT, file) === 'plugins/index.ts' ? join(ROOT, 'plugins') : packageRoot(file);
          // Tests may use the shared test fixtures (real servers, child processes); the code under test may not.
          if (file.endsWith('.test.ts') && target.startsWith(join(ROOT, 'test/support/'))) continue;
          if (!target.startsWith(root)) offences.push(`${relative(ROOT, file)}: ${specifier}`);
        }
      }
    }
    expect(offences, 'import from "banter" instead').to.deep.equal([]);
  });

  it('the check catches a relative import into src/', function () {
    const file = join(ROOT, 'backends/text/text-backend.ts');
    expect(resolve(file, '..', '../../src/bot.ts').startsWith(packageRoot(file))).to.equal(false);
  });

  it('loads one instance of banter in the test process, so plugins loaded at run time share its registries', async function () {
    // Plugins in folders are loaded with import(); a test runner that require()s this file would otherwise
    // see a second copy of banter whose decorators write elsewhere.
    const loaded = await import('banter');
    expect(loaded.Plugin).to.equal(Plugin);
  });
});
