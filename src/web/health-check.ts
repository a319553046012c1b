import type { PluginServices } from '../plugin-services.ts';
import { withTimeout } from '../dispatch/with-timeout.ts';

/** What the health check reads from the bot: the same as the `status` plugin. */
export type HealthSource = Pick<PluginServices, 'status' | 'checkStorage' | 'plugins'>;

/** The health endpoint's JSON. */
export interface HealthReport {
  /** `ok` when the backend is connected and the store answers; `degraded` otherwise. */
  readonly status: 'ok' | 'degraded';
  readonly backend: { readonly mode: string; readonly connected: boolean };
  readonly storage: { readonly ok: boolean };
  /** Failed plugins are listed but do not make the bot unhealthy: restarting would not fix their configuration. */
  readonly plugins: { readonly active: number; readonly failed: readonly string[] };
}

/**
 * Check the bot the way `!status` does: backend connection, a storage round trip (given at most `timeoutMs`, so a
 * hung store makes the check fail rather than hang), plugin states. `problem` says what is wrong, for the log;
 * the report itself carries no error text, because it may be read by anyone who can reach the port.
 */
export async function checkHealth(source: HealthSource, timeoutMs: number): Promise<{ report: HealthReport; problem: string | undefined }> {
  const status = source.status();
  let storageProblem: string | undefined;
  try {
    storageProblem = await withTimeout(source.checkStorage(), timeoutMs, () => new Error(`no answer within ${timeoutMs} ms`));
  } catch (err) {
    storageProblem = err instanceof Error ? err.message : String(err);
  }
  const plugins = source.plugins();
  const problems = [
    status.connected ? undefined : `backend ${status.backend} is not connected`,
    storageProblem === undefined ? undefined : `storage ${status.storage} is not answering: ${storageProblem}`,
  ].filter((p): p is string => p !== undefined);
  return {
    report: {
      status: problems.length === 0 ? 'ok' : 'degraded',
      backend: { mode: status.backend, connected: status.connected },
      storage: { ok: storageProblem === undefined },
      plugins: { active: plugins.filter((p) => p.state === 'active').length, failed: plugins.filter((p) => p.state === 'failed').map((p) => p.name) },
    },
    problem: problems.length === 0 ? undefined : problems.join('; '),
  };
}
