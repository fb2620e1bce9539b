-- The public API (issue 12): API keys say what they may do (read, or read and write), requests
-- with an Idempotency-Key keep their first answer for 24 h, audit entries name the key a change
-- was made with, events carry the client's own id (a repeat is not stored twice), and the
-- customers walk by ?updated_since= has an index.
CREATE TYPE "ApiKeyAccess" AS ENUM ('read', 'read_write');

ALTER TABLE "ApiKey" DROP COLUMN "role";
ALTER TABLE "ApiKey" ADD COLUMN "access" "ApiKeyAccess" NOT NULL DEFAULT 'read';
ALTER TABLE "ApiKey" ADD COLUMN "rateLimit" INTEGER;
CREATE INDEX "ApiKey_workspaceId_createdAt_idx" ON "ApiKey"("workspaceId", "createdAt");

CREATE TABLE "ApiIdempotency" (
    "workspaceId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "apiKeyId" UUID NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER,
    "body" TEXT,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ApiIdempotency_pkey" PRIMARY KEY ("workspaceId", "key")
);
CREATE INDEX "ApiIdempotency_expiresAt_idx" ON "ApiIdempotency"("expiresAt");
ALTER TABLE "ApiIdempotency" ADD CONSTRAINT "ApiIdempotency_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "AuditLog" ADD COLUMN "apiKeyId" UUID;

ALTER TABLE "Event" ADD COLUMN "externalId" TEXT;
CREATE UNIQUE INDEX "Event_workspaceId_externalId_key" ON "Event"("workspaceId", "externalId");

CREATE INDEX "Customer_workspaceId_updatedAt_id_idx" ON "Customer"("workspaceId", "updatedAt", "id");
