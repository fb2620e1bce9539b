/**
 * Enqueueing a job: one INSERT through the writer's own transaction (Prisma or our SQL driver),
 * so the job exists exactly when the change that causes it does — the transactional outbox.
 * A dedupeKey already used in the workspace makes the enqueue a no-op.
 */
import type { SqlDriver } from "@/lib/db/driver";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifyEnqueued } from "./registry";
import { enqueueJobSchema, type EnqueueJobInput } from "./schemas";

/** A Prisma transaction (or client), or the raw SQL driver (or its transaction). */
export type JobWriter = Pick<Prisma.TransactionClient, "$queryRawUnsafe"> | SqlDriver;

function isSqlDriver(db: JobWriter): db is SqlDriver {
  return "query" in db && typeof db.query === "function";
}

const INSERT = `INSERT INTO "Job" ("workspaceId", "kind", "payload", "runAt", "dedupeKey", "maxAttempts")
  VALUES ($1::uuid, $2, $3::jsonb, COALESCE($4::timestamptz, now()), $5, COALESCE($6::int, 5))
  ON CONFLICT ("workspaceId", "dedupeKey") DO NOTHING RETURNING "id"::text AS "id"`;

/**
 * Enqueues a job in db's transaction; returns its id, or null when the dedupeKey was taken.
 * The runner of this process is woken at once (a job not yet committed is found by its next poll).
 */
export async function enqueueJob(db: JobWriter, input: EnqueueJobInput): Promise<string | null> {
  const job = enqueueJobSchema.parse(input);
  const params = [job.workspaceId, job.kind, JSON.stringify(job.payload), job.runAt?.toISOString() ?? null, job.dedupeKey ?? null, job.maxAttempts ?? null];
  const rows = isSqlDriver(db) ? await db.query<{ id: string }>(INSERT, params) : await db.$queryRawUnsafe<{ id: string }[]>(INSERT, ...params);
  notifyEnqueued();
  return rows[0]?.id ?? null;
}
