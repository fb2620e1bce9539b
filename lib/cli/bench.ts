/**
 * `npm run bench -- <name> [options]`: the benchmarks, one entry each in BENCHMARKS. A benchmark
 * gets its own arguments and a log function and answers an exit code; add one by adding an entry.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "@/lib/errors";
import { apiBenchmark } from "./bench-api";
import { customersBenchmark } from "./bench-customers";
import { dashboardBenchmark } from "./bench-dashboard";
import { importBenchmark } from "./bench-import";
import { predictBenchmark } from "./bench-predict";
import { rfmBenchmark } from "./bench-rfm";
import { segmentsBenchmark } from "./bench-segments";

/** One benchmark: what it measures, how it is called, and the run. */
export interface Benchmark {
  description: string;
  usage: string;
  run(argv: string[], log: (line: string) => void): Promise<number>;
}

export const BENCHMARKS: Readonly<Record<string, Benchmark>> = {
  customers: customersBenchmark,
  dashboard: dashboardBenchmark,
  import: importBenchmark,
  segments: segmentsBenchmark,
  rfm: rfmBenchmark,
  predict: predictBenchmark,
  api: apiBenchmark,
};

function help(log: (line: string) => void): void {
  log("Usage: npm run bench -- <benchmark> [options]\n\nBenchmarks:");
  for (const b of Object.values(BENCHMARKS)) log(`  ${b.usage.padEnd(32)} ${b.description}`);
  log(`\nThey run against the PostgreSQL server of DATABASE_URL (${process.env.DATABASE_URL ? "set" : "not set"}).`);
}

/** Runs one benchmark by name; returns the exit code. */
export async function runBenchmark(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  const [which, ...rest] = argv;
  const benchmark = which ? BENCHMARKS[which] : undefined;
  if (!benchmark) {
    if (which && which !== "--help") log(`Unknown benchmark "${which}".`);
    help(log);
    return which === "--help" ? 0 : 1;
  }
  try {
    return await benchmark.run(rest, log);
  } catch (e) {
    log(`error: ${e instanceof AppError || e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

const entry = process.argv[1] ? path.resolve(process.argv[1]) : "";
if (entry === fileURLToPath(import.meta.url)) {
  runBenchmark(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
