/**
 * `predict`: fits the workspace's purchase and spend models on its paid orders up to a date
 * (default: today in its zone) and prints the parameters and every customer's numbers, without
 * storing them; `--refresh` stores them instead (what the Predictions page and the daily job show).
 * Too little history or a fit that fails is a message and a non-zero exit.
 */
import type { Command } from "commander";
import { z } from "zod";
import { csvField } from "@/lib/customers/export-csv";
import { AppError } from "@/lib/errors";
import { refreshPredictions } from "@/lib/predict/mutations";
import { parsePredictionDate, previewPredictions, type PredictedCustomer, type PredictionScope } from "@/lib/predict/queries";
import type { PredictionParams } from "@/lib/predict/schemas";
import { count, parseOptions, type CliContext } from "./context";

const optionsSchema = z.object({
  workspace: z.string().min(1),
  calibrationEnd: z.string().optional(),
  format: z.enum(["csv", "json"], { error: 'must be "csv" or "json"' }).default("csv"),
  refresh: z.boolean().default(false),
});

const HEADER = ["id", "email", "x", "t_x", "T", "p_alive", "expected_30d", "expected_90d", "expected_365d", "average_order_value", "value_12m", "churn_risk"];

const csvLine = (r: PredictedCustomer) =>
  [r.customerId, r.email ?? "", String(r.x), String(r.tx), String(r.T), String(r.probabilityAlive), String(r.purchases30), String(r.purchases90),
    String(r.purchases365), r.averageOrderValue, r.value12m, r.churnRisk].map(csvField).join(",");

const jsonRow = (r: PredictedCustomer) =>
  JSON.stringify({
    id: r.customerId, email: r.email, x: r.x, tx: r.tx, T: r.T, probabilityAlive: r.probabilityAlive, purchases30: r.purchases30, purchases90: r.purchases90,
    purchases365: r.purchases365, averageOrderValue: r.averageOrderValue, value12m: r.value12m, churnRisk: r.churnRisk,
  });

/** The fitted parameters in one line per model (time in days). */
export function describeParams(params: PredictionParams): string[] {
  const { bgnbd: b, gammaGamma: g } = params;
  const n = (v: number) => v.toPrecision(6);
  return [
    `BG/NBD (days): r ${n(b.r)}, alpha ${n(b.alpha)}, a ${n(b.a)}, b ${n(b.b)}; log-likelihood ${b.logLikelihood.toFixed(2)} (${b.iterations} iterations)`,
    `Gamma-Gamma: p ${n(g.p)}, q ${n(g.q)}, v ${n(g.v)}; log-likelihood ${g.logLikelihood.toFixed(2)} (${g.iterations} iterations)`,
  ];
}

async function workspaceScope(ctx: CliContext, slug: string): Promise<PredictionScope> {
  const { prisma } = await ctx.db();
  const workspace = await prisma.workspace.findUnique({ where: { slug }, select: { id: true, timeZone: true } });
  if (!workspace) throw new AppError("not_found", `There is no workspace "${slug}".`);
  return { workspaceId: workspace.id, timeZone: workspace.timeZone };
}

/** Registers `predict`. */
export function registerPredictCommand(program: Command, ctx: CliContext): void {
  program
    .command("predict")
    .description("fit the purchase (BG/NBD) and spend (Gamma-Gamma) models and print every customer's predictions (customers with a paid order)")
    .requiredOption("--workspace <slug>", "the workspace")
    .option("--calibration-end <YYYY-MM-DD>", "use the paid orders up to this day, and predict from it (default: today in the workspace's time zone)")
    .option("--format <format>", "csv or json", "csv")
    .option("--refresh", "store the predictions (what the Predictions page, columns and segments read) instead of printing them")
    .addHelpText("after", "\nWith csv the parameters go to standard error, so standard output is the CSV alone; json prints one object with both.\nTime is in days: x repeat purchase days, t_x and T days since the first purchase day.")
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(optionsSchema, raw);
      const asOf = options.calibrationEnd === undefined ? undefined : parsePredictionDate(options.calibrationEnd, "--calibration-end");
      const scope = await workspaceScope(ctx, options.workspace);
      if (options.refresh) {
        const outcome = await refreshPredictions(scope, { asOf });
        if (outcome.status !== "ok") throw new AppError("invalid", outcome.message);
        for (const line of describeParams(outcome.params)) ctx.out(line);
        ctx.out(`Stored predictions for ${count(outcome.customers)} customers as of ${outcome.asOf} in ${(outcome.durationMs / 1000).toFixed(1)} s.`);
        if (outcome.checkMessage) ctx.out(outcome.checkMessage);
        return;
      }
      let first = true;
      const preview = await previewPredictions(scope, { asOf }, {
        onFitted(fitted) {
          if (options.format === "csv") {
            for (const line of describeParams(fitted.params)) ctx.err(line);
            ctx.err(`As of ${fitted.asOf}: ${count(fitted.customers)} customers with a paid order, ${count(fitted.repeaters)} of them on two days or more.`);
            ctx.out(HEADER.join(","));
          } else ctx.out(`{"asOf":${JSON.stringify(fitted.asOf)},"customers":${fitted.customers},"repeaters":${fitted.repeaters},"params":${JSON.stringify(fitted.params)},"predictions":[`);
        },
        onBatch(rows) {
          for (const row of rows) {
            ctx.out(options.format === "csv" ? csvLine(row) : `${first ? "" : ","}${jsonRow(row)}`);
            first = false;
          }
        },
      });
      if (!preview.ok) throw new AppError("invalid", preview.message);
      if (options.format === "json") ctx.out("]}");
    });
}
