/**
 * A customer's stored segment memberships and their history, for the profile: the segments they are
 * in now (with since) from "SegmentMember" — only segments whose stored membership is usable
 * (lib/membership/read), so nothing stale is shown — and their latest entries and exits from the
 * change log, capped (an index range of ("workspaceId", "customerId", "at")). Scoped to the workspace.
 */
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { causeLabel } from "@/lib/membership/cause-labels";
import { isUsableState } from "@/lib/membership/read";
import type { SegmentScope } from "@/lib/segments/count-prepare";
import { localDateOf } from "@/lib/segments/time";

/** Entries and exits a profile lists. */
export const SEGMENT_HISTORY_LIMIT = 50;

/** A segment the customer is a stored member of. */
export interface CurrentMembership {
  segmentId: string;
  name: string;
  since: string;
}

/** One entry or exit of the customer. */
export interface SegmentHistoryEntry {
  segmentId: string;
  segmentName: string;
  kind: "entered" | "exited";
  at: string;
  cause: string;
  causeLabel: string;
}

export interface CustomerSegmentHistory {
  current: CurrentMembership[];
  /** Segments whose stored members are being updated (not listed in current; the live verdicts say). */
  updating: number;
  history: SegmentHistoryEntry[];
  /** Entries and exits in all (history holds the latest SEGMENT_HISTORY_LIMIT). */
  total: number;
}

const currentSchema = z.object({
  segmentId: z.string(), name: z.string(), since: z.coerce.date().nullable(), member: z.boolean(),
  version: z.number(), memberCount: z.number().nullable(), membershipVersion: z.number().nullable(), membershipDay: z.coerce.date().nullable(),
});
const historySchema = z.object({ segmentId: z.string(), segmentName: z.string(), kind: z.enum(["entered", "exited"]), at: z.coerce.date(), cause: z.string() });

/** The customer's stored segments now and their latest entries and exits (newest first). */
export async function getCustomerSegmentHistory(ctx: SegmentScope, customerId: string, options: { now?: Date; limit?: number } = {}): Promise<CustomerSegmentHistory> {
  const { sql } = await getDb();
  const today = localDateOf((options.now ?? new Date()).getTime(), ctx.timeZone);
  const [segments, history, [{ total }]] = await Promise.all([
    sql.query(
      `SELECT s."id"::text AS "segmentId", s."name", sm."since", sm."customerId" IS NOT NULL AS "member", s."version", s."memberCount", s."membershipVersion",
              to_char(s."membershipDay", 'YYYY-MM-DD') AS "membershipDay"
         FROM "Segment" s
         LEFT JOIN "SegmentMember" sm ON sm."workspaceId" = s."workspaceId" AND sm."segmentId" = s."id" AND sm."customerId" = $2::uuid
        WHERE s."workspaceId" = $1::uuid
        ORDER BY s."name", s."id"`,
      [ctx.workspaceId, customerId],
    ),
    sql.query(
      `SELECT x."segmentId"::text AS "segmentId", s."name" AS "segmentName", x."kind"::text AS "kind", x."at", x."cause"::text AS "cause"
         FROM "SegmentMembershipChange" x JOIN "Segment" s ON s."workspaceId" = x."workspaceId" AND s."id" = x."segmentId"
        WHERE x."workspaceId" = $1::uuid AND x."customerId" = $2::uuid
        ORDER BY x."at" DESC, x."id" DESC LIMIT $3::int`,
      [ctx.workspaceId, customerId, options.limit ?? SEGMENT_HISTORY_LIMIT],
    ),
    sql.query<{ total: number }>(`SELECT count(*)::int AS "total" FROM "SegmentMembershipChange" WHERE "workspaceId" = $1::uuid AND "customerId" = $2::uuid`, [ctx.workspaceId, customerId]),
  ]);
  const states = z.array(currentSchema).parse(segments);
  const usable = states.filter((s) => isUsableState({ id: s.segmentId, ...s }, today));
  return {
    current: usable.filter((s) => s.member && s.since).map((s) => ({ segmentId: s.segmentId, name: s.name, since: s.since!.toISOString() })),
    updating: states.length - usable.length,
    history: z.array(historySchema).parse(history).map((h) => ({ ...h, at: h.at.toISOString(), causeLabel: causeLabel(h.cause) })),
    total,
  };
}
