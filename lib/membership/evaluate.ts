/**
 * Full evaluation of one saved segment: every member the rule gives now against the stored ones,
 * the difference applied and logged (the first evaluation logs every member as entered, so the
 * change log alone gives size over time), and the stored state marked usable: memberCount
 * recounted, membershipVersion = the version evaluated, evaluated / clock instants, local day.
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import type { SqlDriver } from "@/lib/db/driver";
import type { MembershipChange } from "./hooks";
import { applySegment, lockWorkspace, type MembershipCause } from "./apply";
import { loadWorkspaceState, type WorkspaceState } from "./state";

/**
 * Locks the segment and every segment it refers to (FOR SHARE) and reads the workspace's state:
 * a definition saved meanwhile waits for this evaluation, then marks it stale (saved-mutations),
 * so a stored membership is never marked current for a definition it was not evaluated with.
 */
async function lockedState(tx: SqlDriver, workspaceId: string, segmentId: string, now: Date): Promise<WorkspaceState | null> {
  let locked = new Set([segmentId.toLowerCase()]);
  for (let round = 0; round < 8; round++) {
    await tx.query(`SELECT 1 FROM "Segment" WHERE "workspaceId" = $1 AND "id" = ANY($2::uuid[]) ORDER BY "id" FOR SHARE`, [workspaceId, [...locked]]);
    const state = await loadWorkspaceState(tx, workspaceId, now);
    const segment = state?.segments.get(segmentId.toLowerCase());
    if (!state || !segment) return null;
    const missing = segment.references.filter((id) => !locked.has(id));
    if (missing.length === 0) return state;
    locked = new Set([...locked, ...missing]);
  }
  throw new Error(`the references of segment ${segmentId} kept changing`);
}

/**
 * The evaluation inside tx (which must hold the workspace's membership lock); null when the
 * segment is gone or its definition no longer validates (then it stays not usable and readers
 * evaluate it live, which reports why).
 */
export async function evaluateSegmentIn(tx: SqlDriver, workspaceId: string, segmentId: string, cause: MembershipCause, now: Date): Promise<MembershipChange | null> {
  const state = await lockedState(tx, workspaceId, segmentId, now);
  const segment = state?.segments.get(segmentId.toLowerCase());
  if (!state || !segment?.parsed) return null;
  const change = await applySegment(tx, state, segment, cause, null);
  await tx.query(
    `UPDATE "Segment" SET
       "memberCount" = (SELECT count(*)::int FROM "SegmentMember" m WHERE m."workspaceId" = $1 AND m."segmentId" = $2),
       "membershipVersion" = $3, "membershipEvaluatedAt" = $4, "membershipClockAt" = $4, "membershipDay" = $5::date
     WHERE "workspaceId" = $1 AND "id" = $2`,
    [workspaceId, segment.id, segment.version, state.now.toISOString(), state.today],
  );
  return change;
}

/** Evaluates one segment in full, in its own transaction under the workspace's membership lock. */
export async function evaluateSegment(workspaceId: string, segmentId: string, cause: MembershipCause, now: Date = new Date()): Promise<MembershipChange | null> {
  const { sql } = await getDb();
  return sql.transaction(async (tx) => {
    await lockWorkspace(tx, workspaceId);
    return evaluateSegmentIn(tx, workspaceId, segmentId, cause, now);
  });
}
