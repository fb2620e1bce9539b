/**
 * `npm run bench -- predict [--workspace bench] [--runs 2]`: on the PostgreSQL server of
 * DATABASE_URL, times the prediction refresh of the 1,000,000-customer benchmark workspace (made
 * with the seed loader when missing, reused when present) step by step — the summary SQL, the
 * grouped rows, the fit, the check, scoring, reading the summaries, the writes (which overlap
 * scoring) and the closing VACUUM — on consecutive days, as the daily job runs it (a day later
 * every customer's numbers change) — then counting a segment on two prediction fields.
 */
import { z } from "zod";
import { ensureStatistics, prepareBenchWorkspace } from "@/lib/bench/bench-workspace";
import { closeDb, openDb, setDb } from "@/lib/db/client";
import { targetFromEnv } from "@/lib/db/target";
import { AppError } from "@/lib/errors";
import { refreshPredictions, type RefreshStep } from "@/lib/predict/mutations";
import { todayIn } from "@/lib/predict/queries";
import { addDays } from "@/lib/segments/time";
import { countSegment } from "@/lib/segments/count";
import type { Benchmark } from "./bench";
import { count, integerOption, parseOptions } from "./commands/context";
import { describeParams } from "./commands/predict";
import { benchCommand, parseBenchArgs } from "./bench-command";

const optionsSchema = z.object({
  workspace: z.string().min(1).optional(),
  runs: integerOption("--runs", 1, 10),
  migrate: z.boolean().default(true),
});

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The segment of the issue: probably gone, yet worth more than 500 in the next 12 months. */
export const PREDICTION_SEGMENT = {
  version: 1,
  root: {
    type: "group", combinator: "and",
    children: [
      { type: "field", field: "prediction.probabilityAlive", operator: "lt", value: 0.3 },
      { type: "field", field: "prediction.value12m", operator: "gt", value: 500 },
    ],
  },
};

async function run(argv: string[], log: (line: string) => void): Promise<number> {
  const program = benchCommand("predict", log)
    .option("--workspace <slug>", "the workspace to measure (default: the 1,000,000-customer bench workspace, seeded when missing)")
    .option("--runs <n>", "refreshes to time, one per day: as of today − (n − 1) days … today (each day moves every customer's T)", "2")
    .option("--no-migrate", "do not apply pending migrations (the prediction tables must exist)");
  const exit = parseBenchArgs(program, argv);
  if (exit !== null) return exit;
  const options = parseOptions(optionsSchema, program.opts());
  const target = targetFromEnv();
  if (target.kind !== "postgres") throw new AppError("invalid", "Set DATABASE_URL to the PostgreSQL server to measure.");
  const db = await openDb(target, { migrate: options.migrate });
  setDb(db);
  try {
    const w = await prepareBenchWorkspace(db, { customers: 1_000_000, slug: options.workspace, seed: 1, now: new Date(), log });
    log(`Predictions on workspace "${w.slug}": ${count(w.customers)} customers, ${count(w.orders)} orders; ${await ensureStatistics(db)}.`);
    const today = todayIn(w.scope.timeZone);
    for (let i = 1; i <= options.runs; i++) {
      const steps: [RefreshStep, number][] = [];
      const started = performance.now();
      const asOf = addDays(today, i - options.runs);
      const outcome = await refreshPredictions(w.scope, { asOf, onStep: (step, ms) => steps.push([step, ms]) });
      const total = performance.now() - started;
      log(`Refresh ${i}: ${outcome.status === "ok" ? `${count(outcome.customers)} customers scored as of ${outcome.asOf}` : `${outcome.status}: ${outcome.message}`}`);
      for (const [step, ms] of steps) log(`  ${step.padEnd(20)} ${seconds(ms)}`);
      log(`  ${"total".padEnd(20)} ${seconds(total)}`);
      if (outcome.status === "ok") {
        for (const line of describeParams(outcome.params)) log(`  ${line}`);
        if (outcome.checkMessage) log(`  ${outcome.checkMessage}`);
      }
    }
    const started = performance.now();
    const members = await countSegment(w.scope, PREDICTION_SEGMENT, { timeoutMs: 120_000 });
    log(`count: probability still active < 0.3 and predicted 12-month value > 500: ${count(members)} members in ${seconds(performance.now() - started)}`);
    return 0;
  } finally {
    await closeDb();
  }
}

export const predictBenchmark: Benchmark = {
  description: "time each step of the prediction refresh at 1,000,000 customers, and a segment on prediction fields",
  usage: "predict [--workspace bench] [--runs 2]",
  run,
};
