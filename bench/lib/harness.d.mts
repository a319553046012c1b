// Types for lib/harness.mjs, so a TypeScript harness can do
//   import { runBenchmark, HEAR_RE } from './lib/harness.mjs'   (see bench/dispatch.ts)
// See the header of harness.mjs for the workload and the output contract.

/** The one "hear" listener's pattern; it matches none of the benchmark traffic. */
export declare const HEAR_RE: RegExp

export interface BenchOptions { k: number, m: number, mode: 'serial' | 'burst', seed: number, warmup: number, dump: number }
export declare function parseArgs (argv?: string[]): BenchOptions

/** Message i is texts[i] ("!cmd<c> hello <i>"); its only correct reply is expected[i] ("hello <i>"). */
export declare function makeMessages (K: number, M: number, seed: number): { texts: string[], expected: string[] }

export interface BenchBot {
  /** Inject one inbound message; settle when the framework has finished processing it. */
  send (text: string, id: number): Promise<unknown>
  close? (): unknown
}

export interface BenchHarness {
  framework: string
  version: string | (() => string)
  /**
   * Build the bot: K commands cmd0..cmd{K-1} replying with their argument text, plus one
   * hear listener on HEAR_RE. Call deliver(id, text) once per reply (id = the id given to send).
   */
  setup (ctx: { K: number, deliver: (id: number, text: string) => void }): Promise<BenchBot>
}

/** Parses --k --m --mode [--seed --warmup --dump], runs, prints one JSON line, exits. */
export declare function runBenchmark (h: BenchHarness): Promise<void>
