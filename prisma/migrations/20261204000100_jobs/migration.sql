-- The durable job runner (issue 13, docs/decisions/015-job-runner.md): a transactional outbox.
-- A writer inserts a "Job" row in its own transaction; runners claim due rows with
-- FOR UPDATE SKIP LOCKED and hold them by a lease ("lockedUntil") that a heartbeat extends, so
-- a job whose process died is taken again once its lease lapses. "dedupeKey" is unique per
-- workspace: a daily job ("rfm.refresh:2026-06-15") is enqueued once however often it is offered.
CREATE TYPE "JobState" AS ENUM ('queued', 'running', 'done', 'dead');

CREATE TABLE "Job" (
    "workspaceId" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "state" "JobState" NOT NULL DEFAULT 'queued',
    "runAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("workspaceId", "id")
);
CREATE UNIQUE INDEX "Job_workspaceId_dedupeKey_key" ON "Job"("workspaceId", "dedupeKey");
-- The jobs page lists a workspace's jobs by state, newest first.
CREATE INDEX "Job_workspaceId_state_updatedAt_idx" ON "Job"("workspaceId", "state", "updatedAt");
-- Claiming looks across workspaces for the earliest due job: the one index not led by workspaceId.
CREATE INDEX "Job_state_runAt_idx" ON "Job"("state", "runAt");
ALTER TABLE "Job" ADD CONSTRAINT "Job_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
