/**
 * `npm run bench -- dashboard [--sizes 100000,1000000]`: on the PostgreSQL server of DATABASE_URL,
 * times full segment dashboards (computeDashboard: validation, the one statement, shaping) and a
 * three-segment comparison at each size, median of --runs after a warm-up, against the targets
 * (1.5 s at 100,000 customers, 5 s at 1,000,000). The 1,000,000 workspace "bench" is used as it
 * is; "bench-<N>" is seeded when missing. --explain prints EXPLAIN (ANALYZE, BUFFERS).
 */
import os from "node:os";
import { z } from "zod";
import { ensureStatistics, prepareBenchWorkspace, type BenchWorkspace } from "@/lib/bench/bench-workspace";
import { median } from "@/lib/bench/timing";
import { compareSegments } from "@/lib/dashboard/compare";
import { computeDashboard, getDashboardSegment } from "@/lib/dashboard/queries";
import { dashboardStatement, monthlyStatement } from "@/lib/dashboard/sql";
import { dashboardWindows } from "@/lib/dashboard/windows";
import { closeDb, openDb, setDb, type Db } from "@/lib/db/client";
import { MigrationError } from "@/lib/db/migrate";
import { targetFromEnv } from "@/lib/db/target";
import { AppError } from "@/lib/errors";
import { compileWhere } from "@/lib/segments/compile";
import { prepareSegment } from "@/lib/segments/count-prepare";
import { runCounting } from "@/lib/segments/count-run";
import type { Benchmark } from "./bench";
import { count, integerOption, parseOptions } from "./commands/context";
import { benchCommand, parseBenchArgs } from "./bench-command";

/** The segments timed in every workspace (saved there under these names when missing). */
export const DASHBOARD_BENCH_SEGMENTS = [
  { name: "Dashboard bench: high value", definition: { version: 1, root: { type: "group", combinator: "and", children: [{ type: "field", field: "totalSpent", operator: "gte", value: 1000 }] } } },
  {
    name: "Dashboard bench: bought in the last 30 days",
    definition: { version: 1, root: { type: "group", combinator: "and", children: [{ type: "orders", measure: "count", operator: "gte", value: 1, window: { type: "last", amount: 30, unit: "day" } }] } },
  },
  {
    name: "Dashboard bench: lapsed in PL or DE",
    definition: {
      version: 1,
      root: {
        type: "group", combinator: "and",
        children: [
          { type: "field", field: "country", operator: "in", value: ["PL", "DE"] },
          { type: "field", field: "lastOrderAt", operator: "more_than_ago", value: { amount: 6, unit: "month" } },
        ],
      },
    },
  },
] as const;

const TARGET_MS: Record<number, number> = { 100_000: 1500, 1_000_000: 5000 };
const BUDGET_MS = 600_000;

const optionsSchema = z.object({
  sizes: z
    .string()
    .transform((s) => s.split(",").map((x) => Number(x.trim().replaceAll("_", ""))))
    .pipe(z.array(z.number().int().min(1_000, "each size must be at least 1,000").max(10_000_000, "each size must be at most 10,000,000")).min(1)),
  runs: integerOption("--runs", 1, 20),
  explain: z.boolean().default(false),
});

interface Row {
  customers: number;
  segment: string;
  members: number;
  ms: number;
  target: number;
}

async function ensureBenchSegments(db: Db, workspaceId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const s of DASHBOARD_BENCH_SEGMENTS) {
    const [found] = await db.sql.query<{ id: string }>(`SELECT "id"::text AS "id" FROM "Segment" WHERE "workspaceId" = $1 AND "name" = $2 ORDER BY "createdAt" LIMIT 1`, [workspaceId, s.name]);
    if (found) {
      ids.push(found.id);
      continue;
    }
    const [created] = await db.sql.query<{ id: string }>(
      `INSERT INTO "Segment" ("workspaceId", "name", "description", "definition") VALUES ($1, $2, $3, $4::jsonb) RETURNING "id"::text AS "id"`,
      [workspaceId, s.name, "Saved by npm run bench -- dashboard.", JSON.stringify(s.definition)],
    );
    ids.push(created.id);
  }
  return ids;
}

async function explain(w: BenchWorkspace, definition: unknown, now: Date): Promise<string[]> {
  const prepared = await prepareSegment(w.scope, definition, now);
  const where = compileWhere(prepared.definition, prepared.catalog, prepared.options);
  const input = { workspaceId: w.scope.workspaceId, timeZone: w.scope.timeZone, where, deviceKey: "preferred_device" };
  const windows = dashboardWindows(now, w.scope.timeZone);
  const rows = await runCounting(BUDGET_MS, async (run) => {
    await run({ text: "SELECT set_config('work_mem', '64MB', true)", values: [] });
    const plans = [];
    for (const statement of [dashboardStatement(input, windows), monthlyStatement(input, windows)]) {
      plans.push(...(await run<{ "QUERY PLAN": string }>({ text: `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, values: statement.values })));
    }
    return plans;
  });
  return rows.map((r) => `    ${r["QUERY PLAN"]}`);
}

async function time(runs: number, fn: () => Promise<number>): Promise<{ ms: number; value: number }> {
  let value = await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    value = await fn();
    ms.push(performance.now() - started);
  }
  return { ms: median(ms), value };
}

async function measure(db: Db, customers: number, options: z.infer<typeof optionsSchema>, log: (line: string) => void): Promise<Row[]> {
  const now = new Date();
  const w = await prepareBenchWorkspace(db, { customers, seed: 1, now, log });
  log(`Workspace "${w.slug}": ${count(w.customers)} customers, ${count(w.orders)} orders; ${await ensureStatistics(db)}.`);
  const ids = await ensureBenchSegments(db, w.scope.workspaceId);
  const target = TARGET_MS[customers] ?? 5000;
  const rows: Row[] = [];
  for (const s of DASHBOARD_BENCH_SEGMENTS) {
    const r = await time(options.runs, async () => (await computeDashboard(w.scope, s.definition, { now, timeoutMs: BUDGET_MS })).headline.members);
    rows.push({ customers, segment: s.name.replace("Dashboard bench: ", ""), members: r.value, ms: r.ms, target });
    log(`  ${rows.at(-1)!.segment.padEnd(28)} ${count(r.value).padStart(9)} members  ${r.ms.toFixed(0).padStart(7)} ms`);
    if (options.explain) for (const line of await explain(w, s.definition, now)) log(line);
  }
  const segments = await Promise.all(ids.map((id) => getDashboardSegment(w.scope, id)));
  const c = await time(options.runs, async () => (await compareSegments(w.scope, segments, { now, timeoutMs: BUDGET_MS })).overlaps.length);
  rows.push({ customers, segment: "comparison of all three", members: c.value, ms: c.ms, target });
  log(`  ${"comparison of all three".padEnd(28)} ${count(c.value).padStart(9)} pairs    ${c.ms.toFixed(0).padStart(7)} ms`);
  return rows;
}

function table(rows: Row[]): string[] {
  const header = ["customers", "dashboard", "members", "median ms", "target ms", "met"];
  const body = rows.map((r) => [count(r.customers), r.segment, count(r.members), r.ms.toFixed(0), count(r.target), r.ms < r.target ? "yes" : "NO"]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), line(widths.map((x) => "-".repeat(x))), ...body.map(line)];
}

/** The database without migrating it when it is ahead of this code (a shared benchmark database other branches migrate). */
export async function openBenchDb(log: (line: string) => void): Promise<Db> {
  const target = targetFromEnv();
  try {
    return await openDb(target);
  } catch (e) {
    if (!(e instanceof MigrationError)) throw e;
    log(`Note: ${e.message} Measuring without migrating.`);
    return openDb(target, { migrate: false });
  }
}

async function run(argv: string[], log: (line: string) => void): Promise<number> {
  const program = benchCommand("bench dashboard", log)
    .option("--sizes <list>", "customer counts, comma-separated (1,000,000 uses the workspace \"bench\", others bench-<N>, seeded when missing)", "100000,1000000")
    .option("--runs <n>", "timed runs of each dashboard (median reported)", "3")
    .option("--explain", "print EXPLAIN (ANALYZE, BUFFERS) of each dashboard's statement");
  const exit = parseBenchArgs(program, argv);
  if (exit !== null) return exit;
  const options = parseOptions(optionsSchema, program.opts());
  if (!process.env.DATABASE_URL) throw new AppError("invalid", "The dashboard benchmark runs on PostgreSQL: set DATABASE_URL=postgresql://… (missing workspaces are seeded).");
  const db = await openBenchDb(log);
  setDb(db);
  try {
    const [version] = await db.sql.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");
    log(`PostgreSQL ${version.v}, ${os.cpus().length} CPUs, load average ${load()}; median of ${options.runs} runs after a warm-up; server time of computeDashboard end to end.`);
    const rows: Row[] = [];
    for (const size of options.sizes) rows.push(...(await measure(db, size, options, log)));
    log("");
    for (const line of table(rows)) log(line);
    log(`load average at the end: ${load()}`);
    const missed = rows.filter((r) => r.ms >= r.target);
    log(`Targets: ${missed.length === 0 ? "met" : `missed by ${missed.map((r) => `${r.segment} at ${count(r.customers)}`).join(", ")}`}.`);
    return 0;
  } finally {
    await closeDb();
  }
}

/** The dashboard benchmark, for lib/cli/bench.ts. */
export const dashboardBenchmark: Benchmark = {
  description: "full segment dashboards and a comparison at 100,000 and 1,000,000 customers (PostgreSQL)",
  usage: "dashboard [--sizes 100000,1000000]",
  run,
};
