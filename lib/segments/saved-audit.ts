/**
 * What a segment save changed, for its audit entry: name, description and the rules as the builder's
 * one-sentence summary, each before → after, so the audit log can show the change without the
 * definitions themselves.
 */
import "server-only";
import { getDb } from "@/lib/db/client";
import { getCatalog } from "@/lib/fields/queries";
import type { Prisma } from "@/lib/generated/prisma/client";
import { loadSegmentResolver } from "./count-references";
import { parseDefinition, type SegmentDefinition } from "./schema";
import type { SavedSegmentContext } from "./saved-queries";
import { summarizeRoot } from "./summary";

/** The stored state a save replaces (at the version the save names). */
export interface SegmentBefore {
  version: number;
  name: string;
  description: string | null;
  definition: unknown;
}

// jsonb stores object keys in its own order: compare definitions with keys sorted.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const change = (from: string | null, to: string | null): Prisma.InputJsonObject => ({ from, to });

// The rules in words; a stored definition that no longer parses (a field since removed) is named as such.
async function describeRules(ctx: SavedSegmentContext, definition: unknown): Promise<string> {
  const { prisma } = await getDb();
  const [catalog, resolveSegment, segments] = await Promise.all([
    getCatalog(ctx),
    loadSegmentResolver(ctx, definition),
    prisma.segment.findMany({ where: { workspaceId: ctx.workspaceId }, select: { id: true, name: true } }),
  ]);
  const parsed = parseDefinition(definition, catalog, { resolveSegment });
  if (!parsed.ok) return "Rules that no longer match the workspace's fields";
  return summarizeRoot(parsed.definition.root, { catalog, segmentNames: new Map(segments.map((s) => [s.id.toLowerCase(), s.name])) });
}

/**
 * The fields a save changed, each { from, to }; empty when the save changed nothing. Runs before the
 * save's transaction (it reads the catalog and other segments, which on PGlite's one connection
 * would wait for that transaction): the versioned UPDATE then guarantees `before` is what it replaced.
 */
export async function segmentChanges(
  ctx: SavedSegmentContext,
  before: SegmentBefore,
  after: { name: string; description: string | null; definition: SegmentDefinition },
): Promise<Prisma.InputJsonObject> {
  const changes: Record<string, Prisma.InputJsonObject> = {};
  if (before.name !== after.name) changes.name = change(before.name, after.name);
  if ((before.description ?? "") !== (after.description ?? "")) changes.description = change(before.description || null, after.description || null);
  if (canonical(before.definition) !== canonical(after.definition)) {
    const [from, to] = await Promise.all([describeRules(ctx, before.definition), describeRules(ctx, after.definition)]);
    changes.rules = change(from, from === to ? `${to} (same in words; values or details changed)` : to);
  }
  return changes;
}
