/**
 * Reads of the audit log, always inside the session's workspace: a filtered page in a stable order
 * (createdAt desc, id desc) by keyset cursor, the people the person filter offers, and the current
 * state of the entities a page names (for links). Indexes: prisma/migrations/20261202000300_audit_log.
 */
import "server-only";
import { customerDisplayName } from "@/lib/customers/display";
import { zonedTimeToInstant } from "@/lib/customers/zoned-time";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_PAGE_SIZE, SYSTEM_ACTOR, type AuditCursor, type AuditFilters } from "./schemas";

/** The workspace an audit read is scoped to (and its zone, for the date range). */
export interface AuditScope {
  workspaceId: string;
  timeZone: string;
}

/** One entry as the page and the export show it. */
export interface AuditRow {
  id: string;
  createdAt: Date;
  actorId: string | null;
  /** The person's account was deleted after the entry was written (actorId then reads null). */
  actorRemoved: boolean;
  actorName: string | null;
  actorEmail: string | null;
  /** The person is still a member of the workspace. */
  actorIsMember: boolean;
  /** The API key the change was made with (public API), its name and visible prefix; null otherwise. */
  apiKeyId: string | null;
  apiKeyName: string | null;
  apiKeyPrefix: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  diff: unknown;
}

/** A page of entries and the cursors around it (null when there is nothing that way). */
export interface AuditPage {
  entries: AuditRow[];
  newer: AuditCursor | null;
  older: AuditCursor | null;
}

const DAY_MS = 86_400_000;

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** The WHERE of a filtered read: the workspace first, then each filter as a parameter. */
export function auditWhereSql(scope: AuditScope, filters: AuditFilters): Prisma.Sql {
  const parts = [Prisma.sql`a."workspaceId" = ${scope.workspaceId}::uuid`];
  if (filters.person === SYSTEM_ACTOR) parts.push(Prisma.sql`a."actorId" IS NULL AND a."apiKeyId" IS NULL`);
  else if (filters.person) parts.push(Prisma.sql`a."actorId" = ${filters.person}::uuid`);
  if (filters.actions) parts.push(Prisma.sql`a."action" = ANY(${filters.actions}::text[])`);
  if (filters.from) parts.push(Prisma.sql`a."createdAt" >= ${new Date(zonedTimeToInstant(filters.from, 0, scope.timeZone)).toISOString()}::timestamptz`);
  if (filters.to) parts.push(Prisma.sql`a."createdAt" < ${new Date(zonedTimeToInstant(nextDay(filters.to), 0, scope.timeZone)).toISOString()}::timestamptz`);
  return Prisma.join(parts, " AND ");
}

/** The columns of an AuditRow, with the actor's name and whether they are still a member, or the API key used. */
export const AUDIT_ROW_SELECT = Prisma.sql`a."id"::text AS "id", a."createdAt", a."actorId"::text AS "actorId", a."actorRemoved",
  u."name" AS "actorName", u."email" AS "actorEmail", (m."userId" IS NOT NULL) AS "actorIsMember",
  a."apiKeyId"::text AS "apiKeyId", k."name" AS "apiKeyName", k."prefix" AS "apiKeyPrefix",
  a."action", a."entityType", a."entityId", a."diff"
  FROM "AuditLog" a
  LEFT JOIN "User" u ON u."id" = a."actorId"
  LEFT JOIN "Membership" m ON m."workspaceId" = a."workspaceId" AND m."userId" = a."actorId"
  LEFT JOIN "ApiKey" k ON k."workspaceId" = a."workspaceId" AND k."id" = a."apiKeyId"`;

interface RawRow extends Omit<AuditRow, "createdAt" | "diff"> {
  createdAt: Date | string;
  diff: unknown;
}

/** A database row as an AuditRow (drivers differ on dates and JSON). */
export function toAuditRow(r: RawRow): AuditRow {
  return { ...r, createdAt: new Date(r.createdAt), diff: typeof r.diff === "string" ? JSON.parse(r.diff) : r.diff };
}

/**
 * One page of entries matching the filters, newest first. `before` reads older than a cursor,
 * `after` newer than one (the page before); neither is the newest page.
 */
export async function listAuditEntries(scope: AuditScope, filters: AuditFilters, paging: { before?: AuditCursor | null; after?: AuditCursor | null } = {}): Promise<AuditPage> {
  const where = auditWhereSql(scope, filters);
  const { sql } = await getDb();
  const limit = AUDIT_PAGE_SIZE + 1;
  const at = (c: AuditCursor) => Prisma.sql`(${new Date(c.ms).toISOString()}::timestamptz, ${c.id}::bigint)`;
  const newerFirst = !paging.after;
  const query = paging.after
    ? Prisma.sql`SELECT ${AUDIT_ROW_SELECT} WHERE ${where} AND (a."createdAt", a."id") > ${at(paging.after)} ORDER BY a."createdAt" ASC, a."id" ASC LIMIT ${limit}`
    : paging.before
      ? Prisma.sql`SELECT ${AUDIT_ROW_SELECT} WHERE ${where} AND (a."createdAt", a."id") < ${at(paging.before)} ORDER BY a."createdAt" DESC, a."id" DESC LIMIT ${limit}`
      : Prisma.sql`SELECT ${AUDIT_ROW_SELECT} WHERE ${where} ORDER BY a."createdAt" DESC, a."id" DESC LIMIT ${limit}`;
  const rows = (await sql.query<RawRow>(query.text, query.values)).map(toAuditRow);
  const more = rows.length > AUDIT_PAGE_SIZE;
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const entries = newerFirst ? page : page.reverse();
  const cursor = (r: AuditRow | undefined) => (r ? { ms: r.createdAt.getTime(), id: r.id } : null);
  return {
    entries,
    newer: paging.after ? (more ? cursor(entries[0]) : null) : paging.before ? cursor(entries[0]) ?? paging.before : null,
    older: paging.after ? cursor(entries.at(-1)) : more ? cursor(entries.at(-1)) : null,
  };
}

/** Someone the person filter offers: current members, then people with entries who have left. */
export interface AuditPerson {
  id: string;
  name: string;
  email: string;
  isMember: boolean;
}

/** The workspace's members and past actors (users with entries here who are no longer members). */
export async function listAuditPeople(scope: AuditScope): Promise<AuditPerson[]> {
  const { sql } = await getDb();
  return sql.query<AuditPerson>(
    `SELECT u."id"::text AS "id", u."name", u."email", true AS "isMember"
       FROM "Membership" m JOIN "User" u ON u."id" = m."userId" WHERE m."workspaceId" = $1::uuid
     UNION ALL
     SELECT u."id"::text, u."name", u."email", false
       FROM "User" u
      WHERE NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."workspaceId" = $1::uuid AND m."userId" = u."id")
        AND EXISTS (SELECT 1 FROM "AuditLog" a WHERE a."workspaceId" = $1::uuid AND a."actorId" = u."id")
     ORDER BY "isMember" DESC, "name", "email"`,
    [scope.workspaceId],
  );
}

/** An entity a page names, as it is now: its name and whether it still exists (for a link). */
export interface AuditEntityState {
  name: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LINKED_TYPES = ["segment", "customer", "custom_field"] as const;

/** "segment:<id>" → current name, for the segments, customers and custom fields the entries name that still exist. */
export async function loadAuditEntities(scope: AuditScope, entries: readonly Pick<AuditRow, "entityType" | "entityId">[]): Promise<Map<string, AuditEntityState>> {
  const ids = (type: string) => [...new Set(entries.filter((e) => e.entityType === type && e.entityId && UUID.test(e.entityId)).map((e) => e.entityId!.toLowerCase()))];
  const [segments, customers, fields] = LINKED_TYPES.map(ids);
  const { prisma } = await getDb();
  const [s, c, f] = await Promise.all([
    segments.length ? prisma.segment.findMany({ where: { workspaceId: scope.workspaceId, id: { in: segments } }, select: { id: true, name: true } }) : [],
    customers.length
      ? prisma.customer.findMany({ where: { workspaceId: scope.workspaceId, id: { in: customers } }, select: { id: true, firstName: true, lastName: true, email: true, externalId: true } })
      : [],
    fields.length ? prisma.customField.findMany({ where: { workspaceId: scope.workspaceId, id: { in: fields } }, select: { id: true, label: true } }) : [],
  ]);
  const found = new Map<string, AuditEntityState>();
  for (const row of s) found.set(`segment:${row.id}`, { name: row.name });
  for (const row of c) found.set(`customer:${row.id}`, { name: customerDisplayName(row) });
  for (const row of f) found.set(`custom_field:${row.id}`, { name: row.label });
  return found;
}

/** The workspace's segment names by id (lower case), for details that name a segment. */
export async function loadSegmentNames(scope: AuditScope): Promise<Map<string, string>> {
  const { prisma } = await getDb();
  const rows = await prisma.segment.findMany({ where: { workspaceId: scope.workspaceId }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id.toLowerCase(), r.name]));
}
