/**
 * Messages from membership changes, written in the transaction that logged the changes (the hook
 * lib/membership calls), so a change is reported exactly when it is committed: the outbox. One
 * set-based statement: the batch's change rows, numbered per kind in log order and cut into parts
 * of at most 1,000, become one message per part and subscribed endpoint.
 */
import "server-only";
import type { SqlDriver } from "@/lib/db/driver";
import type { MembershipChange } from "@/lib/membership/hooks";

/** Most changes in one message (API.md). */
export const CHANGES_PER_MESSAGE = 1000;

// msg_ + 12 hex of milliseconds + 4 hex of the part + 16 random hex: ids sort by creation, and the
// parts of one change in their order.
export const MESSAGE_ID_SQL = (part: string) =>
  `'msg_' || lpad(to_hex((extract(epoch from clock_timestamp()) * 1000)::bigint), 12, '0') || lpad(to_hex(${part}), 4, '0') || substr(replace(gen_random_uuid()::text, '-', ''), 1, 16)`;

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The onMembershipChange hook: queues the messages reporting one batch of changes, in the caller's transaction. */
export async function enqueueMembershipMessages(tx: SqlDriver, change: MembershipChange): Promise<void> {
  await writeMembershipMessages(tx, change);
}

/** Writes the messages of one batch of membership changes; returns how many. */
export async function writeMembershipMessages(tx: SqlDriver, change: MembershipChange): Promise<number> {
  if (change.entered + change.exited === 0) return 0;
  const rows = await tx.query<{ n: number }>(
    `WITH endpoints AS (
       SELECT e."id", e."eventTypes" FROM "WebhookEndpoint" e
        WHERE e."workspaceId" = $1::uuid AND e."enabled"
          AND (cardinality(e."segmentIds") = 0 OR $2::uuid = ANY(e."segmentIds"))
     ), numbered AS (
       SELECT c."id", c."kind", c."at", c."cause", c."customerId",
              (row_number() OVER (PARTITION BY c."kind" ORDER BY c."id") - 1) / ${CHANGES_PER_MESSAGE} AS part
         FROM "SegmentMembershipChange" c
        WHERE EXISTS (SELECT 1 FROM endpoints) -- one-time: no subscribed endpoint, no scan of the batch
          AND c."workspaceId" = $1::uuid AND c."batchId" = $3::uuid AND c."segmentId" = $2::uuid
          AND EXISTS (SELECT 1 FROM endpoints e WHERE ('segment.' || c."kind"::text) = ANY(e."eventTypes"))
     ), parts AS (
       SELECT n."kind", n.part,
              jsonb_agg(jsonb_build_object(
                'customer', jsonb_build_object('id', n."customerId"::text, 'email', cu."email", 'externalId', cu."externalId"),
                'at', ${ISO('n."at"')}, 'cause', n."cause"::text) ORDER BY n."id") AS changes
         FROM numbered n
         LEFT JOIN "Customer" cu ON cu."workspaceId" = $1::uuid AND cu."id" = n."customerId"
        GROUP BY n."kind", n.part
     ), inserted AS (
       INSERT INTO "WebhookMessage" ("workspaceId", "id", "endpointId", "type", "payload", "state", "attempts", "nextAttemptAt", "createdAt")
       SELECT $1::uuid, ${MESSAGE_ID_SQL("p.part::int")}, e."id", 'segment.' || p."kind"::text,
              jsonb_build_object('type', 'segment.' || p."kind"::text, 'timestamp', ${ISO("now()")},
                'data', jsonb_build_object('segment', jsonb_build_object('id', s."id"::text, 'name', s."name"), 'changes', p.changes)),
              'pending', 0, now(), now()
         FROM parts p
         JOIN "Segment" s ON s."workspaceId" = $1::uuid AND s."id" = $2::uuid
         JOIN endpoints e ON ('segment.' || p."kind"::text) = ANY(e."eventTypes")
        ORDER BY e."id", p."kind", p.part
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM inserted`,
    [change.workspaceId, change.segmentId, change.batchId],
  );
  return rows[0]?.n ?? 0;
}
