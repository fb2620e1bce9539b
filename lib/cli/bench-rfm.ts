/**
 * `npm run bench -- rfm [--workspace bench] [--runs 3]`: on the PostgreSQL server of DATABASE_URL,
 * times the RFM refresh (quantiles + one INSERT … SELECT of every score), the live scoring context
 * (the quantiles segment conditions use), the RFM page's reads, and counting an RFM segment condition.
 */
import { z } from "zod";
import { closeDb, openDb, setDb } from "@/lib/db/client";
import { targetFromEnv } from "@/lib/db/target";
import { AppError } from "@/lib/errors";
import { median } from "@/lib/bench/timing";
import { refreshRfm } from "@/lib/rfm/mutations";
import { getRfmRules, getRfmRun, loadRfmContext, rfmGrid, rfmSummary, type RfmScope } from "@/lib/rfm/queries";
import { countSegment } from "@/lib/segments/count";
import type { Benchmark } from "./bench";
import { count, integerOption, parseOptions } from "./commands/context";
import { benchCommand, parseBenchArgs } from "./bench-command";

const optionsSchema = z.object({
  workspace: z.string().min(1),
  runs: integerOption("--runs", 1, 20),
  migrate: z.boolean().default(true),
});

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

async function measure(label: string, runs: number, fn: () => Promise<unknown>, log: (line: string) => void): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await time(fn)).ms);
  log(`${label.padEnd(44)} median ${(median(times) / 1000).toFixed(2)} s  (runs: ${times.map((t) => (t / 1000).toFixed(2)).join(", ")})`);
}

async function run(argv: string[], log: (line: string) => void): Promise<number> {
  const program = benchCommand("rfm", log)
    .option("--workspace <slug>", "the workspace to measure", "bench")
    .option("--runs <n>", "runs of each measurement", "3")
    .option("--no-migrate", "do not apply pending migrations (the RFM tables must exist)");
  const exit = parseBenchArgs(program, argv);
  if (exit !== null) return exit;
  const options = parseOptions(optionsSchema, program.opts());
  const target = targetFromEnv();
  if (target.kind !== "postgres") throw new AppError("invalid", "Set DATABASE_URL to the PostgreSQL server to measure.");
  const db = await openDb(target, { migrate: options.migrate });
  setDb(db);
  try {
    const workspace = await db.prisma.workspace.findUnique({ where: { slug: options.workspace }, select: { id: true, timeZone: true } });
    if (!workspace) throw new AppError("not_found", `There is no workspace "${options.workspace}".`);
    const scope: RfmScope = { workspaceId: workspace.id, timeZone: workspace.timeZone };
    const [{ n }] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Customer" WHERE "workspaceId" = $1`, [scope.workspaceId]);
    log(`RFM on workspace "${options.workspace}": ${count(n)} customers.`);
    await measure("refreshRfm (quantiles + INSERT … SELECT)", options.runs, async () => {
      const r = await refreshRfm(scope);
      log(`  scored ${count(r.customers)} customers at ${r.analysisDate}; recorded duration ${(r.durationMs / 1000).toFixed(2)} s`);
    }, log);
    await measure("live scoring context (quantiles only)", options.runs, () => loadRfmContext(scope), log);
    await measure("RFM page reads (run, segment table, grid)", options.runs, async () => {
      const [run, rules] = await Promise.all([getRfmRun(scope), getRfmRules(scope)]);
      if (run) {
        rfmSummary(run, rules);
        rfmGrid(run);
      }
    }, log);
    const definition = { version: 1, root: { type: "group", combinator: "and", children: [{ type: "rfm", operator: "in", value: ["At Risk", "About To Sleep"] }] } };
    await measure("count: RFM segment is At Risk or About To Sleep", options.runs, async () => {
      const result = await countSegment(scope, definition, { timeoutMs: 120_000 });
      log(`  members: ${count(result)}`);
    }, log);
    return 0;
  } finally {
    await closeDb();
  }
}

export const rfmBenchmark: Benchmark = {
  description: "time the RFM refresh, the live quantiles, the RFM page's reads and an RFM segment count",
  usage: "rfm [--workspace bench] [--runs 3]",
  run,
};
