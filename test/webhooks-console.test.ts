import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './support/run-banter.ts';

describe('webhooks on the console backend', function () {
  this.timeout(30_000);
  const dir = join(ROOT, '.tmp', `webhooks-console-${process.pid}`);

  before(async function () {
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'config.ts'),
      [
        "import { Plugin, defineConfig, webhook, type WebhookRequest } from 'banter';",
        'class Alerts extends Plugin {',
        "  static override metadata = { name: 'alerts' };",
        '  async alert(request: WebhookRequest<{ text: string }>) {',
        "    await this.send(this.buildIdentifier('#ops'), `ALERT: ${request.body.text}`);",
        "    return 'posted';",
        '  }',
        '}',
        // Applied by hand: this file is outside the tsconfig that turns on legacy decorators.
        "webhook('/alert', { body: 'json' })(Alerts.prototype, 'alert', Object.getOwnPropertyDescriptor(Alerts.prototype, 'alert')!);",
        "export default defineConfig({ backend: 'text', storage: { url: 'memory://' }, plugins: { builtins: false, classes: [Alerts] },",
        "  log: { level: 'info' }, web: { enabled: true, port: 0 } });",
        '',
      ].join('\n'),
    );
  });

  after(async function () {
    await rm(dir, { recursive: true, force: true });
  });

  it('posts what a webhook sends into the console conversation', async function () {
    const child = spawn(process.execPath, ['bin/banter.js', 'run', '--config', join(dir, 'config.ts')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let buffered = '';
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (chunk: string) => {
          buffered += chunk;
          const line = buffered.split('\n').find((l) => l.includes('"web server listening"'));
          if (line) resolve((JSON.parse(line) as { url: string }).url);
        });
        child.on('exit', (code) => reject(new Error(`banter exited with ${code}: ${buffered}`)));
      });
      let stdout = '';
      child.stdout.setEncoding('utf8');
      const printed = new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: string) => {
          stdout += chunk;
          if (stdout.includes('\n')) resolve();
        });
      });
      const response = await fetch(`${url}/webhooks/alerts/alert`, {
        method: 'POST',
        body: JSON.stringify({ text: 'disk full on db-1' }),
        headers: { 'content-type': 'application/json' },
      });
      expect([response.status, await response.text()]).to.deep.equal([200, 'posted']);
      await printed;
      expect(stdout).to.equal('ALERT: disk full on db-1\n');
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.stdin.end();
      expect(await exited).to.equal(0);
    } finally {
      child.kill();
    }
  });
});
