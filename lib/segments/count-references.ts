/** Saved segments a definition refers to, loaded (transitively) from the workspace for segment conditions. */
import "server-only";
import { getDb } from "@/lib/db/client";
import { LIMITS } from "./limits";
import type { SegmentResolver } from "./schema";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The segmentIds of the segment conditions anywhere in a (not yet validated) definition. */
function referencedIds(input: unknown, into: Set<string>): void {
  const stack: unknown[] = [input];
  let seen = 0;
  while (stack.length > 0 && seen < LIMITS.expandedNodes) {
    const node = stack.pop();
    seen += 1;
    if (typeof node !== "object" || node === null) continue;
    const record = node as Record<string, unknown>;
    if (record.type === "segment" && typeof record.segmentId === "string" && UUID_RE.test(record.segmentId)) into.add(record.segmentId.toLowerCase());
    if (record.root !== undefined) stack.push(record.root);
    if (Array.isArray(record.children)) stack.push(...record.children);
  }
}

/**
 * A resolver over the workspace's saved segments that the definition references, directly or
 * through other segments. Another workspace's segment is unknown here, whatever its id.
 */
export async function loadSegmentResolver(ctx: { workspaceId: string }, definition: unknown): Promise<SegmentResolver> {
  const loaded = new Map<string, unknown>();
  const asked = new Set<string>();
  let wanted = new Set<string>();
  referencedIds(definition, wanted);
  const { sql } = await getDb();
  // One round per level of nesting; deeper chains are rejected by validation anyway.
  for (let round = 0; round <= LIMITS.referenceDepth && wanted.size > 0; round++) {
    for (const id of wanted) asked.add(id);
    const rows = await sql.query<{ id: string; definition: unknown }>(
      `SELECT "id"::text AS "id", "definition" FROM "Segment" WHERE "workspaceId" = $1 AND "id" = ANY($2::uuid[])`,
      [ctx.workspaceId, [...wanted]],
    );
    const next = new Set<string>();
    for (const row of rows) {
      loaded.set(row.id, row.definition);
      referencedIds(row.definition, next);
    }
    wanted = new Set([...next].filter((id) => !asked.has(id)));
  }
  return (segmentId) => loaded.get(segmentId.toLowerCase());
}
