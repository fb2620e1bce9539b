/**
 * A separate process for test/jobs.test.ts's crash test: opens the database named by
 * JOB_CHILD_TARGET (a postgresql:// URL, or a PGlite folder), enqueues one transactional
 * "test.crash" job, and runs it with a runner whose lease is 1 s. The handler writes its effect
 * inside the job's transaction, prints "mid-job <id>" and then hangs, so the test can kill -9 the
 * process with the effect written but not committed. Run as node --conditions=react-server --import tsx (one process, so kill -9 reaches it).
 */
import { openDb } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { defineJobKind } from "@/lib/jobs/registry";
import { startJobRunner } from "@/lib/jobs/runner";

async function main(): Promise<void> {
  const targetText = process.env.JOB_CHILD_TARGET ?? "";
  const target = targetText.startsWith("postgres") ? ({ kind: "postgres", url: targetText } as const) : ({ kind: "pglite", dir: targetText } as const);
  const db = await openDb(target);
  await db.sql.exec(`CREATE TABLE IF NOT EXISTS job_effect ("jobId" uuid NOT NULL, "at" timestamptz NOT NULL DEFAULT now())`);
  const [{ id: workspaceId }] = await db.sql.query<{ id: string }>(
    `INSERT INTO "Workspace" ("slug", "name") VALUES ('crash-' || gen_random_uuid(), 'Crash test') RETURNING "id"::text AS "id"`,
  );
  defineJobKind(
    "test.crash",
    async (job, { tx }) => {
      await tx.query(`INSERT INTO job_effect ("jobId") VALUES ($1)`, [job.id]);
      process.stdout.write(`mid-job ${job.id} ${workspaceId}\n`);
      await new Promise(() => undefined); // never finishes: the test kills us here
    },
    { transactional: true },
  );
  await enqueueJob(db.sql, { workspaceId, kind: "test.crash", dedupeKey: "crash" });
  startJobRunner({ sql: db.sql, leaseMs: 1000, pollMs: 200, dailyCheckMs: 0, log: (line) => process.stderr.write(`${line}\n`) });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
