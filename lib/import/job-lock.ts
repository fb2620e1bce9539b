import "server-only";
import type { Db } from "@/lib/db/client";

// Advisory lock namespace of import jobs (the migration runner uses 72707369).
const LOCK_CLASS = 72707370;

const holder = globalThis as unknown as { __segmentaImportJobs?: Set<string> };
const active = (holder.__segmentaImportJobs ??= new Set<string>());

/** Whether this process is running the job now. */
export function isRunningHere(jobId: string): boolean {
  return active.has(jobId);
}

/**
 * Runs fn while holding the job: in this process, and on PostgreSQL through a session advisory lock
 * on a dedicated connection, so two servers (or a server and the command line) never run the same
 * job, and a job whose process died is free to resume. Returns null when someone else holds it.
 */
export async function withJobLock<T>(db: Db, jobId: string, fn: () => Promise<T>): Promise<T | null> {
  if (active.has(jobId)) return null;
  active.add(jobId);
  const client = db.pgPool ? await db.pgPool.connect().catch((e: unknown) => {
    active.delete(jobId);
    throw e;
  }) : null;
  try {
    if (client) {
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked", [LOCK_CLASS, jobId]);
      if (!rows[0]?.locked) return null;
    }
    try {
      return await fn();
    } finally {
      await client?.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_CLASS, jobId]).catch(() => undefined);
    }
  } finally {
    client?.release();
    active.delete(jobId);
  }
}
