-- The last paid order's local date is stored rather than recency days (analysis date − that date),
-- so a refresh rewrites only the customers whose values changed, not everyone every day.
-- RFM scores, precomputed per workspace by refreshRfm (lib/rfm/refresh.ts) so the RFM page and
-- the command line read them in one scan at 1,000,000 customers. One "RfmRun" row per workspace
-- says when and for which analysis date the rows of "CustomerRfm" were computed (freshness).
-- The run also keeps the page's aggregates (per segment; per R × F cell) so the page reads one row.
-- Segment conditions on RFM do not read this table: they score live (docs/decisions/004).

CREATE TABLE "CustomerRfm" (
    "workspaceId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "lastOrderDate" DATE NOT NULL,
    "frequency" INTEGER NOT NULL,
    "monetary" DECIMAL(14,2) NOT NULL,
    "r" INTEGER NOT NULL,
    "f" INTEGER NOT NULL,
    "m" INTEGER NOT NULL,
    "segment" TEXT NOT NULL,
    CONSTRAINT "CustomerRfm_pkey" PRIMARY KEY ("workspaceId", "customerId"),
    CONSTRAINT "CustomerRfm_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CustomerRfm_workspaceId_customerId_fkey" FOREIGN KEY ("workspaceId", "customerId") REFERENCES "Customer"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- A segment's members page reads this index backwards (highest total paid first).
CREATE INDEX "CustomerRfm_workspaceId_segment_monetary_customerId_idx" ON "CustomerRfm"("workspaceId", "segment", "monetary", "customerId");

CREATE TABLE "RfmRun" (
    "workspaceId" UUID NOT NULL,
    "analysisDate" DATE NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "customers" INTEGER NOT NULL,
    "cuts" JSONB,
    "rules" JSONB NOT NULL,
    "segments" JSONB NOT NULL DEFAULT '[]',
    "grid" JSONB NOT NULL DEFAULT '[]',
    CONSTRAINT "RfmRun_pkey" PRIMARY KEY ("workspaceId"),
    CONSTRAINT "RfmRun_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
