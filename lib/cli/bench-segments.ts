/**
 * `npm run bench -- segments [--customers N]`: on the PostgreSQL server of DATABASE_URL, counts
 * the fixed benchmark segments (lib/bench/segment-cases.ts) with the engine (countSegment, end to
 * end) and with hand-written SQL, interleaved, and prints medians, the ratio and the row counts,
 * which must match. Both run in the same kind of count session (read-only, JIT off).
 */
import os from "node:os";
import { z } from "zod";
import { closeDb, getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { ensureReferencedSegment, ensureStatistics, prepareBenchWorkspace, type BenchWorkspace } from "@/lib/bench/bench-workspace";
import { SEGMENT_CASES, type SegmentCase } from "@/lib/bench/segment-cases";
import { interleave, median } from "@/lib/bench/timing";
import { countSegment } from "@/lib/segments/count";
import { countStatement, prepareSegment } from "@/lib/segments/count-prepare";
import { runCounting, type Statement } from "@/lib/segments/count-run";
import type { Benchmark } from "./bench";
import { count, integerOption, parseOptions } from "./commands/context";
import { benchCommand, parseBenchArgs } from "./bench-command";

const optionsSchema = z.object({
  customers: integerOption("--customers", 1, 10_000_000),
  runs: integerOption("--runs", 1, 50),
  only: z.string().optional(),
  workspace: z.string().optional(),
  seed: integerOption("--seed", 0, 0xffffffff),
  explain: z.boolean().default(false),
  now: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }).transform((s) => new Date(s)).optional(),
});
type Options = z.infer<typeof optionsSchema>;

const STATEMENT_BUDGET_MS = 300_000;
const TARGET_MS = 1000;
const TARGET_RATIO = 1.3;

/** A case's hand-written query with the parameters it uses ($1 workspace, $2 now, $3 time zone). */
function handStatement(c: SegmentCase, w: BenchWorkspace, now: Date): Statement {
  const used = Math.max(0, ...[...c.handSql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  return { text: c.handSql, values: [w.scope.workspaceId, now.toISOString(), w.scope.timeZone].slice(0, used) };
}

async function countOf(statement: Statement): Promise<number> {
  const rows = await runCounting(STATEMENT_BUDGET_MS, (run) => run<{ count: string | number }>(statement));
  return Number(Object.values(rows[0])[0]);
}

async function explain(statement: Statement): Promise<string[]> {
  const rows = await runCounting(STATEMENT_BUDGET_MS, (run) => run<{ "QUERY PLAN": string }>({ ...statement, text: `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}` }));
  return rows.map((r) => `    ${r["QUERY PLAN"]}`);
}

interface Row {
  name: string;
  engineMs: number;
  handMs: number;
  engineCounts: number[];
  handCounts: number[];
}

function table(rows: Row[]): string[] {
  const header = ["segment", "engine rows", "hand rows", "engine ms", "hand ms", "ratio", "< 1 s", "≤ 1.3×"];
  const body = rows.map((r) => [
    r.name, count(r.engineCounts[0]), count(r.handCounts[0]), r.engineMs.toFixed(0), r.handMs.toFixed(0), (r.engineMs / r.handMs).toFixed(2),
    r.engineMs < TARGET_MS ? "yes" : "NO", r.engineMs / r.handMs <= TARGET_RATIO ? "yes" : "NO",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)];
}

async function measure(db: Db, w: BenchWorkspace, options: Options, log: (line: string) => void): Promise<Row[]> {
  const now = options.now ?? new Date();
  const ref = await ensureReferencedSegment(db, w.scope.workspaceId);
  const wanted = options.only?.split(",").map((s) => s.trim());
  const cases = SEGMENT_CASES.filter((c) => !wanted || wanted.includes(c.name));
  if (cases.length === 0) throw new AppError("invalid", `--only: no such case (cases: ${SEGMENT_CASES.map((c) => c.name).join(", ")})`);
  const rows: Row[] = [];
  for (const c of cases) {
    const definition = c.definition(ref);
    const hand = handStatement(c, w, now);
    const [engine, written] = await interleave([
      { name: "engine", run: () => countSegment(w.scope, definition, { now, timeoutMs: STATEMENT_BUDGET_MS }) },
      { name: "hand", run: () => countOf(hand) },
    ], options.runs);
    const row = { name: c.name, engineMs: median(engine.ms), handMs: median(written.ms), engineCounts: engine.counts, handCounts: written.counts };
    rows.push(row);
    log(`  ${c.name.padEnd(18)} ${count(row.engineCounts[0]).padStart(9)} rows  engine ${row.engineMs.toFixed(0).padStart(6)} ms  hand ${row.handMs.toFixed(0).padStart(6)} ms  (${c.question})`);
    if (options.explain) {
      log("  EXPLAIN engine:");
      for (const line of await explain(countStatement(await prepareSegment(w.scope, definition, now)))) log(line);
      log("  EXPLAIN hand-written:");
      for (const line of await explain(hand)) log(line);
    }
  }
  return rows;
}

async function run(argv: string[], log: (line: string) => void): Promise<number> {
  const program = benchCommand("bench segments", log)
    .option("--customers <n>", "customers in the workspace (seeded when missing)", "100000")
    .option("--runs <n>", "timed runs of each query (median reported)", "5")
    .option("--only <names>", `comma-separated cases: ${SEGMENT_CASES.map((c) => c.name).join(", ")}`)
    .option("--workspace <slug>", "measure this workspace as it is (default: bench for 1,000,000 customers, bench-<N> otherwise)")
    .option("--seed <k>", "generator seed when seeding", "1")
    .option("--now <iso>", "the instant relative dates are measured from (default: now)")
    .option("--explain", "print EXPLAIN (ANALYZE, BUFFERS) of both queries of every case");
  const exit = parseBenchArgs(program, argv);
  if (exit !== null) return exit;
  const options = parseOptions(optionsSchema, program.opts());
  if (!process.env.DATABASE_URL) throw new AppError("invalid", "The segment benchmark runs on PostgreSQL: set DATABASE_URL=postgresql://… (the database may be empty; it is seeded).");
  try {
    const db = await getDb();
    const w = await prepareBenchWorkspace(db, { customers: options.customers, slug: options.workspace, seed: options.seed, now: options.now ?? new Date(), log });
    log(`Workspace "${w.slug}": ${count(w.customers)} customers, ${count(w.orders)} orders; ${await ensureStatistics(db)}.`);
    const [version] = await db.sql.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");
    log(`PostgreSQL ${version.v}, ${os.cpus().length} CPUs, load average ${load()}; median of ${options.runs} interleaved runs (engine, hand, hand, engine, …) after a warm-up.`);
    const rows = await measure(db, w, options, log);
    log("");
    for (const line of table(rows)) log(line);
    log(`load average at the end: ${load()}`);
    const mismatched = rows.filter((r) => new Set([...r.engineCounts, ...r.handCounts]).size !== 1);
    for (const r of mismatched) log(`MISMATCH in ${r.name}: engine counted ${r.engineCounts.join(", ")}; hand-written SQL ${r.handCounts.join(", ")}`);
    const slow = rows.filter((r) => r.engineMs >= TARGET_MS).map((r) => r.name);
    const far = rows.filter((r) => r.engineMs / r.handMs > TARGET_RATIO).map((r) => r.name);
    log(`Targets: every count under 1 s — ${slow.length === 0 ? "met" : `missed by ${slow.join(", ")}`}; within ${TARGET_RATIO}× of hand-written SQL — ${far.length === 0 ? "met" : `missed by ${far.join(", ")}`}.`);
    if (mismatched.length > 0) log(`FAILED: ${mismatched.length} case(s) where the engine and the hand-written SQL disagree.`);
    return mismatched.length > 0 ? 1 : 0;
  } finally {
    await closeDb();
  }
}

/** The segment engine benchmark, for lib/cli/bench.ts. */
export const segmentsBenchmark: Benchmark = {
  description: "segment counts: the engine vs hand-written SQL, interleaved medians (PostgreSQL)",
  usage: "segments [--customers N]",
  run,
};
