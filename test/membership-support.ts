/** Shared checks of the stored-membership tests: stored members against the live evaluation of the same definitions. */
import crypto from "node:crypto";
import { expect } from "vitest";
import type { SqlDriver } from "@/lib/db/client";
import { isUsable, loadWorkspaceState, memberPredicate } from "@/lib/membership/state";

/** Saves a segment row directly (as createSegment would, without the validation round trip). */
export async function insertSegment(sql: SqlDriver, workspaceId: string, definition: unknown, name = "S"): Promise<string> {
  const id = crypto.randomUUID();
  await sql.query(`INSERT INTO "Segment" ("workspaceId", "id", "name", "definition", "updatedAt") VALUES ($1, $2, $3, $4::jsonb, now())`, [
    workspaceId, id, `${name} ${id.slice(0, 6)}`, JSON.stringify(definition),
  ]);
  return id;
}

/** The stored member ids of a segment, sorted. */
export async function storedMembers(sql: SqlDriver, workspaceId: string, segmentId: string): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT "customerId"::text AS "id" FROM "SegmentMember" WHERE "workspaceId" = $1 AND "segmentId" = $2 ORDER BY 1`,
    [workspaceId, segmentId],
  );
  return rows.map((r) => r.id);
}

/** The change log rows of a segment: kind, cause and customer, oldest first. */
export async function changeLog(sql: SqlDriver, workspaceId: string, segmentId: string): Promise<{ kind: string; cause: string; customerId: string }[]> {
  return sql.query(
    `SELECT "kind"::text AS "kind", "cause"::text AS "cause", "customerId"::text AS "customerId" FROM "SegmentMembershipChange"
      WHERE "workspaceId" = $1 AND "segmentId" = $2 ORDER BY "id"`,
    [workspaceId, segmentId],
  );
}

/** How many customers are queued. */
export async function queued(sql: SqlDriver, workspaceId: string): Promise<number> {
  const [row] = await sql.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM "MembershipDirty" WHERE "workspaceId" = $1`, [workspaceId]);
  return row.n;
}

/** The usable flag and member count as stored. */
export async function segmentState(sql: SqlDriver, workspaceId: string, segmentId: string, now: Date): Promise<{ usable: boolean; memberCount: number | null }> {
  const state = await sql.transaction((tx) => loadWorkspaceState(tx, workspaceId, now));
  const s = state!.segments.get(segmentId)!;
  return { usable: isUsable(s, state!.today), memberCount: s.memberCount };
}

/**
 * Every segment of the workspace with a valid definition: usable at now, its stored members equal
 * to the live evaluation at now (same definitions, catalog and RFM context), memberCount = count(*).
 */
export async function expectExact(sql: SqlDriver, workspaceId: string, now: Date, label = ""): Promise<number> {
  const state = (await sql.transaction((tx) => loadWorkspaceState(tx, workspaceId, now)))!;
  let checked = 0;
  for (const s of state.segments.values()) {
    if (!s.parsed) continue;
    const where = memberPredicate(state, s);
    const live = (await sql.query<{ id: string }>(`SELECT c."id"::text AS "id" FROM "Customer" c WHERE ${where.text} ORDER BY 1`, where.values)).map((r) => r.id);
    const stored = await storedMembers(sql, workspaceId, s.id);
    expect(isUsable(s, state.today), `${label} usable ${s.id} ${JSON.stringify(s.definition)}`).toBe(true);
    expect(stored, `${label} members of ${JSON.stringify(s.definition)} at ${now.toISOString()}`).toEqual(live);
    expect(s.memberCount, `${label} memberCount`).toBe(stored.length);
    checked += 1;
  }
  return checked;
}
