-- Signed webhooks on segment entry and exit (issue 13). An endpoint is a URL with the event types
-- and segments it wants (an empty segmentIds: every segment) and a Standard Webhooks secret (the
-- previous one keeps signing for 24 h after a rotation). Messages are written in the transaction of
-- the membership changes they report (the durable outbox), claimed with FOR UPDATE SKIP LOCKED and
-- a lease, and every attempt is kept for the delivery log.
CREATE TYPE "WebhookMessageState" AS ENUM ('pending', 'delivered', 'failed');

CREATE TABLE "WebhookEndpoint" (
    "workspaceId" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "url" TEXT NOT NULL,
    "description" TEXT,
    "eventTypes" TEXT[] NOT NULL,
    "segmentIds" UUID[] NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabledReason" TEXT,
    "disabledAt" TIMESTAMPTZ(3),
    "secret" TEXT NOT NULL,
    "previousSecret" TEXT,
    "previousSecretExpiresAt" TIMESTAMPTZ(3),
    "failingSince" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("workspaceId", "id")
);
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebhookEndpoint" ADD CONSTRAINT "WebhookEndpoint_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "WebhookMessage" (
    "workspaceId" UUID NOT NULL,
    "id" TEXT NOT NULL,
    "endpointId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" "WebhookMessageState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "leaseUntil" TIMESTAMPTZ(3),
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookMessage_pkey" PRIMARY KEY ("workspaceId", "id")
);
CREATE INDEX "WebhookMessage_workspaceId_endpointId_id_idx" ON "WebhookMessage"("workspaceId", "endpointId", "id");
-- The deliverer looks for due messages across workspaces (a deliberate exception to leading with workspaceId).
CREATE INDEX "WebhookMessage_nextAttemptAt_idx" ON "WebhookMessage"("nextAttemptAt");
ALTER TABLE "WebhookMessage" ADD CONSTRAINT "WebhookMessage_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebhookMessage" ADD CONSTRAINT "WebhookMessage_workspaceId_endpointId_fkey" FOREIGN KEY ("workspaceId", "endpointId") REFERENCES "WebhookEndpoint"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "WebhookAttempt" (
    "workspaceId" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "messageId" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "status" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,
    "responseExcerpt" TEXT,

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("workspaceId", "id")
);
CREATE INDEX "WebhookAttempt_workspaceId_messageId_at_idx" ON "WebhookAttempt"("workspaceId", "messageId", "at");
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_workspaceId_messageId_fkey" FOREIGN KEY ("workspaceId", "messageId") REFERENCES "WebhookMessage"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
