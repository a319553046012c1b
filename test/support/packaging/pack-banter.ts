import { cp, mkdir, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mustRun } from './run-command.ts';

/** The repository root. */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** What `npm pack` needs from the repository: the package's files and the inputs of its build. */
const SOURCES = ['package.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'bin', 'src', 'backends', 'plugins', 'storage', 'templates', 'docs'];

/**
 * `npm pack` Banter into `folder` and return the tarball's path. It packs a copy of the repository's files
 * (with the repository's node_modules linked in for the build), so the prepack/postpack rewrite of
 * package.json never touches the working tree that other processes are reading.
 */
export async function packBanter(folder: string): Promise<string> {
  const stage = join(folder, 'banter-source');
  await mkdir(stage, { recursive: true });
  for (const name of SOURCES) {
    await cp(join(ROOT, name), join(stage, name), {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|\.tmp|dist|data)([\\/]|$)/.test(source.slice(ROOT.length)),
    });
  }
  await symlink(join(ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');
  await mustRun('npm', ['pack', '--pack-destination', folder], stage);
  const tarballs = (await readdir(folder)).filter((name) => /^banter-\d.*\.tgz$/.test(name));
  if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} banter tarballs in ${folder}`);
  return join(folder, tarballs[0]!);
}
