/**
 * Reads the segment endpoints need beyond lib/segments: list pages in (name, id) order, who last
 * changed a segment (a person or an API key), and one keyset page of members. Every query is
 * scoped to the key's workspace; values are parameters.
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import type { CustomerRow, FieldDefinition } from "@/lib/fields/catalog";
import { Prisma } from "@/lib/generated/prisma/client";
import { segmentMembersWhere, type StoredMembership } from "@/lib/membership/read";
import type { SegmentScope } from "@/lib/segments/count-prepare";
import { COUNT_TIMEOUT_MS, runCounting } from "@/lib/segments/count-run";
import { CUSTOMER_COLUMNS } from "@/lib/segments/queries";

/** Who saved a segment last: a person, an API key, or nobody we can name (a deleted user, the command line). */
export type SegmentEditor = { kind: "user"; name: string; email: string } | { kind: "api_key"; name: string; prefix: string } | null;

/** A segment as the list shows it (without its definition). */
export interface SegmentListItem {
  id: string;
  name: string;
  description: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The page of the workspace's segments after (name, id), by name then id; one more than `limit` tells there is a next page. */
export async function listSegmentPage(ctx: { workspaceId: string }, after: { name: string; id: string } | null, limit: number): Promise<SegmentListItem[]> {
  const { prisma } = await getDb();
  return prisma.segment.findMany({
    where: {
      workspaceId: ctx.workspaceId,
      ...(after ? { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] } : {}),
    },
    select: { id: true, name: true, description: true, version: true, createdAt: true, updatedAt: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: limit + 1,
  });
}

/**
 * Who made the segment's current version: the user of Segment.updatedById; when that is empty (a
 * save made with an API key records no person), the key named by the segment's latest create or
 * update audit entry; null when neither names anyone.
 */
export async function getSegmentEditor(ctx: { workspaceId: string }, segmentId: string): Promise<SegmentEditor> {
  const { sql } = await getDb();
  const [row] = await sql.query<{ userName: string | null; userEmail: string | null; keyName: string | null; keyPrefix: string | null }>(
    `SELECT u."name" AS "userName", u."email" AS "userEmail", k."name" AS "keyName", k."prefix" AS "keyPrefix"
       FROM "Segment" s
       LEFT JOIN "User" u ON u."id" = s."updatedById"
       LEFT JOIN LATERAL (
         SELECT a."apiKeyId" FROM "AuditLog" a
          WHERE a."workspaceId" = s."workspaceId" AND a."entityType" = 'segment' AND a."entityId" = s."id"::text
            AND a."action" IN ('segment.create', 'segment.update')
          ORDER BY a."createdAt" DESC, a."id" DESC LIMIT 1
       ) la ON s."updatedById" IS NULL
       LEFT JOIN "ApiKey" k ON k."workspaceId" = s."workspaceId" AND k."id" = la."apiKeyId"
      WHERE s."workspaceId" = $1::uuid AND s."id" = $2::uuid`,
    [ctx.workspaceId, segmentId],
  );
  if (!row) return null;
  if (row.userName !== null && row.userEmail !== null) return { kind: "user", name: row.userName, email: row.userEmail };
  if (row.keyName !== null && row.keyPrefix !== null) return { kind: "api_key", name: row.keyName, prefix: row.keyPrefix };
  return null;
}

/** One member of a page: id, email, externalId, and the full row when fields were asked for. */
export interface MemberPageRow {
  id: string;
  email: string | null;
  externalId: string | null;
  row: CustomerRow | null;
}

/**
 * The members with an id above `afterId`, by id, at most limit + 1 (the extra one tells there is a
 * next page): the stored members when usable, else evaluated at `now`. Each page is one keyset
 * statement by id, so a walk sees every customer that was a member throughout exactly once while
 * others are inserted (whichever source each page reads).
 */
export async function memberPage(
  ctx: SegmentScope,
  segment: { id: string; definition: unknown },
  options: { afterId: string | null; limit: number; now: Date; fields: readonly FieldDefinition[] },
): Promise<{ rows: MemberPageRow[]; stored: StoredMembership }> {
  const { where, stored } = await segmentMembersWhere(ctx, segment, options.now, { afterId: options.afterId });
  const after = options.afterId ? Prisma.sql` AND c."id" > ${options.afterId}::uuid` : Prisma.empty;
  const columns = options.fields.length > 0 ? Prisma.raw(`, ${CUSTOMER_COLUMNS}`) : Prisma.empty;
  const statement = Prisma.sql`SELECT c."id"::text AS "memberId", c."email" AS "memberEmail", c."externalId" AS "memberExternalId"${columns}
    FROM "Customer" c WHERE ${where}${after} ORDER BY c."id" LIMIT ${options.limit + 1}::int`;
  const rows = await runCounting(COUNT_TIMEOUT_MS, (run) => run<CustomerRow & { memberId: string; memberEmail: string | null; memberExternalId: string | null }>(statement));
  return { rows: rows.map((r) => ({ id: r.memberId, email: r.memberEmail, externalId: r.memberExternalId, row: options.fields.length > 0 ? r : null })), stored };
}
