// Types for lib/targets.mjs (test/bench-targets.test.ts judges made-up medians with it).

/** The medians run_matrix.mjs computed for one configuration (`<label>|<K>|<mode>`; mode "startup" for the start-up pair). */
export interface ConfigMedians {
  msgs_per_sec: number
  p50_ms: number
  p99_ms: number
  peak_rss_mb: number
  startup_ms: number
  others_cores: number
  runs: number
  failed: number
  M: number
}

/** One line of the target table; `result` is PASS, FAIL, INFO, NOISY or n/a (runs missing). */
export interface TargetRow { target: string, measured: string, value: string, needed: string, result: string }

export declare function targetRows (med: Record<string, ConfigMedians>, K?: number): TargetRow[]
export declare function targetTable (med: Record<string, ConfigMedians>, K?: number): { lines: string[], rows: TargetRow[] }
