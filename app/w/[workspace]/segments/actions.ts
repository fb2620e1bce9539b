"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/auth/action";
import { AppError } from "@/lib/errors";
import { countFunnel, sampleMembers, type MemberSample, type SegmentFunnel } from "@/lib/segments/count";
import { InvalidDefinitionError } from "@/lib/segments/errors";
import type { DefinitionIssue } from "@/lib/segments/schema";
import { createSegment, deleteSegment, duplicateSegment, SegmentConflictError, updateSegment } from "@/lib/segments/saved-mutations";
import { createSegmentSchema, liveCountSchema, segmentRefSchema, updateSegmentSchema } from "@/lib/segments/saved-schemas";

/** A save's outcome the builder acts on: saved, a definition with problems by node, or someone else's newer save. */
export type SaveOutcome =
  | { status: "saved"; id: string; version: number; updatedAt: string }
  | { status: "invalid"; errors: DefinitionIssue[] }
  | { status: "conflict"; message: string; savedBy: string; savedAt: string };

/** The live count's answer. */
export type LiveCount =
  | { status: "counted"; funnel: SegmentFunnel; sample: MemberSample[] }
  | { status: "invalid"; errors: DefinitionIssue[] }
  | { status: "timeout"; message: string };

async function saveOutcome(run: () => Promise<{ id: string; version: number; updatedAt: Date }>): Promise<SaveOutcome> {
  try {
    const s = await run();
    return { status: "saved", id: s.id, version: s.version, updatedAt: s.updatedAt.toISOString() };
  } catch (e) {
    if (e instanceof InvalidDefinitionError) return { status: "invalid", errors: [...e.errors] };
    if (e instanceof SegmentConflictError) return { status: "conflict", message: e.message, savedBy: e.savedBy, savedAt: e.savedAt.toISOString() };
    throw e;
  }
}

/** Saves a new segment. */
export const createSegmentAction = workspaceAction({
  permission: "segments.write",
  schema: createSegmentSchema,
  handler: async (ctx, input) => {
    const outcome = await saveOutcome(() => createSegment(ctx, input));
    revalidatePath(`/w/${ctx.workspaceSlug}/segments`);
    return outcome;
  },
});

/** Saves changes to a segment, refused when someone else saved it since it was opened. */
export const updateSegmentAction = workspaceAction({
  permission: "segments.write",
  schema: updateSegmentSchema,
  handler: async (ctx, input) => {
    const outcome = await saveOutcome(() => updateSegment(ctx, input));
    revalidatePath(`/w/${ctx.workspaceSlug}/segments`);
    return outcome;
  },
});

/** Copies a segment. */
export const duplicateSegmentAction = workspaceAction({
  permission: "segments.write",
  schema: segmentRefSchema,
  handler: async (ctx, input) => {
    const copy = await duplicateSegment(ctx, input);
    revalidatePath(`/w/${ctx.workspaceSlug}/segments`);
    return { id: copy.id, name: copy.name };
  },
});

/** Deletes a segment (refused while another segment uses it). */
export const deleteSegmentAction = workspaceAction({
  permission: "segments.write",
  schema: segmentRefSchema,
  handler: async (ctx, input) => {
    const deleted = await deleteSegment(ctx, input);
    revalidatePath(`/w/${ctx.workspaceSlug}/segments`);
    return deleted;
  },
});

/** The builder's live count of an unsaved definition: funnel of the top-level conditions and a sample of members. */
export const liveCountAction = workspaceAction({
  permission: "segments.read",
  schema: liveCountSchema,
  handler: async (ctx, input): Promise<LiveCount> => {
    try {
      const funnel = await countFunnel(ctx, input.definition);
      const sample = funnel.members > 0 ? await sampleMembers(ctx, input.definition, { limit: 10 }) : [];
      return { status: "counted", funnel, sample };
    } catch (e) {
      if (e instanceof InvalidDefinitionError) return { status: "invalid", errors: [...e.errors] };
      if (e instanceof AppError && e.code === "timeout") return { status: "timeout", message: e.message };
      throw e;
    }
  },
});
