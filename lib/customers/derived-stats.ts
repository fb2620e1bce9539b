import "server-only";
import type { SqlDriver } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A transaction to run in: a Prisma interactive transaction (`prisma.$transaction(async (tx) => …)`)
 * or a raw SqlDriver transaction (`sql.transaction(async (tx) => …)`).
 */
export type StatsExecutor = Prisma.TransactionClient | SqlDriver;

// Largest id list bound as one parameter; longer lists are refreshed in chunks.
const CHUNK = 50_000;

/**
 * Recomputes the derived stats of the customers `source` lists (as k."id", joined to their PAID
 * orders on `orderOn`), writing only rows whose stats changed. AVG rounds half up to cents, like
 * the seed generator.
 */
const refreshSql = (source: string, orderOn: string) => `
UPDATE "Customer" AS c SET
  "ordersCount" = s."ordersCount",
  "totalSpent" = s."totalSpent",
  "averageOrderValue" = s."averageOrderValue",
  "firstOrderAt" = s."firstOrderAt",
  "lastOrderAt" = s."lastOrderAt"
FROM (
  SELECT k."id",
         count(o."id")::int AS "ordersCount",
         COALESCE(sum(o."total"), 0)::numeric(14,2) AS "totalSpent",
         CASE WHEN count(o."id") > 0 THEN round(sum(o."total") / count(o."id"), 2) END::numeric(14,2) AS "averageOrderValue",
         min(o."placedAt") AS "firstOrderAt",
         max(o."placedAt") AS "lastOrderAt"
    ${source}
    LEFT JOIN "Order" AS o ON ${orderOn} AND o."customerId" = k."id" AND o."status" = 'paid'
   GROUP BY k."id"
) AS s
WHERE c."workspaceId" = $1::uuid AND c."id" = s."id"
  AND (c."ordersCount", c."totalSpent", c."averageOrderValue", c."firstOrderAt", c."lastOrderAt")
      IS DISTINCT FROM (s."ordersCount", s."totalSpent", s."averageOrderValue", s."firstOrderAt", s."lastOrderAt")`;

// The listed customers ($2, ids of other workspaces change nothing).
const REFRESH_SQL = refreshSql(`FROM (SELECT DISTINCT unnest($2::uuid[]) AS "id") AS k`, `o."workspaceId" = $1::uuid`);

// Every customer of a workspace (after a bulk load or a repair).
const REFRESH_ALL_SQL = refreshSql(`FROM (SELECT "id", "workspaceId" FROM "Customer" WHERE "workspaceId" = $1::uuid) AS k`, `o."workspaceId" = k."workspaceId"`);

async function execute(tx: StatsExecutor, text: string, params: unknown[]): Promise<number> {
  if ("$executeRawUnsafe" in tx) return tx.$executeRawUnsafe(text, ...params);
  const rows = await tx.query<{ n: number }>(`WITH changed AS (${text} RETURNING 1) SELECT count(*)::int AS n FROM changed`, params);
  return rows[0]?.n ?? 0;
}

/**
 * Recomputes ordersCount, totalSpent, averageOrderValue, firstOrderAt and lastOrderAt of the given
 * customers from their PAID orders, in one set-based UPDATE per 50,000 ids. Every path that writes
 * orders calls this inside the same transaction. Ids of other workspaces or unknown ids change
 * nothing. Returns how many customers' stats changed.
 */
export async function refreshDerivedStats(tx: StatsExecutor, workspaceId: string, customerIds: readonly string[]): Promise<number> {
  let changed = 0;
  const unique = [...new Set(customerIds)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    changed += await execute(tx, REFRESH_SQL, [workspaceId, unique.slice(i, i + CHUNK)]);
  }
  return changed;
}

/** Recomputes the derived stats of every customer of the workspace (one UPDATE); returns how many changed. */
export async function refreshAllDerivedStats(tx: StatsExecutor, workspaceId: string): Promise<number> {
  return execute(tx, REFRESH_ALL_SQL, [workspaceId]);
}
