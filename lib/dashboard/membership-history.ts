/**
 * A segment's membership history for its dashboard, from the change log ("SegmentMembershipChange",
 * written by the membership engine): entered / exited per local day of the workspace's zone (one
 * range scan of ("workspaceId", "segmentId", "at")), and the latest joiners and leavers with who
 * they are. Sizes and joined / left figures are derived from the days (./membership-series).
 */
import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { causeLabel } from "@/lib/membership/cause-labels";
import type { SegmentScope } from "@/lib/segments/count-prepare";
import { localDateOf } from "@/lib/segments/time";
import { joinedLeft, sizeSeries, type JoinedLeft, type SizePoint } from "./membership-series";

/** Days of size history a dashboard shows (as the snapshots do). */
export const SIZE_HISTORY_DAYS = 365;
/** Joiners and leavers listed, each. */
export const RECENT_CHANGES = 10;

/** One entry or exit as the dashboard lists it. */
export interface RecentChange {
  customerId: string;
  name: string | null;
  email: string | null;
  at: string;
  cause: string;
  /** The cause in words ("a new day"). */
  causeLabel: string;
}

/** What the change log tells about a segment. */
export interface MembershipHistory {
  today: string;
  /** The size at the end of each local day since the first logged day (at most a year); empty when nothing is logged. */
  sizes: SizePoint[];
  /** Joined and left in the last 7 and 30 days. */
  windows: JoinedLeft[];
  joiners: RecentChange[];
  leavers: RecentChange[];
}

const daySchema = z.object({ day: z.string(), entered: z.number(), exited: z.number() });
const changeSchema = z.object({
  kind: z.enum(["entered", "exited"]),
  customerId: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  at: z.coerce.date(),
  cause: z.string(),
});

/** The segment's membership history at now, in the workspace's zone; scoped to the workspace. */
export async function getMembershipHistory(ctx: SegmentScope, segmentId: string, now: Date = new Date()): Promise<MembershipHistory> {
  const { sql } = await getDb();
  const today = localDateOf(now.getTime(), ctx.timeZone);
  const args = [ctx.workspaceId, segmentId, now.toISOString()];
  const [days, recent] = await Promise.all([
    sql.query(
      `SELECT to_char((x."at" AT TIME ZONE $4::text)::date, 'YYYY-MM-DD') AS "day",
              count(*) FILTER (WHERE x."kind" = 'entered')::int AS "entered", count(*) FILTER (WHERE x."kind" = 'exited')::int AS "exited"
         FROM "SegmentMembershipChange" x
        WHERE x."workspaceId" = $1::uuid AND x."segmentId" = $2::uuid AND x."at" <= $3::timestamptz
        GROUP BY 1 ORDER BY 1`,
      [...args, ctx.timeZone],
    ),
    sql.query(
      `SELECT r."kind", r."customerId"::text AS "customerId", c."firstName", c."lastName", c."email", r."at", r."cause"::text AS "cause"
         FROM (
           (SELECT x."kind", x."customerId", x."at", x."cause", x."id" FROM "SegmentMembershipChange" x
             WHERE x."workspaceId" = $1::uuid AND x."segmentId" = $2::uuid AND x."at" <= $3::timestamptz AND x."kind" = 'entered'
             ORDER BY x."at" DESC, x."id" DESC LIMIT $4::int)
           UNION ALL
           (SELECT x."kind", x."customerId", x."at", x."cause", x."id" FROM "SegmentMembershipChange" x
             WHERE x."workspaceId" = $1::uuid AND x."segmentId" = $2::uuid AND x."at" <= $3::timestamptz AND x."kind" = 'exited'
             ORDER BY x."at" DESC, x."id" DESC LIMIT $4::int)
         ) r
         JOIN "Customer" c ON c."workspaceId" = $1::uuid AND c."id" = r."customerId"
        ORDER BY r."at" DESC, r."id" DESC`,
      [...args, RECENT_CHANGES],
    ),
  ]);
  const changes = z.array(daySchema).parse(days);
  const rows = z.array(changeSchema).parse(recent);
  const toRecent = (r: z.infer<typeof changeSchema>): RecentChange => ({
    customerId: r.customerId,
    name: [r.firstName, r.lastName].filter((s) => s && s.trim()).join(" ") || null,
    email: r.email,
    at: r.at.toISOString(),
    cause: r.cause,
    causeLabel: causeLabel(r.cause),
  });
  return {
    today,
    sizes: sizeSeries(changes, today, SIZE_HISTORY_DAYS),
    windows: [joinedLeft(changes, today, 7), joinedLeft(changes, today, 30)],
    joiners: rows.filter((r) => r.kind === "entered").map(toRecent),
    leavers: rows.filter((r) => r.kind === "exited").map(toRecent),
  };
}
