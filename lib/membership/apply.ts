/**
 * Applying a difference between what a segment's rule says now and its stored members, set-based:
 * one statement computes the live members (all, or only the given customers), inserts the
 * entrants, deletes the leavers and logs both under one batchId — whatever the number of
 * customers. memberCount follows by trigger (migration 20261204000200).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { SqlDriver } from "@/lib/db/driver";
import { Prisma } from "@/lib/generated/prisma/client";
import { notifyMembershipChange, type MembershipChange } from "./hooks";
// Every process that applies changes writes their webhook messages in the same transaction.
import "@/lib/webhooks/membership-hook";
import { memberPredicate, type SegmentState, type WorkspaceState } from "./state";

/** Why a batch was applied ("MembershipCause"). */
export type MembershipCause = "write" | "day_change" | "definition_change" | "rfm_refresh" | "prediction_refresh" | "full_refresh";

/**
 * Re-evaluates the segment for customerIds (every customer when null) at state.now, applies and
 * logs the difference, and calls the change hooks; returns the batch (entered / exited counts).
 */
export async function applySegment(
  tx: SqlDriver,
  state: WorkspaceState,
  segment: SegmentState,
  cause: MembershipCause,
  customerIds: readonly string[] | null,
): Promise<MembershipChange> {
  const ws = state.workspaceId;
  const batchId = randomUUID();
  const at = state.now.toISOString();
  const predicate = memberPredicate(state, segment);
  const onlyLive = customerIds ? Prisma.sql` AND c."id" = ANY(${[...customerIds]}::uuid[])` : Prisma.empty;
  const onlyStored = customerIds ? Prisma.sql` AND m."customerId" = ANY(${[...customerIds]}::uuid[])` : Prisma.empty;
  const statement = Prisma.sql`
    WITH live AS MATERIALIZED (SELECT c."id" FROM "Customer" c WHERE ${predicate}${onlyLive}),
    entered AS (
      INSERT INTO "SegmentMember" ("workspaceId", "segmentId", "customerId", "since")
      SELECT ${ws}::uuid, ${segment.id}::uuid, l."id", ${at}::timestamptz FROM live l
       WHERE NOT EXISTS (SELECT 1 FROM "SegmentMember" m WHERE m."workspaceId" = ${ws}::uuid AND m."segmentId" = ${segment.id}::uuid AND m."customerId" = l."id")
      ON CONFLICT DO NOTHING
      RETURNING "customerId"),
    exited AS (
      DELETE FROM "SegmentMember" m WHERE m."workspaceId" = ${ws}::uuid AND m."segmentId" = ${segment.id}::uuid${onlyStored}
         AND NOT EXISTS (SELECT 1 FROM live l WHERE l."id" = m."customerId")
      RETURNING "customerId"),
    logged AS (
      INSERT INTO "SegmentMembershipChange" ("workspaceId", "segmentId", "customerId", "kind", "at", "cause", "batchId")
      SELECT ${ws}::uuid, ${segment.id}::uuid, x."customerId", x."kind"::"MembershipChangeKind", ${at}::timestamptz, ${cause}::"MembershipCause", ${batchId}::uuid
        FROM (SELECT "customerId", 'entered' AS "kind" FROM entered UNION ALL SELECT "customerId", 'exited' FROM exited) x
      RETURNING "kind")
    SELECT count(*) FILTER (WHERE "kind" = 'entered')::int AS "entered", count(*) FILTER (WHERE "kind" = 'exited')::int AS "exited" FROM logged`;
  const [{ entered, exited }] = await tx.query<{ entered: number; exited: number }>(statement.text, statement.values);
  const change: MembershipChange = { workspaceId: ws, segmentId: segment.id, batchId, entered, exited };
  await notifyMembershipChange(tx, change);
  return change;
}

/** Serializes every membership write of a workspace (drain, evaluations) until the transaction ends. */
export async function lockWorkspace(tx: SqlDriver, workspaceId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('membership:' || $1::text))`, [workspaceId]);
}

/** Like lockWorkspace, but gives up at once (false) when another transaction holds it. */
export async function tryLockWorkspace(tx: SqlDriver, workspaceId: string): Promise<boolean> {
  const [row] = await tx.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(hashtext('membership:' || $1::text)) AS "ok"`, [workspaceId]);
  return row.ok;
}
