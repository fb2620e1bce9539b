import "server-only";
import type { WorkspaceContext } from "@/lib/auth/context";
import { getCatalog } from "@/lib/fields/queries";
import { getBuilderSuggestions, listSegmentDefinitions } from "@/lib/segments/saved-queries";

/** What the builder page needs besides the segment: catalog, suggestions from the data, the workspace's segments. */
export async function loadEditorData(ctx: WorkspaceContext) {
  const [catalog, suggestions, segments] = await Promise.all([getCatalog(ctx), getBuilderSuggestions(ctx), listSegmentDefinitions(ctx)]);
  return { catalog, suggestions, segments };
}
