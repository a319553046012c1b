import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('zod messages in a bot that never loads classic zod', function () {
  this.timeout(30_000);

  // The test process has loaded classic zod (other tests import banter/zod), which switches English on for
  // everyone; a fresh process that imports only `banter` shows what a bot's users see.
  it('reads "expected string, received number", not "Invalid input", for a field with no message of its own', async function () {
    const script = `
      import { validateConfig } from 'banter';
      try { validateConfig({ admins: [42] }); } catch (err) { console.log(err.message); }
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx/esm', '--input-type=module', '-e', script], { cwd: ROOT });
    expect(stdout).to.include('admins.0: Invalid input: expected string, received number');
  });
});
