/**
 * Reconciling stored membership with time and definitions: per workspace, the segments needing a
 * full evaluation (referenced segments before their referrers), the day bump of segments that do
 * not depend on today, the time-of-day catch-up, then the drain of queued writes. The runner's
 * entry points (membershipWorker, membershipDayChange) and the CLI call this.
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import type { MembershipCause } from "./apply";
import { lockWorkspace } from "./apply";
import { catchUpClock } from "./clock";
import { drainWorkspace } from "./drain";
import { reportMembershipFailure, RetryPauses } from "./failures";
import { evaluateSegmentIn } from "./evaluate";
import { isDrainable, loadWorkspaceState, type WorkspaceState } from "./state";

/** Options of a sync. */
export interface SyncOptions {
  /** The instant evaluated at (default: now). */
  now?: Date;
  /** Only this workspace (default: every workspace with segments or queued customers). */
  workspaceId?: string;
  /** Re-evaluate every segment in full (cause full_refresh). */
  full?: boolean;
  /**
   * Report a failing workspace or full evaluation and go on with the others (the runner's worker),
   * retrying it after a growing pause, instead of throwing (the command line, tests).
   */
  isolateFailures?: boolean;
}

/** The worker's pauses after failures, by workspace and by segment version. */
const pauses = new RetryPauses();

/** A full evaluation to run. */
export interface PlannedEvaluation {
  segmentId: string;
  cause: MembershipCause;
}

/** Why a segment needs a full evaluation at state.now, ignoring its references; null when it doesn't. */
function ownCause(state: WorkspaceState, id: string, full: boolean): MembershipCause | null {
  const s = state.segments.get(id)!;
  if (!s.parsed) return null;
  if (full || s.memberCount === null) return "full_refresh";
  // Stored scores the segment uses (RFM, predictions) were refreshed after its last evaluation. The
  // refresh marks its segments stale (membershipVersion NULL); a save moves version instead.
  const refreshed = (uses: boolean, computedAt: Date | null) =>
    uses && computedAt !== null && (!s.membershipEvaluatedAt || computedAt > s.membershipEvaluatedAt) &&
    (s.membershipVersion === null || s.membershipVersion === s.version);
  if (refreshed(s.usesRfm, state.rfmComputedAt)) return "rfm_refresh";
  if (refreshed(s.usesPredictions, state.predictionsComputedAt)) return "prediction_refresh";
  if (s.membershipVersion !== s.version) return "definition_change";
  if (s.dependsOnToday && s.membershipDay !== state.today) return "day_change";
  return null;
}

/**
 * The full evaluations a workspace needs, referenced segments first: a segment whose referenced
 * segment's definition changed is re-evaluated too (definition_change).
 */
export function planEvaluations(state: WorkspaceState, full = false): PlannedEvaluation[] {
  const plan: PlannedEvaluation[] = [];
  const causes = new Map<string, MembershipCause | null>();
  const visit = (id: string, path: Set<string>): MembershipCause | null => {
    if (causes.has(id)) return causes.get(id)!;
    const s = state.segments.get(id);
    if (!s || path.has(id)) return null;
    path.add(id);
    const fromReferences = s.references.map((r) => visit(r, path)).includes("definition_change");
    path.delete(id);
    let cause = ownCause(state, id, full);
    if (!cause && fromReferences && s.parsed) cause = "definition_change";
    causes.set(id, cause);
    if (cause) plan.push({ segmentId: id, cause });
    return cause;
  };
  for (const id of state.segments.keys()) visit(id, new Set());
  return plan;
}

/** One workspace's sync at now; true when it changed anything (evaluated, caught up, drained). */
export async function syncWorkspace(workspaceId: string, now: Date, full = false, isolateFailures = false): Promise<boolean> {
  const { sql } = await getDb();
  const state = await sql.transaction((tx) => loadWorkspaceState(tx, workspaceId, now));
  if (!state) return false;
  let worked = false;
  // Queued writes go first and again after each full evaluation, so a write waits for at most one
  // evaluation (a definition saved, a day change, an RFM refresh) rather than for all of them.
  const drain = async () => {
    while (await sql.transaction((tx) => drainWorkspace(tx, workspaceId, now, 5000))) worked = true;
  };
  await drain();
  for (const { segmentId, cause } of planEvaluations(state, full)) {
    const key = `segment:${segmentId}:${state.segments.get(segmentId)!.version}`;
    if (isolateFailures && !pauses.due(key, Date.now())) continue;
    try {
      const done = await sql.transaction(async (tx) => {
        await lockWorkspace(tx, workspaceId);
        return evaluateSegmentIn(tx, workspaceId, segmentId, cause, now);
      });
      pauses.succeeded(key);
      if (done) worked = true;
      await drain();
    } catch (e) {
      // The segment stays not usable (readers evaluate it live); the others go on.
      if (!isolateFailures) throw e;
      pauses.failed(key, Date.now());
      reportMembershipFailure(`evaluating segment ${segmentId} of workspace ${workspaceId} in full`, e);
    }
  }
  const moved = await sql.transaction(async (tx) => {
    await lockWorkspace(tx, workspaceId);
    const current = await loadWorkspaceState(tx, workspaceId, now);
    if (!current) return false;
    let changed = false;
    for (const s of current.segments.values()) {
      // A definition that no longer validates (an option removed, a referenced field retyped)
      // cannot be kept: its stored members stop being usable.
      if (!s.parsed && s.membershipVersion !== null) {
        await tx.query(`UPDATE "Segment" SET "membershipVersion" = NULL WHERE "workspaceId" = $1 AND "id" = $2`, [workspaceId, s.id]);
        changed = true;
        continue;
      }
      // The day moved but nothing in the definition depends on it: the members are still exact.
      if (isDrainable(s, current.today) && !s.dependsOnToday && s.membershipDay !== current.today) {
        await tx.query(`UPDATE "Segment" SET "membershipDay" = $3::date WHERE "workspaceId" = $1 AND "id" = $2 AND "membershipVersion" = "version"`, [
          workspaceId, s.id, current.today,
        ]);
        s.membershipDay = current.today;
        changed = true;
      }
      if (await catchUpClock(tx, current, s)) changed = true;
    }
    return changed;
  });
  if (moved) worked = true;
  await drain();
  return worked;
}

/** Reconciles stored membership (one workspace or all) at now, then drains the queue; true when it did work. */
export async function syncMembership(options: SyncOptions = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  const { sql } = await getDb();
  const workspaces = options.workspaceId
    ? [options.workspaceId]
    : (
        await sql.query<{ id: string }>(
          `SELECT "workspaceId"::text AS "id" FROM "Segment" UNION SELECT "workspaceId"::text FROM "MembershipDirty" ORDER BY 1`,
        )
      ).map((r) => r.id);
  let worked = false;
  for (const workspaceId of workspaces) {
    const key = `workspace:${workspaceId}`;
    if (options.isolateFailures && !pauses.due(key, Date.now())) continue;
    try {
      if (await syncWorkspace(workspaceId, now, options.full ?? false, options.isolateFailures)) worked = true;
      pauses.succeeded(key);
    } catch (e) {
      // One workspace's failure never holds up the others' queues.
      if (!options.isolateFailures) throw e;
      pauses.failed(key, Date.now());
      reportMembershipFailure(`syncing workspace ${workspaceId}`, e);
    }
  }
  return worked;
}

/** The runner's periodic pass: sync and drain every workspace, failures isolated; true when it did work. */
export function membershipWorker(): Promise<boolean> {
  return syncMembership({ isolateFailures: true });
}

/** The runner's day-change job for a workspace (after its local midnight): re-evaluates what depends on today. */
export async function membershipDayChange(workspaceId: string, now: Date): Promise<void> {
  await syncWorkspace(workspaceId, now);
}
