import { spawn } from 'node:child_process';

/** How a command ended and what it printed. */
export interface CommandRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment for npm and the commands of generated projects: npm's own settings (cache, registry) are
 * kept, the variables `npm test` sets about the repository (its package, its folder as the local prefix) are
 * dropped so that no nested npm mistakes the repository for the project, and npm is told to use its warm
 * cache and stay quiet.
 */
export function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle)_/i.test(key) || /^(npm_config_local_prefix|INIT_CWD|NODE_OPTIONS)$/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: 'error',
  };
}

/** Run `command args` in `cwd` with {@link cleanEnvironment}; resolves when it exits, however it exits. */
export function runCommand(command: string, args: readonly string[], cwd: string, input = ''): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: cleanEnvironment(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Run a command that must succeed; a failure throws with everything it printed, for the test report. */
export async function mustRun(command: string, args: readonly string[], cwd: string): Promise<CommandRun> {
  const run = await runCommand(command, args, cwd);
  if (run.code !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` in ${cwd} exited with ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
  }
  return run;
}
