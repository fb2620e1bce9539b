/**
 * The time-of-day catch-up. Conditions bounded by "now" itself (./today.ts nowSources) change
 * when now passes a stored datetime — an order placed "in the future" enters "last 7 days"
 * at its time, a lastSeenAt in the next hour leaves "in the next 2 days" then — not only at
 * midnight. Only customers with such a value between the instant the stored membership was last
 * brought up to (membershipClockAt) and now can have moved: they alone are re-evaluated.
 */
import "server-only";
import type { SqlDriver } from "@/lib/db/driver";
import { findField } from "@/lib/fields/catalog";
import { fieldSql } from "@/lib/fields/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { applySegment } from "./apply";
import { isUsable, type SegmentState, type WorkspaceState } from "./state";

/** Customers of the workspace with a now-compared value in [from, to] (either order). */
function movedCustomersSql(state: WorkspaceState, segment: SegmentState, from: Date, to: Date): Prisma.Sql | null {
  const sources = segment.now;
  if (!sources) return null;
  const [lo, hi] = (from <= to ? [from, to] : [to, from]).map((d) => d.toISOString());
  const ws = state.workspaceId;
  const parts: Prisma.Sql[] = [];
  for (const key of sources.fields) {
    const field = findField(state.catalog, key);
    if (!field) continue;
    const value = fieldSql(field, state.today).value;
    parts.push(Prisma.sql`SELECT c."id" FROM "Customer" c WHERE c."workspaceId" = ${ws}::uuid AND ${value} BETWEEN ${lo}::timestamptz AND ${hi}::timestamptz`);
  }
  if (sources.orders) {
    parts.push(Prisma.sql`SELECT o."customerId" FROM "Order" o WHERE o."workspaceId" = ${ws}::uuid AND o."placedAt" BETWEEN ${lo}::timestamptz AND ${hi}::timestamptz`);
  }
  if (sources.events.length > 0) {
    parts.push(Prisma.sql`SELECT e."customerId" FROM "Event" e WHERE e."workspaceId" = ${ws}::uuid AND e."name" = ANY(${sources.events}::text[])
      AND e."occurredAt" BETWEEN ${lo}::timestamptz AND ${hi}::timestamptz`);
  }
  return parts.length > 0 ? Prisma.join(parts, " UNION ") : null;
}

/**
 * Brings a usable segment whose conditions compare with now up to state.now: re-evaluates the
 * customers whose compared values lie between membershipClockAt and now (cause day_change, the
 * passage of time) and advances membershipClockAt. True when it re-evaluated anyone.
 */
export async function catchUpClock(tx: SqlDriver, state: WorkspaceState, segment: SegmentState): Promise<boolean> {
  if (!segment.now || !isUsable(segment, state.today)) return false;
  const from = segment.membershipClockAt ?? segment.membershipEvaluatedAt;
  if (!from || from.getTime() === state.now.getTime()) return false;
  const moved = movedCustomersSql(state, segment, from, state.now);
  const ids = moved ? (await tx.query<{ id: string }>(`SELECT DISTINCT x."id"::text AS "id" FROM (${moved.text}) x("id")`, moved.values)).map((r) => r.id) : [];
  if (ids.length > 0) await applySegment(tx, state, segment, "day_change", ids);
  await tx.query(`UPDATE "Segment" SET "membershipClockAt" = $3 WHERE "workspaceId" = $1 AND "id" = $2`, [state.workspaceId, segment.id, state.now.toISOString()]);
  return ids.length > 0;
}
