import { createRequire } from 'node:module';
import { dirname } from 'node:path';

/**
 * The folder of Banter's package.json: the repository root, or `node_modules/banter` when installed. Files
 * that ship beside the code (`templates/`) are found from here, whether the code runs from `src/` or `dist/`.
 */
export function packageRoot(): string {
  return dirname(createRequire(import.meta.url).resolve('banter/package.json'));
}
