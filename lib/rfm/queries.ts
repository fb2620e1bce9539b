/**
 * RFM reads. loadRfmContext scores live (the population's quantiles now, for segment conditions
 * and the command line); the page reads what refreshRfm stored (CustomerRfm, RfmRun).
 */
import "server-only";
import { z } from "zod";
import { getDb, type SqlDriver } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SqlKit } from "@/lib/segments/operators";
import { createClock, isLocalDate, type LocalDate } from "@/lib/segments/time";
import type { RfmContext } from "./context";
import { OTHERS, segmentKey, segmentNames, type RfmRule } from "./rules";
import { rulesFromSettings } from "./schemas";
import type { RfmCuts } from "./scoring";
import { quantilesSql, recencySql, scoredSql, scoresSql, segmentOfScoresSql } from "./sql";

export const q: SqlKit = { sql: Prisma.sql, join: Prisma.join, raw: Prisma.raw };

/** What RFM reads need of the context. */
export interface RfmScope {
  workspaceId: string;
  /** The workspace's IANA time zone. */
  timeZone: string;
}

/** The population's quantile cut points and ranges. */
export interface RfmPopulation {
  customers: number;
  cuts: RfmCuts | null;
  min: { recency: number; frequency: number; monetary: number } | null;
  max: { recency: number; frequency: number; monetary: number } | null;
}

type QuantileRow = {
  customers: number; recency: number[] | null; frequency: number[] | null; monetary: number[] | null;
  minRecency: number | null; maxRecency: number | null; minFrequency: number | null; maxFrequency: number | null;
  minMonetary: string | number | null; maxMonetary: string | number | null;
};

const nums = (a: unknown): number[] => (a as unknown[]).map(Number);

/** The population's cut points at an analysis date (one scan of the workspace's customers). */
export async function loadRfmPopulation(sql: SqlDriver, scope: RfmScope, analysisDate: LocalDate): Promise<RfmPopulation> {
  const statement = quantilesSql(q, scope.workspaceId, { analysisDate, timeZone: scope.timeZone });
  // Three sorts of every scored customer: with the default 4 MB of work_mem they spill to disk.
  const [row] = sql.kind === "postgres"
    ? await sql.transaction(async (tx) => {
        await tx.query(`SELECT set_config('work_mem', '256MB', true)`);
        return tx.query<QuantileRow>(statement.text, statement.values);
      })
    : await sql.query<QuantileRow>(statement.text, statement.values);
  if (!row || row.customers === 0 || !row.recency || !row.frequency || !row.monetary) return { customers: 0, cuts: null, min: null, max: null };
  const plus1 = (a: unknown) => nums(a).map((v) => v + 1);
  return {
    customers: row.customers,
    cuts: { recency: plus1(row.recency), frequency: plus1(row.frequency), monetary: plus1(row.monetary) },
    min: { recency: Number(row.minRecency), frequency: Number(row.minFrequency), monetary: Number(row.minMonetary) },
    max: { recency: Number(row.maxRecency), frequency: Number(row.maxFrequency), monetary: Number(row.maxMonetary) },
  };
}

/** The workspace's RFM rule set (the package defaults until an admin saves one). */
export async function getRfmRules(ctx: { workspaceId: string }, sql?: SqlDriver): Promise<RfmRule[]> {
  const driver = sql ?? (await getDb()).sql;
  const [row] = await driver.query<{ settings: unknown }>(`SELECT "settings" FROM "Workspace" WHERE "id" = $1`, [ctx.workspaceId]);
  if (!row) throw new AppError("not_found", "This workspace no longer exists.");
  return rulesFromSettings(row.settings);
}

/** Today in the workspace's zone. */
export function todayIn(timeZone: string, now: Date = new Date()): LocalDate {
  return createClock(now, timeZone).today;
}

/** Checks an analysis date given by a user ("YYYY-MM-DD", a real date). */
export function parseAnalysisDate(text: string): LocalDate {
  if (!isLocalDate(text)) throw new AppError("invalid", `The analysis date must be a date written YYYY-MM-DD, such as 2006-12-31 (got "${text}").`);
  return text;
}

/** How long segment counting reuses a workspace's live quantiles (one scan of its customers). */
export const LIVE_QUANTILES_TTL_MS = 60_000;
const liveQuantiles = new Map<string, { at: number; population: Promise<RfmPopulation> }>();

/**
 * The live scoring context for segment conditions: like loadRfmContext, but the population's
 * quantiles are reused for up to LIVE_QUANTILES_TTL_MS per workspace and date, so a rule builder
 * counting again and again does not rescan 1,000,000 customers each time. Scores and rules are
 * always current; only the cut points may be that old.
 */
export async function loadLiveRfmContext(scope: RfmScope, analysisDate: LocalDate): Promise<RfmContext> {
  const { sql } = await getDb();
  const key = `${scope.workspaceId}|${analysisDate}|${scope.timeZone}`;
  const now = Date.now();
  let cached = liveQuantiles.get(key);
  if (!cached || now - cached.at > LIVE_QUANTILES_TTL_MS) {
    cached = { at: now, population: loadRfmPopulation(sql, scope, analysisDate) };
    liveQuantiles.set(key, cached);
    cached.population.catch(() => liveQuantiles.delete(key));
    for (const [k, v] of liveQuantiles) if (now - v.at > LIVE_QUANTILES_TTL_MS) liveQuantiles.delete(k);
  }
  const [rules, population] = await Promise.all([getRfmRules(scope, sql), cached.population]);
  return { analysisDate, timeZone: scope.timeZone, rules, cuts: population.cuts };
}

/** Forgets the cached live quantiles of a workspace (after its data changed in bulk, e.g. a refresh). */
export function forgetLiveQuantiles(workspaceId: string): void {
  for (const k of liveQuantiles.keys()) if (k.startsWith(`${workspaceId}|`)) liveQuantiles.delete(k);
}

/** The live scoring context: the workspace's rules and the population's cut points at the analysis date (default today). */
export async function loadRfmContext(scope: RfmScope, analysisDate?: LocalDate, sql?: SqlDriver): Promise<RfmContext & { population: RfmPopulation }> {
  const driver = sql ?? (await getDb()).sql;
  const date = analysisDate ?? todayIn(scope.timeZone);
  // In sequence: the driver may be one transaction's connection, where queries must not overlap.
  const rules = await getRfmRules(scope, driver);
  const population = await loadRfmPopulation(driver, scope, date);
  return { analysisDate: date, timeZone: scope.timeZone, rules, cuts: population.cuts, population };
}

/** One customer as the command line prints it. */
export interface RfmCustomerRow {
  id: string;
  email: string | null;
  recencyDays: number;
  frequency: number;
  monetary: string;
  r: number;
  f: number;
  m: number;
  score: number;
  segment: string;
}

/** The SELECT of scored customers (id, email, measures, scores, segment) in a context; the refresh inserts it. */
export function scoredCustomersSql(scope: RfmScope, context: RfmContext & { cuts: RfmCuts }, page?: { after: string | null; limit: number }): Prisma.Sql {
  const { r, f, m } = scoresSql(q, context);
  const col = (name: string) => Prisma.raw(`s."${name}"`);
  // OFFSET 0 keeps the inner query whole, so each score is computed once per customer.
  return Prisma.sql`SELECT s.*, ${segmentOfScoresSql(q, context.rules, col("r"), col("f"), col("m"))} AS "segment"
    FROM (SELECT c."id", c."email", ${recencySql(q, context)} AS "recencyDays", (c."lastOrderAt" AT TIME ZONE ${context.timeZone})::date AS "lastOrderDate", c."ordersCount" AS "frequency",
            c."totalSpent" AS "monetary", ${r} AS "r", ${f} AS "f", ${m} AS "m"
          FROM "Customer" c WHERE c."workspaceId" = ${scope.workspaceId}::uuid AND ${scoredSql(q)}
          ${page?.after ? Prisma.sql`AND c."id" > ${page.after}::uuid` : Prisma.empty}
          ${page ? Prisma.sql`ORDER BY c."id" LIMIT ${page.limit}` : Prisma.empty} OFFSET 0) s`;
}

/**
 * Every scored customer, live, in batches ordered by id (keyset paging; constant memory at any
 * size), for the command line.
 */
export async function forEachRfmBatch(scope: RfmScope, context: RfmContext, onBatch: (rows: RfmCustomerRow[]) => void | Promise<void>, batchSize = 5000): Promise<void> {
  if (!context.cuts) return;
  const { sql } = await getDb();
  const scored = { ...context, cuts: context.cuts };
  let after: string | null = null;
  for (;;) {
    const page = scoredCustomersSql(scope, scored, { after, limit: batchSize });
    const statement: Prisma.Sql = Prisma.sql`SELECT p."id", p."email", p."recencyDays", p."frequency", p."monetary"::text AS "monetary", p."r", p."f", p."m",
        (100 * p."r" + 10 * p."f" + p."m") AS "score", p."segment"
      FROM (${page}) p ORDER BY p."id"`;
    const rows = await sql.query<RfmCustomerRow>(statement.text, statement.values);
    if (rows.length === 0) return;
    await onBatch(rows);
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].id;
  }
}

const segmentRowSchema = z.object({ segment: z.string(), customers: z.number().int(), orders: z.string().nullable(), revenue: z.string().nullable() });
const gridRowSchema = z.object({ r: z.number().int(), f: z.number().int(), customers: z.number().int(), avg: z.string().nullable() });

/** The stored refresh of a workspace: when, for which date, with which rules, and the page's aggregates; null before the first. */
export interface RfmRunInfo {
  analysisDate: LocalDate;
  computedAt: Date;
  durationMs: number;
  customers: number;
  cuts: RfmCuts | null;
  rules: RfmRule[];
  segments: z.infer<typeof segmentRowSchema>[];
  grid: z.infer<typeof gridRowSchema>[];
}

/** The workspace's last RFM refresh, or null. */
export async function getRfmRun(ctx: { workspaceId: string }): Promise<RfmRunInfo | null> {
  const { sql } = await getDb();
  const [row] = await sql.query<{ analysisDate: string; computedAt: Date; durationMs: number; customers: number; cuts: RfmCuts | null; rules: unknown; segments: unknown; grid: unknown }>(
    `SELECT "analysisDate"::text AS "analysisDate", "computedAt", "durationMs", "customers", "cuts", "rules", "segments", "grid" FROM "RfmRun" WHERE "workspaceId" = $1`,
    [ctx.workspaceId],
  );
  if (!row) return null;
  return {
    ...row,
    computedAt: new Date(row.computedAt),
    rules: rulesFromSettings({ rfm: { rules: row.rules } }),
    segments: z.array(segmentRowSchema).parse(row.segments),
    grid: z.array(gridRowSchema).parse(row.grid),
  };
}

/** One row of the segment table. */
export interface RfmSegmentSummary {
  segment: string;
  key: string;
  customers: number;
  orders: number;
  /** Decimal strings (exact sums). */
  revenue: string;
  /** revenue / orders rounded to 2 places; null without orders. */
  aov: string | null;
  /** This segment's share of all scored revenue, 0–1. */
  revenueShare: number;
}

/** The segment table as of the last refresh, in rule order then "Others" (segments no longer in the rules after them). */
export function rfmSummary(run: RfmRunInfo, rules: readonly RfmRule[]): RfmSegmentSummary[] {
  const total = run.segments.reduce((s, r) => s + Number(r.revenue ?? 0), 0);
  const order = segmentNames(rules);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  // Every rule's segment is listed, an empty one with zeros: a set's segments stay visible when nobody is in them.
  const present = new Set(run.segments.map((r) => r.segment));
  const empty = rules.filter((r) => !present.has(r.name)).map((r) => ({ segment: r.name, customers: 0, orders: "0", revenue: "0" }));
  return [...run.segments, ...empty]
    .sort((a, b) => rank(a.segment) - rank(b.segment) || a.segment.localeCompare(b.segment))
    .map((r) => {
      const orders = Number(r.orders ?? 0);
      const revenue = r.revenue ?? "0";
      return {
        segment: r.segment,
        key: segmentKey(r.segment),
        customers: r.customers,
        orders,
        revenue,
        aov: orders > 0 ? (Math.round((Number(revenue) / orders) * 100) / 100).toFixed(2) : null,
        revenueShare: total > 0 ? Number(revenue) / total : 0,
      };
    });
}

/** The segment table of the workspace's last refresh ([] before the first). */
export async function getRfmSummary(ctx: { workspaceId: string }, rules: readonly RfmRule[]): Promise<RfmSegmentSummary[]> {
  const run = await getRfmRun(ctx);
  return run ? rfmSummary(run, rules) : [];
}

/** One cell of the R × F grid. */
export interface RfmGridCell {
  r: number;
  f: number;
  customers: number;
  /** Mean monetary value (total paid per customer) in the cell; null when empty. */
  avgMonetary: number | null;
}

/** The 25 cells of the R × F grid as of the last refresh (empty cells included), rows R 5 → 1. */
export function rfmGrid(run: RfmRunInfo | null): RfmGridCell[] {
  const cells: RfmGridCell[] = [];
  for (let r = 5; r >= 1; r--) {
    for (let f = 1; f <= 5; f++) {
      const row = run?.grid.find((x) => x.r === r && x.f === f);
      cells.push({ r, f, customers: row?.customers ?? 0, avgMonetary: row?.avg == null ? null : Number(row.avg) });
    }
  }
  return cells;
}

/** The grid of the workspace's last refresh. */
export async function getRfmGrid(ctx: { workspaceId: string }): Promise<RfmGridCell[]> {
  return rfmGrid(await getRfmRun(ctx));
}

/** One member of an RFM segment as its page lists them. */
export interface RfmMember {
  id: string;
  name: string | null;
  email: string | null;
  recencyDays: number;
  frequency: number;
  monetary: string;
  r: number;
  f: number;
  m: number;
}

/** The stored segment with this URL key (a rule's, "others", or one assigned by an older rule set); null if none. */
export async function findRfmSegment(ctx: { workspaceId: string }, key: string, rules: readonly RfmRule[]): Promise<string | null> {
  const known = segmentNames(rules).find((n) => segmentKey(n) === key);
  if (known) return known;
  const { sql } = await getDb();
  const rows = await sql.query<{ segment: string }>(`SELECT DISTINCT "segment" FROM "CustomerRfm" WHERE "workspaceId" = $1`, [ctx.workspaceId]);
  return rows.map((r) => r.segment).find((n) => segmentKey(n) === key) ?? (key === segmentKey(OTHERS) ? OTHERS : null);
}

/** A page of a segment's members, by total paid (highest first), with the segment's size as of the last refresh. */
export async function listRfmMembers(ctx: { workspaceId: string }, segment: string, page: number, pageSize: number): Promise<{ total: number; members: RfmMember[] }> {
  const { sql } = await getDb();
  // The size was counted by the refresh (a count here takes a second at 1,000,000 customers).
  const run = await getRfmRun(ctx);
  const total = run?.segments.find((x) => x.segment === segment)?.customers ?? 0;
  const members = await sql.query<RfmMember>(
    `SELECT c."id", NULLIF(concat_ws(' ', c."firstName", c."lastName"), '') AS "name", c."email", ($5::date - s."lastOrderDate") AS "recencyDays", s."frequency",
            s."monetary"::text AS "monetary", s."r", s."f", s."m"
     FROM "CustomerRfm" s JOIN "Customer" c ON c."workspaceId" = s."workspaceId" AND c."id" = s."customerId"
     WHERE s."workspaceId" = $1 AND s."segment" = $2
     ORDER BY s."monetary" DESC, s."customerId" DESC LIMIT $3 OFFSET $4`,
    [ctx.workspaceId, segment, pageSize, (page - 1) * pageSize, run?.analysisDate ?? "1970-01-01"],
  );
  return { total, members };
}
