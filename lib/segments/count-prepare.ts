/** A definition made ready to run against one workspace: its catalog, its saved segment references, validated. */
import "server-only";
import { PREDICTION_PREFIX, type FieldCatalog } from "@/lib/fields/catalog";
import { getCatalog } from "@/lib/fields/queries";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadLiveRfmContext, todayIn } from "@/lib/rfm/queries";
import { compileMemberIds, compileWhere, type CompileOptions } from "./compile";
import { loadSegmentResolver } from "./count-references";
import { InvalidDefinitionError } from "./errors";
import { resolveDefinition, walkNodes, type SegmentDefinition } from "./schema";

/** What counting and listing members need of the context: the workspace and its time zone. */
export interface SegmentScope {
  workspaceId: string;
  /** The workspace's IANA time zone: "today" and day boundaries of relative dates. */
  timeZone: string;
}

/** A validated definition with everything needed to compile or evaluate it in its workspace. */
export interface PreparedSegment {
  definition: SegmentDefinition;
  catalog: FieldCatalog;
  /** Compile options (now, zone, workspace, saved segments); also valid evaluate options. */
  options: CompileOptions & { resolveSegment: NonNullable<CompileOptions["resolveSegment"]> };
}

/** Whether a definition has an RFM condition (which needs the live RFM scoring context). */
export function usesRfm(definition: SegmentDefinition): boolean {
  let found = false;
  walkNodes(definition.root, "root", (node) => {
    if (node.type === "rfm") found = true;
  });
  return found;
}

/** Whether a definition has a condition on a prediction field (read from the stored predictions). */
export function usesPredictions(definition: SegmentDefinition): boolean {
  let found = false;
  walkNodes(definition.root, "root", (node) => {
    if (node.type === "field" && node.field.startsWith(PREDICTION_PREFIX)) found = true;
  });
  return found;
}

/**
 * Loads the workspace's catalog and the saved segments the definition references, and validates it;
 * throws InvalidDefinitionError (every problem, by node path) when it is invalid.
 */
export async function prepareSegment(ctx: SegmentScope, definition: unknown, now: Date = new Date()): Promise<PreparedSegment> {
  const [catalog, resolveSegment] = await Promise.all([getCatalog(ctx), loadSegmentResolver(ctx, definition)]);
  const parsed = resolveDefinition(definition, catalog, { resolveSegment });
  if (!parsed.ok) throw new InvalidDefinitionError(parsed.errors);
  const { definition: parsedDefinition, references } = parsed.resolved;
  // RFM conditions score live: the population's quantiles at today in the workspace's zone
  // (reused for up to a minute, see loadLiveRfmContext), the stored rules, the current stats.
  const rfm = [parsedDefinition, ...references.values()].some(usesRfm) ? await loadLiveRfmContext(ctx, todayIn(ctx.timeZone, now)) : undefined;
  return { definition: parsedDefinition, catalog, options: { now, timeZone: ctx.timeZone, workspaceId: ctx.workspaceId, resolveSegment, rfm } };
}

/**
 * The member count statement of a prepared definition: over the customer table, or, for a single
 * orders / event condition only customers with rows meet, over those rows alone (compileMemberIds).
 */
export function countStatement(prepared: PreparedSegment, definition: SegmentDefinition = prepared.definition): Prisma.Sql {
  const ids = compileMemberIds(definition, prepared.catalog, prepared.options);
  if (ids) return Prisma.sql`SELECT count(*)::int AS "n" FROM (${ids}) m`;
  return Prisma.sql`SELECT count(*)::int AS "n" FROM "Customer" c WHERE ${compileWhere(definition, prepared.catalog, prepared.options)}`;
}
