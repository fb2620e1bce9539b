/**
 * Segment dashboards: one segment's numbers under a time budget, scoped to the workspace, over its
 * stored members when they are usable (lib/membership/read) and its rules evaluated live otherwise.
 */
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { findField } from "@/lib/fields/catalog";
import { getCatalog } from "@/lib/fields/queries";
import { segmentMembersWhere } from "@/lib/membership/read";
import { compileWhere } from "@/lib/segments/compile";
import { sumDecimals } from "@/lib/segments/decimal";
import { prepareSegment, type SegmentScope } from "@/lib/segments/count-prepare";
import { runCounting } from "@/lib/segments/count-run";
import { inAgeOrder } from "./age-bands";
import { breakdownLabel, inRiskOrder } from "./labels";
import { headlineOf } from "./metrics";
import { dashboardStatement, monthlyStatement } from "./sql";
import type { Breakdown, BreakdownDimension, SegmentDashboard } from "./types";
import { dashboardWindows } from "./windows";

/** Budget of one dashboard (PostgreSQL cancels past it; see runCounting). */
export const DASHBOARD_TIMEOUT_MS = 30_000;

/** work_mem of a dashboard or comparison transaction: hash joins and aggregates over up to a million members. */
export const DASHBOARD_WORK_MEM = "64MB";

/** The custom field whose values the "preferred device" breakdown shows. */
export const DEVICE_FIELD_KEY = "preferred_device";

/** A saved segment as the dashboard reads it. */
export interface DashboardSegment {
  id: string;
  name: string;
  description: string | null;
  definition: unknown;
  updatedAt: Date;
}

export const segmentIdSchema = z.uuid({ message: "A segment id is a UUID." });

/** The workspace's segment with this id; AppError("not_found") when there is none (or the id is malformed). */
export async function getDashboardSegment(ctx: { workspaceId: string }, id: string): Promise<DashboardSegment> {
  const parsed = segmentIdSchema.safeParse(id);
  const { prisma } = await getDb();
  const segment = parsed.success
    ? await prisma.segment.findFirst({
        where: { workspaceId: ctx.workspaceId, id: parsed.data },
        select: { id: true, name: true, description: true, definition: true, updatedAt: true },
      })
    : null;
  if (!segment) throw new AppError("not_found", "This workspace has no such segment.");
  return segment;
}

/** The workspace's segments (id, name), by name, for pickers. */
export async function listSegmentNames(ctx: { workspaceId: string }): Promise<{ id: string; name: string }[]> {
  const { prisma } = await getDb();
  return prisma.segment.findMany({ where: { workspaceId: ctx.workspaceId }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

const BREAKDOWN_TITLES: Record<BreakdownDimension, string> = {
  country: "Country",
  gender: "Gender",
  ageBand: "Age band",
  lifecycleStage: "Lifecycle stage",
  language: "Language",
  rfm: "RFM segment",
  churnRisk: "Churn risk",
  device: "Preferred device",
};

const rowSchema = z.object({
  headline: z.object({ members: z.number(), revenue: z.string(), orders: z.coerce.number(), newMembers: z.number() }),
  everyone: z.object({ customers: z.number(), revenue: z.string() }),
  breakdowns: z.array(z.object({ dimension: z.enum(["country", "gender", "ageBand", "lifecycleStage", "language", "rfm", "churnRisk", "device"]), key: z.string().nullable(), members: z.number(), revenue: z.string() })),
  monthly: z.array(z.object({ month: z.string(), allRevenue: z.string(), allOrders: z.number(), memberRevenue: z.string(), memberOrders: z.number() })),
  categories: z.array(z.object({ category: z.string(), revenue: z.string(), quantity: z.number() })),
  top: z.array(
    z.object({
      id: z.string(), firstName: z.string().nullable(), lastName: z.string().nullable(), email: z.string().nullable(), country: z.string().nullable(),
      ordersCount: z.number(), totalSpent: z.string(), lastOrderAt: z.string().nullable(),
    }),
  ),
});

/** The members' WHERE: a saved segment's stored members when usable, else the definition compiled at now. */
async function membersWhere(scope: SegmentScope, definition: unknown, segmentId: string | undefined, now: Date) {
  if (segmentId) return segmentMembersWhere(scope, { id: segmentId, definition }, now);
  const prepared = await prepareSegment(scope, definition, now);
  return { where: compileWhere(prepared.definition, prepared.catalog, prepared.options), stored: { usable: false, asOf: null, memberCount: null } };
}

/**
 * Everything a segment's dashboard shows, from one statement (see ./sql), computed at now in the
 * workspace's zone; with segmentId (a saved segment) over its stored members when they are usable
 * (no evaluation at all), else live. Throws InvalidDefinitionError for a definition that no longer
 * validates and AppError("timeout") past the budget.
 */
export async function computeDashboard(
  scope: SegmentScope,
  definition: unknown,
  options: { now?: Date; timeoutMs?: number; segmentId?: string } = {},
): Promise<SegmentDashboard> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const [catalog, { where, stored }] = await Promise.all([getCatalog(scope), membersWhere(scope, definition, options.segmentId, now)]);
  const deviceField = findField(catalog, `custom.${DEVICE_FIELD_KEY}`);
  const deviceKey = deviceField && !deviceField.archived ? DEVICE_FIELD_KEY : null;
  const w = dashboardWindows(now, scope.timeZone);
  const input = { workspaceId: scope.workspaceId, timeZone: scope.timeZone, where, deviceKey };
  const [raw, monthly] = await runCounting(options.timeoutMs ?? DASHBOARD_TIMEOUT_MS, async (run) => {
    await run({ text: "SELECT set_config('work_mem', $1, true)", values: [DASHBOARD_WORK_MEM] });
    const [main] = await run<Record<string, unknown>>(dashboardStatement(input, w));
    return [main, await run<unknown>(monthlyStatement(input, w))] as const;
  });
  const row = rowSchema.parse({ ...raw, monthly });
  // The scan starts 12 months before today: its first (partial) month counts towards the 12-month total, not the chart.
  const revenue12m = sumDecimals(row.monthly.map((m) => m.memberRevenue));
  const allRevenue12m = sumDecimals(row.monthly.map((m) => m.allRevenue));
  const byMonth = new Map(row.monthly.map((m) => [m.month, m]));
  const breakdowns: Breakdown[] = (Object.keys(BREAKDOWN_TITLES) as BreakdownDimension[])
    .filter((d) => d !== "device" || deviceKey)
    .map((dimension) => {
      const rows = row.breakdowns
        .filter((b) => b.dimension === dimension)
        .map((b) => ({ key: b.key, label: breakdownLabel(dimension, b.key, deviceField?.options), members: b.members, revenue: b.revenue }));
      return { dimension, title: BREAKDOWN_TITLES[dimension], rows: dimension === "ageBand" ? inAgeOrder(rows) : dimension === "churnRisk" ? inRiskOrder(rows) : rows };
    });
  return {
    headline: headlineOf({
      members: row.headline.members,
      revenue: row.headline.revenue,
      revenue12m,
      orders: row.headline.orders,
      newMembers: row.headline.newMembers,
      customers: row.everyone.customers,
      allRevenue: row.everyone.revenue,
      allRevenue12m,
    }),
    monthly: w.months.map((month) => {
      const m = byMonth.get(month);
      return { month, memberRevenue: m?.memberRevenue ?? "0", memberOrders: m?.memberOrders ?? 0, allRevenue: m?.allRevenue ?? "0", allOrders: m?.allOrders ?? 0 };
    }),
    breakdowns,
    categories: row.categories,
    topMembers: row.top.map((t) => ({
      id: t.id,
      name: [t.firstName, t.lastName].filter((s) => s && s.trim()).join(" ") || null,
      email: t.email,
      country: t.country,
      ordersCount: t.ordersCount,
      totalSpent: t.totalSpent,
      lastOrderAt: t.lastOrderAt,
    })),
    computedAt: now.toISOString(),
    membership: { usable: stored.usable, asOf: stored.asOf?.toISOString() ?? null },
    today: w.today,
    last12Start: w.last12Start.toISOString(),
    categoriesStart: w.categoriesStart.toISOString(),
    categoriesSinceDay: w.categoriesSinceDay,
    elapsedMs: Math.round(performance.now() - started),
  };
}
