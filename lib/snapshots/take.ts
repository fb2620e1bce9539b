/**
 * Daily segment snapshots (member count and paid revenue of every saved segment), the history
 * behind "size over time". One row per segment and local day of its workspace: the primary key
 * ("workspaceId", "segmentId", "day") and INSERT … ON CONFLICT DO NOTHING make a second run for
 * the same day a no-op, even when two runs race. Only segments still missing the day are counted.
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { compileWhere } from "@/lib/segments/compile";
import { prepareSegment } from "@/lib/segments/count-prepare";
import { runCounting } from "@/lib/segments/count-run";
import { InvalidDefinitionError } from "@/lib/segments/errors";
import { addDays, isLocalDate, localDateOf, startOfDay } from "@/lib/segments/time";

/** Budget of one segment's snapshot count. */
export const SNAPSHOT_TIMEOUT_MS = 120_000;

export interface SnapshotOptions {
  /** Only this workspace (slug); AppError("not_found") when there is none. */
  workspaceSlug?: string;
  /** Only this workspace (id): the daily job's. */
  workspaceId?: string;
  /** The local day to record (YYYY-MM-DD, not after the workspace's today); default: today in each workspace's zone. */
  date?: string;
  log?: (line: string) => void;
}

/** What one workspace's run did. */
export interface WorkspaceSnapshotResult {
  slug: string;
  day: string;
  /** Snapshots written now. */
  taken: number;
  /** Segments that already had the day's snapshot. */
  existing: number;
  /** Segments that could not be counted (an invalid definition, a timeout). */
  failed: { segmentId: string; name: string; error: string }[];
}

interface PendingSegment {
  id: string;
  name: string;
  definition: unknown;
}

/** The instant a day's snapshot is evaluated at: now for today, the day's last millisecond for a past day. */
function evaluationInstant(day: string, today: string, now: Date, timeZone: string): Date {
  return day === today ? now : new Date(startOfDay(addDays(day, 1), timeZone) - 1);
}

async function snapshotOne(workspace: { id: string; timeZone: string }, segment: PendingSegment, day: string, at: Date): Promise<boolean> {
  const scope = { workspaceId: workspace.id, timeZone: workspace.timeZone };
  const prepared = await prepareSegment(scope, segment.definition, at);
  const where = compileWhere(prepared.definition, prepared.catalog, prepared.options);
  const [row] = await runCounting(SNAPSHOT_TIMEOUT_MS, (run) =>
    run<{ n: number; revenue: string }>(Prisma.sql`SELECT count(*)::int AS "n", COALESCE(sum(c."totalSpent"), 0)::text AS "revenue" FROM "Customer" c WHERE ${where}`),
  );
  const { sql } = await getDb();
  const inserted = await sql.query(
    `INSERT INTO "SegmentSnapshot" ("workspaceId", "segmentId", "day", "memberCount", "revenue") VALUES ($1, $2, $3::date, $4, $5::numeric)
     ON CONFLICT ("workspaceId", "segmentId", "day") DO NOTHING RETURNING 1`,
    [workspace.id, segment.id, day, row.n, row.revenue],
  );
  return inserted.length === 1;
}

async function snapshotWorkspace(workspace: { id: string; slug: string; timeZone: string }, now: Date, options: SnapshotOptions): Promise<WorkspaceSnapshotResult> {
  const today = localDateOf(now.getTime(), workspace.timeZone);
  const day = options.date ?? today;
  if (day > today) throw new AppError("invalid", `--date ${day} is after today (${today}) in workspace "${workspace.slug}" (${workspace.timeZone}).`);
  const { sql } = await getDb();
  const [{ total }] = await sql.query<{ total: number }>(`SELECT count(*)::int AS "total" FROM "Segment" WHERE "workspaceId" = $1`, [workspace.id]);
  const pending = await sql.query<PendingSegment>(
    `SELECT s."id"::text AS "id", s."name", s."definition" FROM "Segment" s
      WHERE s."workspaceId" = $1 AND NOT EXISTS (
        SELECT 1 FROM "SegmentSnapshot" x WHERE x."workspaceId" = s."workspaceId" AND x."segmentId" = s."id" AND x."day" = $2::date)
      ORDER BY s."createdAt", s."id"`,
    [workspace.id, day],
  );
  const result: WorkspaceSnapshotResult = { slug: workspace.slug, day, taken: 0, existing: total - pending.length, failed: [] };
  const at = evaluationInstant(day, today, now, workspace.timeZone);
  for (const segment of pending) {
    try {
      if (await snapshotOne(workspace, segment, day, at)) result.taken++;
      else result.existing++; // another run wrote it between our read and our insert
    } catch (e) {
      if (!(e instanceof InvalidDefinitionError || e instanceof AppError)) throw e;
      const error = e instanceof InvalidDefinitionError ? e.errors.map((x) => `${x.path}: ${x.message}`).join("; ") : e.message;
      result.failed.push({ segmentId: segment.id, name: segment.name, error });
      options.log?.(`  ${workspace.slug}: segment "${segment.name}" was not snapshotted: ${error}`);
    }
  }
  return result;
}

/** Takes the day's snapshot of every segment of every workspace (or one); returns what each workspace did. */
export async function takeSnapshots(now: Date = new Date(), options: SnapshotOptions = {}): Promise<WorkspaceSnapshotResult[]> {
  if (options.date !== undefined && !isLocalDate(options.date)) throw new AppError("invalid", `--date must be a date as YYYY-MM-DD (got "${options.date}").`);
  const { prisma } = await getDb();
  const workspaces = await prisma.workspace.findMany({
    where: { ...(options.workspaceSlug ? { slug: options.workspaceSlug } : {}), ...(options.workspaceId ? { id: options.workspaceId } : {}) },
    select: { id: true, slug: true, timeZone: true },
    orderBy: { slug: "asc" },
  });
  if (options.workspaceSlug && workspaces.length === 0) throw new AppError("not_found", `There is no workspace "${options.workspaceSlug}".`);
  const results: WorkspaceSnapshotResult[] = [];
  for (const workspace of workspaces) results.push(await snapshotWorkspace(workspace, now, options));
  return results;
}
