/**
 * Reads of saved segments: one, the list with member counts (stored when usable, see
 * lib/membership/read; live otherwise), the picker options, and the builder's suggestions.
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/fields/queries";
import type { Prisma } from "@/lib/generated/prisma/client";
import { loadMembershipStates, storedMemberships, type StoredMembership } from "@/lib/membership/read";
import { getRfmRules } from "@/lib/rfm/queries";
import { OTHERS } from "@/lib/rfm/rules";
import { countStatement, type SegmentScope } from "./count-prepare";
import { COUNT_TIMEOUT_MS, runCounting } from "./count-run";
import { parseDefinition } from "./schema";
import type { SegmentListParams } from "./saved-schemas";

/** What saved-segment functions need of the session: the workspace, its zone, and who is acting. */
export interface SavedSegmentContext extends SegmentScope {
  /** null for changes made with an API key (the audit entry names the key) or the command line. */
  userId: string | null;
  apiKeyId?: string | null;
}

export const segmentSelect = {
  id: true,
  name: true,
  description: true,
  definition: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { name: true, email: true } },
  updatedBy: { select: { name: true, email: true } },
} satisfies Prisma.SegmentSelect;

/** A saved segment as pages show it. */
export interface SavedSegment {
  id: string;
  name: string;
  description: string | null;
  definition: unknown;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Who last saved it (null when that user was deleted). */
  updatedBy: { name: string; email: string } | null;
}

/** A list row with its member count and share (null when it could not be counted). */
export interface SegmentListRow extends SavedSegment {
  members: number | null;
  share: number | null;
  /** Whether the count is the stored one (and as of when) or was counted live. */
  membership: StoredMembership;
  /** Why there is no count: the definition no longer fits the catalog, or counting ran out of time. */
  countProblem: string | null;
}

type Row = Prisma.SegmentGetPayload<{ select: typeof segmentSelect }>;

function toSaved(row: Row): SavedSegment {
  return {
    id: row.id, name: row.name, description: row.description, definition: row.definition, version: row.version,
    createdAt: row.createdAt, updatedAt: row.updatedAt, updatedBy: row.updatedBy ?? row.createdBy ?? null,
  };
}

/** The workspace's segment with this id, or null. */
export async function getSegment(ctx: SegmentScope, id: string): Promise<SavedSegment | null> {
  const { prisma } = await getDb();
  const row = await prisma.segment.findUnique({ where: { workspaceId_id: { workspaceId: ctx.workspaceId, id } }, select: segmentSelect });
  return row ? toSaved(row) : null;
}

/** The workspace's segment with this id; AppError("not_found") when there is none. */
export async function getSegmentOrThrow(ctx: SegmentScope, id: string): Promise<SavedSegment> {
  const segment = await getSegment(ctx, id);
  if (!segment) throw new AppError("not_found", "This segment doesn't exist in this workspace (it may have been deleted).");
  return segment;
}

/** Every segment of the workspace: id, name and stored definition (for pickers, references and resolvers). */
export async function listSegmentDefinitions(ctx: { workspaceId: string }): Promise<{ id: string; name: string; definition: unknown }[]> {
  const { prisma } = await getDb();
  return prisma.segment.findMany({ where: { workspaceId: ctx.workspaceId }, select: { id: true, name: true, definition: true }, orderBy: { name: "asc" } });
}

/**
 * Member counts of saved segments: the stored count of each segment whose stored membership is
 * usable (no evaluation), the others counted live in one read-only session under one time budget;
 * a segment whose definition no longer validates gets a problem instead of a count, and a timeout
 * leaves the rest uncounted.
 */
export async function countSavedSegments(
  ctx: SegmentScope,
  ids: readonly string[],
  timeoutMs = COUNT_TIMEOUT_MS,
): Promise<{ total: number; counts: Map<string, number | string>; sources: Map<string, StoredMembership> }> {
  const now = new Date();
  const [catalog, all, states] = await Promise.all([getCatalog(ctx), listSegmentDefinitions(ctx), loadMembershipStates(ctx, ids)]);
  const sources = await storedMemberships(ctx, states, now);
  const stored = new Map(all.map((s) => [s.id, s.definition]));
  const resolveSegment = (id: string) => stored.get(id.toLowerCase());
  const options = { now, timeZone: ctx.timeZone, workspaceId: ctx.workspaceId, resolveSegment };
  const counts = new Map<string, number | string>();
  const prepared: { id: string; statement: Prisma.Sql }[] = [];
  for (const id of ids) {
    const source = sources.get(id);
    if (source?.usable && source.memberCount !== null) {
      counts.set(id, source.memberCount);
      continue;
    }
    const parsed = parseDefinition(stored.get(id), catalog, { resolveSegment, segmentId: id });
    if (parsed.ok) prepared.push({ id, statement: countStatement({ definition: parsed.definition, catalog, options }) });
    else counts.set(id, `Invalid definition: ${parsed.errors[0].path}: ${parsed.errors[0].message}`);
  }
  let total = 0;
  try {
    await runCounting(timeoutMs, async (run) => {
      [{ n: total }] = await run<{ n: number }>({ text: `SELECT count(*)::int AS "n" FROM "Customer" WHERE "workspaceId" = $1`, values: [ctx.workspaceId] });
      for (const p of prepared) counts.set(p.id, (await run<{ n: number }>(p.statement))[0].n);
    });
  } catch (e) {
    if (!(e instanceof AppError && e.code === "timeout")) throw e;
    for (const p of prepared) if (!counts.has(p.id)) counts.set(p.id, "Counting took too long; open the segment to count it.");
  }
  return { total, counts, sources };
}

/** The workspace's segments matching the search, with live counts, sorted as asked. */
export async function listSegments(ctx: SegmentScope, params: SegmentListParams): Promise<{ rows: SegmentListRow[]; total: number }> {
  const { prisma } = await getDb();
  const q = params.q;
  const rows = (
    await prisma.segment.findMany({
      where: {
        workspaceId: ctx.workspaceId,
        ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { description: { contains: q, mode: "insensitive" } }] } : {}),
      },
      select: segmentSelect,
    })
  ).map(toSaved);
  const { total, counts, sources } = await countSavedSegments(ctx, rows.map((r) => r.id));
  const listed: SegmentListRow[] = rows.map((r) => {
    const c = counts.get(r.id);
    const members = typeof c === "number" ? c : null;
    const membership = sources.get(r.id) ?? { usable: false, asOf: null, memberCount: null };
    return { ...r, members, share: members === null ? null : total > 0 ? members / total : 0, membership, countProblem: typeof c === "string" ? c : null };
  });
  const sign = params.dir === "asc" ? 1 : -1;
  const by: Record<SegmentListParams["sort"], (a: SegmentListRow, b: SegmentListRow) => number> = {
    name: (a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }),
    members: (a, b) => (a.members ?? -1) - (b.members ?? -1),
    updated: (a, b) => a.updatedAt.getTime() - b.updatedAt.getTime(),
  };
  listed.sort((a, b) => sign * by[params.sort](a, b) || a.id.localeCompare(b.id));
  return { rows: listed, total };
}

/** Names offered by the builder, from the workspace's data: event names, their property keys, order item categories. */
export interface BuilderSuggestions {
  eventNames: string[];
  eventProperties: string[];
  categories: string[];
  /** The workspace's RFM segment names, in rule order, then "Others". */
  rfmSegments: string[];
}

/** The builder's suggestions (most frequent first; property keys from a recent sample of events). */
export async function getBuilderSuggestions(ctx: { workspaceId: string }): Promise<BuilderSuggestions> {
  const { sql } = await getDb();
  const [names, properties, categories, rfmRules] = await Promise.all([
    sql.query<{ v: string }>(`SELECT "name" AS "v" FROM "Event" WHERE "workspaceId" = $1 GROUP BY "name" ORDER BY count(*) DESC, "name" LIMIT 200`, [ctx.workspaceId]),
    sql.query<{ v: string }>(
      `SELECT k AS "v" FROM (SELECT "properties" FROM "Event" WHERE "workspaceId" = $1 AND jsonb_typeof("properties") = 'object' ORDER BY "occurredAt" DESC LIMIT 5000) e,
              jsonb_object_keys(e."properties") AS k GROUP BY k ORDER BY count(*) DESC, k LIMIT 200`,
      [ctx.workspaceId],
    ),
    sql.query<{ v: string }>(`SELECT "category" AS "v" FROM "OrderItem" WHERE "workspaceId" = $1 AND "category" IS NOT NULL GROUP BY "category" ORDER BY count(*) DESC, "category" LIMIT 200`, [ctx.workspaceId]),
    getRfmRules(ctx, sql),
  ]);
  return {
    eventNames: names.map((r) => r.v),
    eventProperties: properties.map((r) => r.v),
    categories: categories.map((r) => r.v),
    rfmSegments: [...rfmRules.map((r) => r.name), OTHERS],
  };
}
