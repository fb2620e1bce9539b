/** Timing helpers for benchmarks on a shared machine: contenders interleaved round by round, medians. */

/** One contender: a run answering a row count. */
export interface Contender {
  name: string;
  run(): Promise<number>;
}

/** What a contender did over the rounds. */
export interface Timings {
  name: string;
  ms: number[];
  /** The count of every run (all must agree). */
  counts: number[];
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs every contender once per round, A B, then B A, … so that background load and caches hit
 * them alike; one untimed warm-up round first.
 */
export async function interleave(contenders: readonly Contender[], rounds: number): Promise<Timings[]> {
  const results = contenders.map((c) => ({ name: c.name, ms: [] as number[], counts: [] as number[] }));
  for (const c of contenders) await c.run();
  for (let round = 0; round < rounds; round++) {
    const order = contenders.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const started = performance.now();
      const n = await contenders[i].run();
      results[i].ms.push(performance.now() - started);
      results[i].counts.push(n);
    }
  }
  return results;
}
