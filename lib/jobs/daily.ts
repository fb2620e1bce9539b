/**
 * The daily scheduler: for every daily kind and workspace, one job per workspace-local day,
 * deduplicated by `<kind>:<YYYY-MM-DD>`. The runner checks every minute; a check enqueues only
 * what a new local day (or a first start) is missing, so it costs one read of the workspaces and
 * one INSERT … ON CONFLICT DO NOTHING per kind.
 */
import type { SqlDriver } from "@/lib/db/driver";
import { localDateOf } from "@/lib/segments/time";
import { notifyEnqueued, registry } from "./registry";

/** Enqueues the day's job of every daily kind for every workspace; returns how many were new. */
export async function enqueueDailyJobs(sql: SqlDriver, now: Date = new Date(), kinds: Iterable<string> = registry().daily): Promise<number> {
  const list = [...kinds];
  if (list.length === 0) return 0;
  const workspaces = await sql.query<{ id: string; timeZone: string }>(`SELECT "id"::text AS "id", "timeZone" FROM "Workspace"`);
  if (workspaces.length === 0) return 0;
  // A zone the runtime does not know (stored before a tz data update) must not stop the others.
  const known = workspaces.flatMap((w) => {
    try {
      return [{ id: w.id, day: localDateOf(now.getTime(), w.timeZone) }];
    } catch {
      return [];
    }
  });
  const ids = known.map((w) => w.id);
  const days = known.map((w) => w.day);
  let created = 0;
  for (const kind of list) {
    const rows = await sql.query(
      `INSERT INTO "Job" ("workspaceId", "kind", "payload", "dedupeKey", "runAt")
       SELECT w.id, $1, jsonb_build_object('day', w.day), $1 || ':' || w.day, now() FROM unnest($2::uuid[], $3::text[]) AS w(id, day)
       ON CONFLICT ("workspaceId", "dedupeKey") DO NOTHING RETURNING 1`,
      [kind, ids, days],
    );
    created += rows.length;
  }
  if (created > 0) notifyEnqueued();
  return created;
}
