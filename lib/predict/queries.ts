/**
 * Prediction reads: the workspace's run (latest attempt and last success, parsed by zod), and the
 * live computation the command line prints (fit and score without storing anything).
 */
import "server-only";
import { z } from "zod";
import { getDb, type SqlDriver } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createClock, isLocalDate, type LocalDate } from "@/lib/segments/time";
import { fitModels } from "./fit";
import { missingHistory } from "./history";
import { predictionCheckSchema, predictionDistributionSchema, predictionParamsSchema, PREDICTION_ATTEMPT_STATUSES, type PredictionParams } from "./schemas";
import { scoreCustomer, type CustomerScores } from "./scoring";
import { buildSummary, forEachSummaryBatch, historyFacts, purchaseGroups, spendGroups, type CustomerSummary } from "./summary";

/** What prediction reads and writes need of the context. */
export interface PredictionScope {
  workspaceId: string;
  /** The workspace's IANA time zone: purchase days are local days there. */
  timeZone: string;
}

/** Today in the workspace's zone. */
export function todayIn(timeZone: string, now: Date = new Date()): LocalDate {
  return createClock(now, timeZone).today;
}

/** Checks a date given by a user ("YYYY-MM-DD", a real date). */
export function parsePredictionDate(text: string, what = "The date"): LocalDate {
  if (!isLocalDate(text)) throw new AppError("invalid", `${what} must be a date written YYYY-MM-DD, such as 1997-09-30 (got "${text}").`);
  return text;
}

const runRowSchema = z.object({
  attemptedAt: z.coerce.date(),
  attemptStatus: z.enum(PREDICTION_ATTEMPT_STATUSES),
  attemptMessage: z.string().nullable(),
  computedAt: z.coerce.date().nullable(),
  asOf: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  customers: z.number().int().nullable(),
  repeaters: z.number().int().nullable(),
  params: predictionParamsSchema.nullable(),
  check: predictionCheckSchema,
  distribution: predictionDistributionSchema.nullable(),
});

/** A workspace's PredictionRun: the latest attempt, and the last successful fit (null fields before the first). */
export type PredictionRunInfo = z.infer<typeof runRowSchema>;

/** The workspace's prediction run, or null before the first attempt. */
export async function getPredictionRun(ctx: { workspaceId: string }, sql?: SqlDriver): Promise<PredictionRunInfo | null> {
  const driver = sql ?? (await getDb()).sql;
  const [row] = await driver.query(
    `SELECT "attemptedAt", "attemptStatus", "attemptMessage", "computedAt", "asOf"::text AS "asOf", "durationMs", "customers", "repeaters",
            "params", "check", "distribution"
       FROM "PredictionRun" WHERE "workspaceId" = $1`,
    [ctx.workspaceId],
  );
  return row ? runRowSchema.parse(row) : null;
}

/** One customer as the command line prints it: the summary (days) and the numbers. */
export interface PredictedCustomer extends CustomerSummary, CustomerScores {
  email: string | null;
}

/** The outcome of a live computation: the fitted parameters, or why there are none. */
export type PredictionPreview =
  | { ok: true; asOf: LocalDate; customers: number; repeaters: number; params: PredictionParams }
  | { ok: false; asOf: LocalDate; status: "insufficient" | "not_converged"; message: string };

/**
 * Fits the models on the history up to asOf (default today) and, when they fit, tells onFitted
 * and scores every customer in id order in batches, without storing anything (the command line's
 * `predict`).
 */
export async function previewPredictions(
  scope: PredictionScope,
  options: { asOf?: LocalDate; batchSize?: number },
  handlers: { onFitted(fitted: Extract<PredictionPreview, { ok: true }>): void; onBatch(rows: PredictedCustomer[]): Promise<void> | void },
): Promise<PredictionPreview> {
  const asOf = options.asOf ?? todayIn(scope.timeZone);
  const { sql } = await getDb();
  return sql.transaction(async (tx) => {
    const summary = await buildSummary(tx, scope, asOf);
    const facts = await historyFacts(summary);
    const missing = missingHistory(facts, asOf);
    if (missing) return { ok: false, asOf, status: "insufficient", message: missing };
    const fitted = fitModels(await purchaseGroups(summary), await spendGroups(summary));
    if (!fitted.ok) return { ok: false, asOf, status: "not_converged", message: fitted.message };
    const preview = { ok: true, asOf, customers: facts.customers, repeaters: facts.repeaters, params: fitted.params } as const;
    handlers.onFitted(preview);
    await forEachSummaryBatch(summary, 1, options.batchSize ?? 5000, async (rows) => {
      const emails = await tx.query<{ id: string; email: string | null }>(
        `SELECT "id"::text AS "id", "email" FROM "Customer" WHERE "workspaceId" = $1 AND "id" = ANY($2::uuid[])`,
        [scope.workspaceId, rows.map((r) => r.customerId)],
      );
      const emailOf = new Map(emails.map((e) => [e.id, e.email]));
      await handlers.onBatch(rows.map((r) => ({ ...r, email: emailOf.get(r.customerId) ?? null, ...scoreCustomer(fitted.params, r) })));
    });
    return preview;
  });
}
