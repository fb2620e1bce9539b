/**
 * `rfm`: every scored customer's RFM (id, email, recency days, order count, total, R, F, M,
 * score, segment), computed live at the analysis date (default: today in the workspace's zone)
 * with the workspace's rule set; `--refresh` instead recomputes the stored scores the RFM page shows.
 */
import type { Command } from "commander";
import { z } from "zod";
import { csvField } from "@/lib/customers/export-csv";
import { AppError } from "@/lib/errors";
import { refreshRfm } from "@/lib/rfm/mutations";
import { forEachRfmBatch, loadRfmContext, parseAnalysisDate, type RfmCustomerRow, type RfmScope } from "@/lib/rfm/queries";
import { count, parseOptions, type CliContext } from "./context";

const optionsSchema = z.object({
  workspace: z.string().min(1),
  analysisDate: z.string().optional(),
  format: z.enum(["csv", "json"], { error: 'must be "csv" or "json"' }).default("csv"),
  refresh: z.boolean().default(false),
});

const HEADER = ["id", "email", "recency_days", "order_count", "total", "r", "f", "m", "score", "segment"];

const csvLine = (r: RfmCustomerRow) =>
  [r.id, r.email ?? "", String(r.recencyDays), String(r.frequency), r.monetary, String(r.r), String(r.f), String(r.m), String(r.score), r.segment].map(csvField).join(",");

const jsonRow = (r: RfmCustomerRow) =>
  JSON.stringify({ id: r.id, email: r.email, recencyDays: r.recencyDays, orderCount: r.frequency, total: r.monetary, r: r.r, f: r.f, m: r.m, score: r.score, segment: r.segment });

async function workspaceScope(ctx: CliContext, slug: string): Promise<RfmScope> {
  const { prisma } = await ctx.db();
  const workspace = await prisma.workspace.findUnique({ where: { slug }, select: { id: true, timeZone: true } });
  if (!workspace) throw new AppError("not_found", `There is no workspace "${slug}".`);
  return { workspaceId: workspace.id, timeZone: workspace.timeZone };
}

/** Registers `rfm`. */
export function registerRfmCommand(program: Command, ctx: CliContext): void {
  program
    .command("rfm")
    .description("print every customer's RFM scores and segment (customers with at least one paid order)")
    .requiredOption("--workspace <slug>", "the workspace")
    .option("--analysis-date <YYYY-MM-DD>", "count recency up to this day (default: today in the workspace's time zone)")
    .option("--format <format>", "csv or json", "csv")
    .option("--refresh", "recompute the stored scores the RFM page shows instead of printing them")
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(optionsSchema, raw);
      const analysisDate = options.analysisDate === undefined ? undefined : parseAnalysisDate(options.analysisDate);
      const scope = await workspaceScope(ctx, options.workspace);
      if (options.refresh) {
        const run = await refreshRfm(scope, analysisDate);
        ctx.out(`Scored ${count(run.customers)} customers at ${run.analysisDate} in ${(run.durationMs / 1000).toFixed(1)} s.`);
        return;
      }
      const context = await loadRfmContext(scope, analysisDate);
      if (options.format === "csv") ctx.out(HEADER.join(","));
      else ctx.out("[");
      let pending: string | null = null;
      await forEachRfmBatch(scope, context, (rows) => {
        for (const row of rows) {
          if (options.format === "csv") ctx.out(csvLine(row));
          else {
            if (pending !== null) ctx.out(`${pending},`);
            pending = jsonRow(row);
          }
        }
      });
      if (options.format === "json") {
        if (pending !== null) ctx.out(pending);
        ctx.out("]");
      }
    });
}
