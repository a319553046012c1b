import { expect } from 'chai';
import { targetRows, type ConfigMedians } from '../bench/lib/targets.mjs';

/** Medians of one configuration, as run_matrix.mjs computes them; only the fields a test names matter. */
function medians(fields: Partial<ConfigMedians>): ConfigMedians {
  return { msgs_per_sec: 100_000, p50_ms: 0.002, p99_ms: 0.01, peak_rss_mb: 60, startup_ms: 150, others_cores: 0, runs: 5, failed: 0, M: 20_000, ...fields };
}

const startUpRow = (rows: ReturnType<typeof targetRows>) => rows.find((r) => r.target.startsWith('start-up'))!;
const quietRow = (rows: ReturnType<typeof targetRows>) => rows.find((r) => r.target.startsWith('machine quiet'))!;

describe('the bench target table', () => {
  const longRuns = {
    'baseline|100|serial': medians({ startup_ms: 100, peak_rss_mb: 60 }),
    'banter-p20|100|serial': medians({ startup_ms: 160, peak_rss_mb: 70 }),
  };

  it('judges start-up on the dedicated start-up runs when a run has them, not on the five long runs', () => {
    const rows = targetRows({
      ...longRuns,
      'baseline|100|startup': medians({ startup_ms: 150, runs: 15 }),
      'banter-p20|100|startup': medians({ startup_ms: 210, runs: 15 }),
    });
    expect(startUpRow(rows)).to.include({ value: '1.40×', result: 'PASS' });
    expect(startUpRow(rows).measured).to.equal('210.0 vs 150.0 ms (start-up runs: 15 and 15)');
  });

  it('falls back to the long runs for start-up when there are no start-up runs (--startup-reps 0)', () => {
    expect(startUpRow(targetRows(longRuns))).to.include({ value: '1.60×', result: 'FAIL' });
  });

  it('keeps judging peak RSS on the long runs, which hold 20 000 messages', () => {
    const rows = targetRows({ ...longRuns, 'banter-p20|100|startup': medians({ peak_rss_mb: 45 }), 'baseline|100|startup': medians({ peak_rss_mb: 44 }) });
    expect(rows.find((r) => r.target.startsWith('peak RSS'))).to.include({ value: '+10.0 MB', result: 'PASS' });
  });

  it('says a run was noisy from the long runs, not from the start-up runs whose clock ticks are too coarse to tell', () => {
    const quiet = targetRows({ ...longRuns, 'banter-p20|100|startup': medians({ others_cores: 0.12 }), 'baseline|100|startup': medians({ others_cores: 0.12 }) });
    expect(quietRow(quiet)).to.include({ result: 'INFO' });
    const noisy = targetRows({ ...longRuns, 'baseline|100|serial': medians({ startup_ms: 100, others_cores: 0.3 }) });
    expect(quietRow(noisy)).to.include({ result: 'NOISY' });
  });
});
