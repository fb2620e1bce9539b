-- The customer table sorts by a column with empty values lowest (ASC NULLS FIRST / DESC NULLS
-- LAST) and ties broken by id (lib/customers/list-sql.ts orderBySql). An index on
-- (workspaceId, column NULLS FIRST, id) serves that order forwards and backwards, so a page —
-- and a deep OFFSET, read from the index alone — never sorts a million rows. Columns declared
-- NOT NULL need no NULLS clause. Prisma cannot say NULLS FIRST: schema.prisma lists the columns.

DROP INDEX "Customer_workspaceId_createdAt_idx";
DROP INDEX "Customer_workspaceId_lastName_firstName_idx";
DROP INDEX "Customer_workspaceId_totalSpent_idx";
DROP INDEX "Customer_workspaceId_lastOrderAt_idx";

CREATE INDEX "Customer_workspaceId_createdAt_id_idx" ON "Customer"("workspaceId", "createdAt", "id");
CREATE INDEX "Customer_workspaceId_lastName_firstName_id_idx" ON "Customer"("workspaceId", "lastName" NULLS FIRST, "firstName" NULLS FIRST, "id");
CREATE INDEX "Customer_workspaceId_email_id_idx" ON "Customer"("workspaceId", "email" NULLS FIRST, "id");
CREATE INDEX "Customer_workspaceId_totalSpent_id_idx" ON "Customer"("workspaceId", "totalSpent", "id");
CREATE INDEX "Customer_workspaceId_ordersCount_id_idx" ON "Customer"("workspaceId", "ordersCount", "id");
CREATE INDEX "Customer_workspaceId_lastOrderAt_id_idx" ON "Customer"("workspaceId", "lastOrderAt" NULLS FIRST, "id");
-- Age sorts by birth date reversed (older = higher age), so this one runs the other way.
CREATE INDEX "Customer_workspaceId_birthDate_id_idx" ON "Customer"("workspaceId", "birthDate" DESC NULLS FIRST, "id" DESC);
