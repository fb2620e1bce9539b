/** zod schemas of saved-segment inputs (create, update, duplicate, delete, list), shared by the pages and the server. Client-safe. */
import { z } from "zod";

/** Longest name and description of a saved segment. */
export const SEGMENT_LIMITS = { name: 100, description: 500 } as const;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A segment id (UUID). */
export const segmentIdSchema = z.string().regex(UUID_RE, "This is not a segment id.");

export const segmentNameSchema = z
  .string()
  .trim()
  .min(1, "Give the segment a name.")
  .max(SEGMENT_LIMITS.name, `Use at most ${SEGMENT_LIMITS.name} characters for the name.`);

export const segmentDescriptionSchema = z
  .string()
  .trim()
  .max(SEGMENT_LIMITS.description, `Use at most ${SEGMENT_LIMITS.description} characters for the description.`)
  .nullish()
  .transform((s) => (s ? s : null));

/** A definition as sent by a form: any JSON, checked by parseDefinition against the catalog. */
const definitionInput = z.unknown().refine((v) => v !== undefined, "The segment needs a definition.");

export const createSegmentSchema = z.object({
  name: segmentNameSchema,
  description: segmentDescriptionSchema,
  definition: definitionInput,
});
export type CreateSegmentInput = z.input<typeof createSegmentSchema>;

export const updateSegmentSchema = createSegmentSchema.extend({
  id: segmentIdSchema,
  /** The version the editor opened; the save is refused when the stored one differs. */
  version: z.int().min(1),
});
export type UpdateSegmentInput = z.input<typeof updateSegmentSchema>;

export const segmentRefSchema = z.object({ id: segmentIdSchema });

export const SEGMENT_SORTS = ["name", "members", "updated"] as const;

/** The list's search and sort, from the URL. */
export const segmentListParamsSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  sort: z.enum(SEGMENT_SORTS).catch("updated"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
});
export type SegmentListParams = z.infer<typeof segmentListParamsSchema>;

/** Input of the builder's live count. */
export const liveCountSchema = z.object({ definition: definitionInput });
