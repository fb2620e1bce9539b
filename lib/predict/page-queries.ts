/**
 * The Predictions page's reads: the workspace's prediction run (latest attempt and last successful
 * fit, its JSON parsed by the zod shapes of ./schemas) and the top customers by predicted value.
 * Both read what the refresh stored; nothing is fitted or scored here.
 */
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import type { LocalDate } from "@/lib/segments/time";
import {
  CHURN_RISKS,
  PREDICTION_ATTEMPT_STATUSES,
  predictionCheckSchema,
  predictionDistributionSchema,
  predictionParamsSchema,
  type PredictionAttemptStatus,
  type PredictionCheck,
  type PredictionDistribution,
  type PredictionParams,
} from "./schemas";

/** The numbers of the last successful fit, which the stored customer predictions belong to. */
export interface PredictionFit {
  computedAt: Date;
  /** The local date the customers' histories were summarised up to. */
  asOf: LocalDate;
  durationMs: number;
  /** Customers with a paid order (scored), and those of them with a repeat purchase day. */
  customers: number;
  repeaters: number;
  params: PredictionParams;
  /** null when the history was too short for a holdout check. */
  check: PredictionCheck;
  distribution: PredictionDistribution;
}

/** The workspace's prediction run: the latest attempt and, separately, the last successful fit. */
export interface PredictionPageRun {
  attemptedAt: Date;
  attemptStatus: PredictionAttemptStatus;
  /** What was missing, or which model did not converge and why; null after a success. */
  attemptMessage: string | null;
  /** null before the first successful fit. */
  fit: PredictionFit | null;
  /** True when a fit was stored but its JSON no longer parses (written by another version): the page asks for a recompute. */
  fitUnreadable: boolean;
}

const runRowSchema = z.object({
  attemptedAt: z.coerce.date(),
  attemptStatus: z.enum(PREDICTION_ATTEMPT_STATUSES),
  attemptMessage: z.string().nullable(),
  computedAt: z.coerce.date().nullable(),
  asOf: z.iso.date().nullable(),
  durationMs: z.number().int().nullable(),
  customers: z.number().int().nullable(),
  repeaters: z.number().int().nullable(),
  params: z.unknown(),
  check: z.unknown(),
  distribution: z.unknown(),
});

const storedFitSchema = z.object({
  computedAt: z.date(),
  asOf: z.iso.date(),
  durationMs: z.number().int(),
  customers: z.number().int(),
  repeaters: z.number().int(),
  params: predictionParamsSchema,
  check: predictionCheckSchema,
  distribution: predictionDistributionSchema,
});

/** The workspace's prediction run for the page, its JSON parsed (lib/predict/queries getPredictionRun returns it raw), or null before the first attempt. */
export async function getPredictionPageRun(ctx: { workspaceId: string }): Promise<PredictionPageRun | null> {
  const { sql } = await getDb();
  const [row] = await sql.query(
    `SELECT "attemptedAt", "attemptStatus", "attemptMessage", "computedAt", "asOf"::text AS "asOf", "durationMs", "customers", "repeaters",
            "params", "check", "distribution"
     FROM "PredictionRun" WHERE "workspaceId" = $1`,
    [ctx.workspaceId],
  );
  if (!row) return null;
  const run = runRowSchema.parse(row);
  const base = { attemptedAt: run.attemptedAt, attemptStatus: run.attemptStatus, attemptMessage: run.attemptMessage };
  if (run.computedAt === null) return { ...base, fit: null, fitUnreadable: false };
  const fit = storedFitSchema.safeParse(run);
  if (!fit.success) {
    console.error(`PredictionRun of workspace ${ctx.workspaceId} does not parse:`, z.prettifyError(fit.error));
    return { ...base, fit: null, fitUnreadable: true };
  }
  return { ...base, fit: fit.data, fitUnreadable: false };
}

/** One row of the top customers table. */
export interface TopPredictedCustomer {
  id: string;
  name: string | null;
  email: string | null;
  /** 0–1. */
  probabilityAlive: number;
  purchases90: number;
  purchases365: number;
  /** Decimal strings (money). */
  averageOrderValue: string;
  value12m: string;
  churnRisk: (typeof CHURN_RISKS)[number];
}

const topRowSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  probabilityAlive: z.number(),
  purchases90: z.number(),
  purchases365: z.number(),
  averageOrderValue: z.string(),
  value12m: z.string(),
  churnRisk: z.enum(CHURN_RISKS),
});

/** Most rows the top customers table shows. */
export const TOP_PREDICTED_LIMIT = 25;

/**
 * The statement of the top customers: the LIMIT first rows of
 * "CustomerPrediction_workspaceId_value12m_customerId_idx" read backwards (ties by customer id,
 * highest first), then their names; at any size this reads 25 index entries, never a sort.
 */
export function topPredictedCustomersSql(workspaceId: string, limit: number): { text: string; values: unknown[] } {
  return {
    text: `SELECT c."id", NULLIF(concat_ws(' ', c."firstName", c."lastName"), '') AS "name", c."email",
              p."probabilityAlive", p."purchases90", p."purchases365", p."averageOrderValue"::text AS "averageOrderValue",
              p."value12m"::text AS "value12m", p."churnRisk"
       FROM (SELECT * FROM "CustomerPrediction" WHERE "workspaceId" = $1
             ORDER BY "workspaceId" DESC, "value12m" DESC, "customerId" DESC LIMIT $2) p
       JOIN "Customer" c ON c."workspaceId" = p."workspaceId" AND c."id" = p."customerId"
       ORDER BY p."value12m" DESC, p."customerId" DESC`,
    values: [workspaceId, limit],
  };
}

/** The customers with the highest predicted 12-month value (as of the last successful fit). */
export async function listTopPredictedCustomers(ctx: { workspaceId: string }, limit: number = TOP_PREDICTED_LIMIT): Promise<TopPredictedCustomer[]> {
  const { sql } = await getDb();
  const statement = topPredictedCustomersSql(ctx.workspaceId, Math.min(Math.max(1, Math.trunc(limit)), 100));
  const rows = await sql.query(statement.text, statement.values);
  return z.array(topRowSchema).parse(rows);
}
