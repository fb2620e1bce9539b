/** Reading a segment's snapshot history. */
import "server-only";
import { getDb } from "@/lib/db/client";

/** One day of a segment's history. */
export interface SnapshotPoint {
  day: string;
  memberCount: number;
  revenue: string;
}

/** How many days of history the dashboard shows. */
export const HISTORY_DAYS = 365;

/** The segment's snapshots from the last `days` days before today (inclusive), oldest first; scoped to the workspace. */
export async function listSnapshots(ctx: { workspaceId: string }, segmentId: string, today: string, days = HISTORY_DAYS): Promise<SnapshotPoint[]> {
  const { sql } = await getDb();
  return sql.query<SnapshotPoint>(
    `SELECT to_char("day", 'YYYY-MM-DD') AS "day", "memberCount", "revenue"::text AS "revenue" FROM "SegmentSnapshot"
      WHERE "workspaceId" = $1 AND "segmentId" = $2 AND "day" > $3::date - $4::int AND "day" <= $3::date ORDER BY "day"`,
    [ctx.workspaceId, segmentId, today, days],
  );
}
