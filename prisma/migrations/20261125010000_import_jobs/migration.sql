-- CSV imports run in the background; a job keeps its progress and its per-row errors so a
-- page reload finds them again. pg_trgm serves substring search over customers.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TYPE "ImportType" AS ENUM ('customers', 'orders', 'events');
CREATE TYPE "ImportStatus" AS ENUM ('pending', 'running', 'completed', 'failed');

CREATE TABLE "ImportJob" (
    "workspaceId" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "type" "ImportType" NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'pending',
    "fileName" TEXT NOT NULL,
    "filePath" TEXT,
    "options" JSONB NOT NULL DEFAULT '{}',
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "createdCount" INTEGER NOT NULL DEFAULT 0,
    "updatedCount" INTEGER NOT NULL DEFAULT 0,
    "skippedCount" INTEGER NOT NULL DEFAULT 0,
    "failedCount" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("workspaceId", "id"),
    CONSTRAINT "ImportJob_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ImportJob_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "ImportJob_workspaceId_createdAt_idx" ON "ImportJob"("workspaceId", "createdAt");

CREATE TABLE "ImportRowError" (
    "workspaceId" UUID NOT NULL,
    "jobId" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "column" TEXT,
    "value" TEXT,
    "reason" TEXT NOT NULL,
    CONSTRAINT "ImportRowError_pkey" PRIMARY KEY ("workspaceId", "jobId", "id"),
    CONSTRAINT "ImportRowError_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ImportRowError_workspaceId_jobId_fkey" FOREIGN KEY ("workspaceId", "jobId") REFERENCES "ImportJob"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);
