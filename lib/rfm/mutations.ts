/** RFM writes: the refresh of the stored scores, and the admin's rule set. */
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb, type SqlDriver } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { invalidateRfmSegmentsSql } from "@/lib/membership/invalidate";
import type { LocalDate } from "@/lib/segments/time";
import { findPreset } from "./presets";
import type { RfmRule } from "./rules";
import { rfmRulesDiff } from "./rules-diff";
import { rfmRuleSetSchema, rulesFromSettings, ruleSetFieldErrors } from "./schemas";
import { forgetLiveQuantiles, getRfmRun, loadRfmContext, scoredCustomersSql, type RfmRunInfo, type RfmScope } from "./queries";

/**
 * Recomputes the workspace's stored RFM scores at the analysis date (default: today in its zone),
 * set-based: the quantiles in one scan (percentile_cont), then every score and segment in one
 * INSERT … SELECT … ON CONFLICT that writes only changed rows, in one transaction.
 */
export async function refreshRfm(scope: RfmScope, analysisDate?: LocalDate): Promise<RfmRunInfo> {
  await storeRfmScores((await getDb()).sql, scope, analysisDate);
  const run = await getRfmRun(scope);
  if (!run) throw new Error("the RFM refresh did not record its run");
  return run;
}

/** The refresh on a given connection (the demo seed's, which has no global database). */
export async function storeRfmScores(sql: SqlDriver, scope: RfmScope, analysisDate?: LocalDate): Promise<void> {
  const started = performance.now();
  await sql.transaction(async (tx) => {
    // One refresh per workspace at a time; a second waits and then recomputes from fresh data.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('rfm:' || $1::text))`, [scope.workspaceId]);
    // The insert sorts every scored customer by id: keep that sort in memory.
    if (tx.kind === "postgres") await tx.query(`SELECT set_config('work_mem', '256MB', true)`);
    const context = await loadRfmContext(scope, analysisDate, tx);
    if (context.cuts) {
      // Upsert in primary-key order, writing only rows whose values changed: a refresh on a quiet
      // day rewrites the customers whose scores moved, not the whole table.
      const select = scoredCustomersSql(scope, { ...context, cuts: context.cuts });
      const upsert = Prisma.sql`INSERT INTO "CustomerRfm" AS t ("workspaceId", "customerId", "lastOrderDate", "frequency", "monetary", "r", "f", "m", "segment")
        SELECT ${scope.workspaceId}::uuid, s."id", s."lastOrderDate", s."frequency", s."monetary", s."r", s."f", s."m", s."segment" FROM (${select}) s
        ORDER BY s."id"
        ON CONFLICT ("workspaceId", "customerId") DO UPDATE SET "lastOrderDate" = EXCLUDED."lastOrderDate", "frequency" = EXCLUDED."frequency",
          "monetary" = EXCLUDED."monetary", "r" = EXCLUDED."r", "f" = EXCLUDED."f", "m" = EXCLUDED."m", "segment" = EXCLUDED."segment"
        WHERE (t."lastOrderDate", t."frequency", t."monetary", t."r", t."f", t."m", t."segment")
          IS DISTINCT FROM (EXCLUDED."lastOrderDate", EXCLUDED."frequency", EXCLUDED."monetary", EXCLUDED."r", EXCLUDED."f", EXCLUDED."m", EXCLUDED."segment")`;
      await tx.query(upsert.text, upsert.values);
    }
    // Stored membership scores RFM conditions against this run: those segments are stale now.
    const stale = invalidateRfmSegmentsSql(scope.workspaceId);
    await tx.query(stale.text, stale.values);
    // Customers who no longer have a paid order lose their scores.
    await tx.query(
      `DELETE FROM "CustomerRfm" t WHERE t."workspaceId" = $1 AND NOT EXISTS (
         SELECT 1 FROM "Customer" c WHERE c."workspaceId" = t."workspaceId" AND c."id" = t."customerId" AND c."ordersCount" > 0 AND c."lastOrderAt" IS NOT NULL)`,
      [scope.workspaceId],
    );
    // The page's aggregates, kept with the run: the page then reads one row at any size.
    const [{ segments, grid }] = await tx.query<{ segments: unknown; grid: unknown }>(
      `SELECT
         (SELECT coalesce(json_agg(s), '[]') FROM (SELECT "segment", count(*)::int AS "customers", sum("frequency")::text AS "orders", sum("monetary")::text AS "revenue"
            FROM "CustomerRfm" WHERE "workspaceId" = $1 GROUP BY "segment") s) AS "segments",
         (SELECT coalesce(json_agg(g), '[]') FROM (SELECT "r", "f", count(*)::int AS "customers", avg("monetary")::text AS "avg"
            FROM "CustomerRfm" WHERE "workspaceId" = $1 GROUP BY "r", "f") g) AS "grid"`,
      [scope.workspaceId],
    );
    const durationMs = Math.round(performance.now() - started);
    await tx.query(
      `INSERT INTO "RfmRun" ("workspaceId", "analysisDate", "computedAt", "durationMs", "customers", "cuts", "rules", "segments", "grid")
       VALUES ($1, $2::date, now(), $3, $4, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb)
       ON CONFLICT ("workspaceId") DO UPDATE SET "analysisDate" = EXCLUDED."analysisDate", "computedAt" = EXCLUDED."computedAt",
         "durationMs" = EXCLUDED."durationMs", "customers" = EXCLUDED."customers", "cuts" = EXCLUDED."cuts", "rules" = EXCLUDED."rules",
         "segments" = EXCLUDED."segments", "grid" = EXCLUDED."grid"`,
      [scope.workspaceId, context.analysisDate, durationMs, context.population.customers, context.cuts ? JSON.stringify(context.cuts) : null, JSON.stringify(context.rules), JSON.stringify(segments), JSON.stringify(grid)],
    );
  });
  // Reclaim the row versions a refresh replaced now rather than let the table and its indexes
  // bloat until autovacuum gets to them (which made later refreshes slower).
  if (sql.kind === "postgres") await sql.query(`VACUUM (ANALYZE) "CustomerRfm"`);
  forgetLiveQuantiles(scope.workspaceId);
}

// The rule set being replaced; stored rules that no longer parse count as none (the entry then lists every rule as added).
function storedRulesOrNone(settings: unknown): RfmRule[] {
  try {
    return rulesFromSettings(settings);
  } catch {
    return [];
  }
}

/**
 * Saves the workspace's rule set (parsed: AppError("invalid") with field errors such as
 * "rules.2.recency"), keeping the other settings, and re-assigns the stored segments with it at
 * the stored analysis date.
 */
export async function saveRfmRules(scope: RfmScope & { userId?: string | null }, input: unknown, options: { preset?: string } = {}): Promise<RfmRule[]> {
  const parsed = rfmRuleSetSchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", "Some segment rules need fixing.", ruleSetFieldErrors(parsed.error));
  const rules = parsed.data;
  const { sql } = await getDb();
  await sql.transaction(async (tx) => {
    const [row] = await tx.query<{ settings: unknown }>(`SELECT "settings" FROM "Workspace" WHERE "id" = $1 FOR UPDATE`, [scope.workspaceId]);
    if (!row) throw new AppError("not_found", "This workspace no longer exists.");
    const others = typeof row.settings === "object" && row.settings !== null && !Array.isArray(row.settings) ? row.settings : {};
    await tx.query(`UPDATE "Workspace" SET "settings" = $2::jsonb, "updatedAt" = now() WHERE "id" = $1`, [scope.workspaceId, JSON.stringify({ ...others, rfm: { rules } })]);
    const diff = rfmRulesDiff(storedRulesOrNone(row.settings), rules);
    await recordAudit(tx, { workspaceId: scope.workspaceId, userId: scope.userId ?? null }, {
      action: "rfm.rules_update",
      entityType: "rfm",
      diff: { ...diff, rules: rules.length, ...(options.preset ? { preset: options.preset } : {}) },
    });
  });
  const run = await getRfmRun(scope);
  if (run) await refreshRfm(scope, run.analysisDate);
  return rules;
}

/**
 * Switches the workspace to one of the preset rule sets (./presets) and re-scores: at the stored
 * analysis date like any rule edit, or today when the scores were never computed.
 */
export async function applyRfmPreset(scope: RfmScope & { userId?: string | null }, key: string): Promise<{ rules: RfmRule[]; run: RfmRunInfo }> {
  const preset = findPreset(key);
  if (!preset) throw new AppError("invalid", "Choose one of the segment sets offered.");
  const rules = await saveRfmRules(scope, preset.rules, { preset: preset.name });
  const run = (await getRfmRun(scope)) ?? (await refreshRfm(scope));
  return { rules, run };
}
