-- Predicted customer value (issue 14, lib/predict): BG/NBD and Gamma-Gamma fitted per workspace on
-- paid orders (purchases on the same local day count once), refreshed daily on the job runner.
-- "CustomerPrediction" holds one row per customer with at least one paid order, as of the
-- workspace's last successful fit; customers without a paid order have no row (an empty value in
-- segment conditions). "PredictionRun" records the latest attempt (which may have failed: too
-- little history, or a fit that did not converge) and, separately, the last successful fit that
-- the rows of "CustomerPrediction" belong to, with the Predictions page's aggregates.

CREATE TABLE "CustomerPrediction" (
    "workspaceId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    -- The purchase summary the numbers were scored from (local days in the workspace's zone).
    "repeatPurchases" INTEGER NOT NULL,
    "firstPurchaseDate" DATE NOT NULL,
    "lastPurchaseDate" DATE NOT NULL,
    "probabilityAlive" DOUBLE PRECISION NOT NULL,
    "purchases30" DOUBLE PRECISION NOT NULL,
    "purchases90" DOUBLE PRECISION NOT NULL,
    "purchases365" DOUBLE PRECISION NOT NULL,
    "averageOrderValue" DECIMAL(14,2) NOT NULL,
    "value12m" DECIMAL(14,2) NOT NULL,
    "churnRisk" TEXT NOT NULL,
    CONSTRAINT "CustomerPrediction_pkey" PRIMARY KEY ("workspaceId", "customerId"),
    CONSTRAINT "CustomerPrediction_churnRisk_check" CHECK ("churnRisk" IN ('low', 'medium', 'high')),
    CONSTRAINT "CustomerPrediction_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CustomerPrediction_workspaceId_customerId_fkey" FOREIGN KEY ("workspaceId", "customerId") REFERENCES "Customer"("workspaceId", "id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- The Predictions page's top customers: read backwards (highest predicted value first).
CREATE INDEX "CustomerPrediction_workspaceId_value12m_customerId_idx" ON "CustomerPrediction"("workspaceId", "value12m", "customerId");

CREATE TABLE "PredictionRun" (
    "workspaceId" UUID NOT NULL,
    -- The latest attempt: ok, insufficient (too little history; the message says what is missing)
    -- or not_converged (the message says which model and why). A failed attempt stores no numbers.
    "attemptedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attemptStatus" TEXT NOT NULL,
    "attemptMessage" TEXT,
    -- The last successful fit (NULL until there is one); "CustomerPrediction" rows belong to it.
    "computedAt" TIMESTAMPTZ(3),
    "asOf" DATE,
    "durationMs" INTEGER,
    "customers" INTEGER,
    "repeaters" INTEGER,
    "params" JSONB,
    "check" JSONB,
    "distribution" JSONB,
    CONSTRAINT "PredictionRun_pkey" PRIMARY KEY ("workspaceId"),
    CONSTRAINT "PredictionRun_attemptStatus_check" CHECK ("attemptStatus" IN ('ok', 'insufficient', 'not_converged')),
    CONSTRAINT "PredictionRun_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Segments with conditions on predictions are re-evaluated in full after each refresh.
ALTER TYPE "MembershipCause" ADD VALUE 'prediction_refresh';
