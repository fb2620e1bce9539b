/**
 * Reading stored segment membership ("SegmentMember", kept exact by the membership engine) instead
 * of evaluating a segment's rules. The engine's invariant (docs/decisions/016): a segment's stored
 * membership is usable ⇔ memberCount IS NOT NULL AND membershipVersion = version AND membershipDay
 * = the workspace's local today; then it is exactly the rule's members except customers still
 * queued in "MembershipDirty" (seconds). "As of" is therefore the time of the workspace's oldest
 * queued write (or now when the queue is empty); a queue older than STALE_QUEUE_MS makes every
 * segment of the workspace not usable until it drains. Anything not usable is evaluated live, exactly as
 * before, so no reader ever shows a stale number.
 *
 * The check and the read are two statements: an evaluation committing between them can only make
 * the read newer (its result is exact for the new state), never staler.
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { compileWhere } from "@/lib/segments/compile";
import { prepareSegment, type SegmentScope } from "@/lib/segments/count-prepare";
import { localDateOf, type LocalDate } from "@/lib/segments/time";

/** The columns of "Segment" that say whether its stored membership can be read. */
export const membershipStateSelect = {
  id: true,
  version: true,
  memberCount: true,
  membershipVersion: true,
  membershipDay: true,
} satisfies Prisma.SegmentSelect;

/** A segment's stored-membership bookkeeping. */
export interface MembershipState {
  id: string;
  version: number;
  memberCount: number | null;
  membershipVersion: number | null;
  /** The workspace-local day of the last full evaluation (a DATE: midnight UTC of that day). */
  membershipDay: Date | null;
}

/** Whether a segment's stored membership may be read, and how fresh it is. */
export interface StoredMembership {
  usable: boolean;
  /** When usable: the oldest pending write of the workspace, or now. Null when not usable. */
  asOf: Date | null;
  /** The stored member count when usable, else null (count live). */
  memberCount: number | null;
}

/** The usability rule of the engine's invariant, at the workspace's local today. Pure. */
export function isUsableState(state: MembershipState, today: LocalDate): boolean {
  return (
    state.memberCount !== null &&
    state.membershipVersion !== null &&
    state.membershipVersion === state.version &&
    state.membershipDay !== null &&
    state.membershipDay.toISOString().slice(0, 10) === today
  );
}

/**
 * Queued writes older than this mean the membership engine is behind (a large import still
 * draining) or not running (SEGMENTA_JOBS=off, a failing worker): readers then evaluate live, so
 * a stored number is never older than this.
 */
export const STALE_QUEUE_MS = 60_000;

/** The time of the workspace's oldest queued membership write, or null when none is queued. */
export async function oldestPendingWrite(ctx: { workspaceId: string }): Promise<Date | null> {
  const { sql } = await getDb();
  const [row] = await sql.query<{ at: Date | string | null }>(`SELECT min("at") AS "at" FROM "MembershipDirty" WHERE "workspaceId" = $1::uuid`, [ctx.workspaceId]);
  return row?.at ? new Date(row.at) : null;
}

/**
 * The stored membership of segments whose states are loaded (usable or not, with "as of"); the
 * queue is read once, and only when one of them is usable.
 */
export async function storedMemberships(ctx: SegmentScope, states: readonly MembershipState[], now: Date = new Date()): Promise<Map<string, StoredMembership>> {
  const today = localDateOf(now.getTime(), ctx.timeZone);
  let usable = states.filter((s) => isUsableState(s, today));
  const pending = usable.length > 0 ? await oldestPendingWrite(ctx) : null;
  // A queue this old means the engine is behind or not running: stored members are not exact.
  if (pending && now.getTime() - pending.getTime() > STALE_QUEUE_MS) usable = [];
  const asOf = pending && pending < now ? pending : now;
  return new Map(
    states.map((s) => {
      const ok = usable.includes(s);
      return [s.id, { usable: ok, asOf: ok ? asOf : null, memberCount: ok ? s.memberCount : null }];
    }),
  );
}

/** The bookkeeping of the workspace's segments with these ids (missing ids are left out). */
export async function loadMembershipStates(ctx: { workspaceId: string }, ids: readonly string[]): Promise<MembershipState[]> {
  if (ids.length === 0) return [];
  const { prisma } = await getDb();
  return prisma.segment.findMany({ where: { workspaceId: ctx.workspaceId, id: { in: [...ids] } }, select: membershipStateSelect });
}

/** storedMembership(workspace, segment): whether one segment's stored members can be read now, and as of when. */
export async function storedMembership(ctx: SegmentScope, segment: MembershipState | string, now: Date = new Date()): Promise<StoredMembership> {
  const state = typeof segment === "string" ? (await loadMembershipStates(ctx, [segment]))[0] : segment;
  if (!state) return { usable: false, asOf: null, memberCount: null };
  return (await storedMemberships(ctx, [state], now)).get(state.id)!;
}

/**
 * EXISTS of c's stored membership row; no workspace condition on c. afterId (a keyset page after
 * that customer id) bounds the member rows too: PostgreSQL does not carry `c.id > x` over to
 * sm."customerId", and without it a page deep in a walk reads every member before it (measured:
 * 179 ms → 7 ms for a 201-row page of 250,000 members).
 */
export function storedMemberExists(workspaceId: string, segmentId: string, afterId?: string | null): Prisma.Sql {
  const after = afterId ? Prisma.sql` AND sm."customerId" > ${afterId}::uuid` : Prisma.empty;
  return Prisma.sql`EXISTS (SELECT 1 FROM "SegmentMember" sm
    WHERE sm."workspaceId" = ${workspaceId}::uuid AND sm."segmentId" = ${segmentId}::uuid AND sm."customerId" = c."id"${after})`;
}

/** The predicate "c is a stored member of the segment" over "Customer" c, workspace included. */
export function storedMembersWhere(workspaceId: string, segmentId: string, afterId?: string | null): Prisma.Sql {
  return Prisma.sql`(c."workspaceId" = ${workspaceId}::uuid AND ${storedMemberExists(workspaceId, segmentId, afterId)})`;
}

/** Who the members of a saved segment are, as a WHERE over "Customer" c, and where that comes from. */
export interface SegmentMembersWhere {
  where: Prisma.Sql;
  stored: StoredMembership;
}

/**
 * The members of a saved segment as a predicate over "Customer" c (workspace included): the stored
 * members when usable, else the rules compiled at now (InvalidDefinitionError when they no longer
 * validate). Readers that list, count or aggregate members build on this one choice; a keyset
 * page by customer id passes its afterId (the caller still filters c."id" itself).
 */
export async function segmentMembersWhere(
  ctx: SegmentScope,
  segment: { id: string; definition: unknown },
  now: Date = new Date(),
  options: { afterId?: string | null } = {},
): Promise<SegmentMembersWhere> {
  const stored = await storedMembership(ctx, segment.id, now);
  if (stored.usable) return { where: storedMembersWhere(ctx.workspaceId, segment.id, options.afterId), stored };
  const prepared = await prepareSegment(ctx, segment.definition, now);
  return { where: compileWhere(prepared.definition, prepared.catalog, prepared.options), stored };
}
