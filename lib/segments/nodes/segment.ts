/** The segment node: is (or is not) a member of another saved segment, whose definition is inlined. */
import { z } from "zod";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A segment condition as written. */
export const segmentNodeSchema = z.strictObject({
  type: z.literal("segment"),
  segmentId: z.string({ error: "segmentId must be a segment id" }).regex(UUID_RE, "segmentId must be a segment id (a UUID)"),
  operator: z.enum(["in", "not_in"], { error: 'operator must be "in" or "not_in"' }),
});
export type SegmentNode = z.infer<typeof segmentNodeSchema>;

/**
 * Looks up a saved segment's stored definition (the JSON as saved) by id, within the workspace
 * being evaluated; undefined when there is no such segment.
 */
export type SegmentResolver = (segmentId: string) => unknown;
