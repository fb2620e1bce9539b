/**
 * The drain: customers queued in "MembershipDirty" by the write triggers are re-evaluated against
 * every saved segment whose stored membership reflects its definition, in one transaction per
 * workspace batch: claim (DELETE … RETURNING), apply, log, notify. A crash anywhere rolls it all
 * back and the queue rows come back. A write committed after the claim left its own queue row,
 * which the next drain takes; a write committed before it is visible to the evaluation (READ
 * COMMITTED takes a snapshot per statement), so nothing is missed and nothing applied twice.
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import type { SqlDriver } from "@/lib/db/driver";
import { applySegment, tryLockWorkspace } from "./apply";
import { reportMembershipFailure } from "./failures";
import { isDrainable, loadWorkspaceState, type SegmentState, type WorkspaceState } from "./state";

/** Options of a drain. */
export interface DrainOptions {
  /** The instant evaluated at (default: now). */
  now?: Date;
  /** Queue rows claimed per workspace and transaction (default 5,000). */
  limit?: number;
  /** Only this workspace. */
  workspaceId?: string;
}

const DEFAULT_LIMIT = 5000;

/**
 * One batch of one workspace, inside tx: false when another drain holds the workspace or nothing
 * is queued. Segments that are not drainable are left to their next full evaluation, which reads
 * the data after this write anyway.
 */
export async function drainWorkspace(tx: SqlDriver, workspaceId: string, now: Date, limit: number): Promise<boolean> {
  if (!(await tryLockWorkspace(tx, workspaceId))) return false;
  const claimed = await tx.query<{ customerId: string }>(
    `DELETE FROM "MembershipDirty" WHERE "workspaceId" = $1 AND "id" IN (
       SELECT "id" FROM "MembershipDirty" WHERE "workspaceId" = $1 ORDER BY "id" LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING "customerId"::text AS "customerId"`,
    [workspaceId, limit],
  );
  if (claimed.length === 0) return false;
  const ids = [...new Set(claimed.map((r) => r.customerId))].sort();
  const state = await loadWorkspaceState(tx, workspaceId, now);
  if (!state) return true;
  for (const segment of state.segments.values()) {
    if (isDrainable(segment, state.today)) await applyOrSetAside(tx, state, segment, ids);
  }
  return true;
}

/**
 * Applies the queued customers to one segment under a savepoint. When that fails (a definition the
 * database refuses, say), the segment's stored members are set aside (membershipVersion NULL: not
 * usable, so readers evaluate it live and report why; the sync retries it in full) and the drain
 * goes on for the other segments: one broken segment never holds up a workspace's queue.
 */
async function applyOrSetAside(tx: SqlDriver, state: WorkspaceState, segment: SegmentState, ids: readonly string[]): Promise<void> {
  await tx.query(`SAVEPOINT membership_segment`);
  try {
    await applySegment(tx, state, segment, "write", ids);
    await tx.query(`RELEASE SAVEPOINT membership_segment`);
  } catch (e) {
    await tx.query(`ROLLBACK TO SAVEPOINT membership_segment`);
    await tx.query(`UPDATE "Segment" SET "membershipVersion" = NULL WHERE "workspaceId" = $1 AND "id" = $2`, [state.workspaceId, segment.id]);
    reportMembershipFailure(`applying writes to segment ${segment.id} of workspace ${state.workspaceId}`, e);
  }
}

/**
 * Drains one batch per workspace with queued customers (or only options.workspaceId); true when
 * it did work. Call again while it returns true.
 */
export async function drainMembership(options: DrainOptions = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_LIMIT, 100_000));
  const { sql } = await getDb();
  const workspaces = options.workspaceId
    ? [options.workspaceId]
    : (await sql.query<{ workspaceId: string }>(`SELECT DISTINCT "workspaceId"::text AS "workspaceId" FROM "MembershipDirty"`)).map((r) => r.workspaceId);
  let worked = false;
  for (const workspaceId of workspaces) {
    if (await sql.transaction((tx) => drainWorkspace(tx, workspaceId, now, limit))) worked = true;
  }
  return worked;
}
