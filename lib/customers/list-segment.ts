/**
 * The customer table's segment filter (and so the Members tab, the CSV export and the API's
 * `?segment=`): the segment's stored members when they are usable (lib/membership/read), else its
 * rules compiled to a predicate over `"Customer" c`, evaluated live (the same compiler as counts,
 * exports and dashboards, so the table shows exactly the segment's members). The segment is looked up in the caller's workspace
 * only; its values travel as parameters.
 */
import "server-only";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { compileDefinition } from "@/lib/segments/compile";
import { prepareSegment, type SegmentScope } from "@/lib/segments/count-prepare";
import { getSegment } from "@/lib/segments/saved-queries";
import { storedMemberExists, storedMembership } from "@/lib/membership/read";
import type { SegmentFilter } from "./list-schemas";

/** Message of a segment filter naming no segment of this workspace (deleted, or another workspace's id). */
export const UNKNOWN_SEGMENT_MESSAGE = "This segment doesn't exist in this workspace (it may have been deleted).";

/**
 * The predicate of "in segment" (or, exclude, "not in segment") for the workspace's saved segment;
 * AppError("not_found") when the workspace has no such segment, InvalidDefinitionError when its
 * rules no longer fit the catalog. afterId: the caller lists customers with an id above it, in id order.
 */
export async function segmentFilterSql(ctx: SegmentScope, filter: SegmentFilter, now: Date, options: { afterId?: string | null } = {}): Promise<Prisma.Sql> {
  const segment = await getSegment(ctx, filter.id);
  if (!segment) throw new AppError("not_found", UNKNOWN_SEGMENT_MESSAGE);
  if ((await storedMembership(ctx, segment.id, now)).usable) {
    // A keyset page by id (the API) bounds the member rows too (see storedMemberExists); an exclusion must not.
    const exists = storedMemberExists(ctx.workspaceId, segment.id, filter.exclude ? null : options.afterId);
    return filter.exclude ? Prisma.sql`(NOT ${exists})` : exists;
  }
  const prepared = await prepareSegment(ctx, segment.definition, now);
  const predicate = compileDefinition(prepared.definition, prepared.catalog, prepared.options);
  // Two-valued logic (SEGMENT_FORMAT): NOT of the predicate is exactly everyone else.
  return filter.exclude ? Prisma.sql`(NOT ${predicate})` : predicate;
}
