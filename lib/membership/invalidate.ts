/**
 * Breaking the "usable" invariant in the transaction that makes stored membership stale in full
 * (a saved definition's referrers, RFM and prediction segments at a refresh, segments using a custom field that
 * is archived or retyped): membershipVersion = NULL, for those segments and every segment that
 * refers to them, directly or not. Readers then evaluate live until the sync re-evaluates them.
 * Statements (Prisma.Sql) so both Prisma transactions and SqlDriver transactions can run them.
 */
import { Prisma } from "@/lib/generated/prisma/client";

/** Marks stale the segments matching seed (a condition on "Segment" s) and, transitively, their referrers. */
function invalidate(workspaceId: string, seed: Prisma.Sql): Prisma.Sql {
  // A referrer holds the referenced id in a segment condition; ids are compared lower-case.
  return Prisma.sql`
    WITH RECURSIVE stale("id") AS (
      SELECT s."id" FROM "Segment" s WHERE s."workspaceId" = ${workspaceId}::uuid AND (${seed})
      UNION
      SELECT s."id" FROM "Segment" s JOIN stale r ON lower(s."definition"::text) LIKE '%"segmentid": "' || r."id"::text || '"%'
       WHERE s."workspaceId" = ${workspaceId}::uuid AND s."id" <> r."id"
    )
    UPDATE "Segment" SET "membershipVersion" = NULL
     WHERE "workspaceId" = ${workspaceId}::uuid AND "id" IN (SELECT "id" FROM stale) AND "membershipVersion" IS NOT NULL`;
}

/** After a segment's definition is saved: every segment that refers to it (its own version moved already). */
export function invalidateReferrersSql(workspaceId: string, segmentId: string): Prisma.Sql {
  return invalidate(
    workspaceId,
    Prisma.sql`s."id" <> ${segmentId}::uuid AND lower(s."definition"::text) LIKE ${`%"segmentid": "${segmentId.toLowerCase()}"%`}`,
  );
}

/** In the RFM refresh: segments with RFM conditions (scored against the refresh) and their referrers. */
export function invalidateRfmSegmentsSql(workspaceId: string): Prisma.Sql {
  return invalidate(workspaceId, Prisma.sql`jsonb_path_exists(s."definition", '$.** ? (@.type == "rfm")')`);
}

/** In the prediction refresh: segments with a condition on a prediction field (read from the stored numbers) and their referrers. */
export function invalidatePredictionSegmentsSql(workspaceId: string): Prisma.Sql {
  return invalidate(workspaceId, Prisma.sql`jsonb_path_exists(s."definition", '$.** ? (@.field starts with "prediction.")')`);
}

/** A custom field archived or retyped: segments with a condition on it and their referrers. */
export function invalidateFieldSegmentsSql(workspaceId: string, fieldKey: string): Prisma.Sql {
  return invalidate(
    workspaceId,
    Prisma.sql`jsonb_path_exists(s."definition", '$.** ? (@.field == $f)', jsonb_build_object('f', ${`custom.${fieldKey}`}::text))`,
  );
}
