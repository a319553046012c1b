import { readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { openStorage } from '../builtins.ts';
import { BanterError } from '../errors/banter-error.ts';
import { exportStorage, importStorage } from '../storage-transfer.ts';
import { EXIT } from './exit-codes.ts';
import { loadWithOverrides, type ConfigArgs } from './run-command.ts';

/** Options of `banter storage export` and `import`. */
export interface StorageArgs extends ConfigArgs {
  readonly namespace?: readonly string[];
  readonly file?: string;
  readonly out?: string;
  readonly replace?: boolean;
}

async function storeOf(args: ConfigArgs) {
  const { config, path } = await loadWithOverrides(args);
  if (config.storage.url.startsWith('memory:')) {
    throw new BanterError('E_STORAGE_EXPORT', 'storage.url is memory://: that data lives only inside a running bot process, so there is nothing to export or import.');
  }
  const provider = await openStorage(config.storage.url, dirname(path));
  await provider.ready?.();
  return provider;
}

/** `banter storage export`: every namespace (or those named) as JSON, to a file or standard output. */
export async function exportCommand(args: StorageArgs): Promise<number> {
  const provider = await storeOf(args);
  try {
    const json = `${JSON.stringify(await exportStorage(provider, args.namespace ?? []), null, 2)}\n`;
    if (args.out) await writeFile(args.out, json);
    else process.stdout.write(json);
  } finally {
    await provider.close();
  }
  return EXIT.ok;
}

/** `banter storage import <file>`: write an export back (`-` reads standard input). */
export async function importCommand(args: StorageArgs): Promise<number> {
  const text = args.file === '-' || !args.file ? await readStdin() : await readFile(args.file, 'utf8');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (err) {
    throw new BanterError('E_STORAGE_IMPORT', `${args.file ?? 'standard input'} is not JSON: ${(err as Error).message}`);
  }
  const provider = await storeOf(args);
  try {
    const summary = await importStorage(provider, document, { only: args.namespace, replace: args.replace });
    process.stderr.write(`imported ${summary.keys} keys in ${summary.namespaces} namespaces into ${provider.description}\n`);
  } finally {
    await provider.close();
  }
  return EXIT.ok;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
