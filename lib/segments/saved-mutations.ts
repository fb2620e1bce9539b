/**
 * Writes of saved segments: create, update with optimistic concurrency, duplicate, delete (refused
 * while another segment refers to it). Every write is scoped to the session's workspace, validates
 * the definition against the workspace's catalog and segments, and is audited.
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/fields/queries";
import { Prisma } from "@/lib/generated/prisma/client";
import { invalidateReferrersSql } from "@/lib/membership/invalidate";
import { loadSegmentResolver } from "./count-references";
import { InvalidDefinitionError } from "./errors";
import { segmentChanges } from "./saved-audit";
import { parseDefinition, walkNodes, type SegmentDefinition } from "./schema";
import { getSegmentOrThrow, segmentSelect, type SavedSegment, type SavedSegmentContext } from "./saved-queries";
import {
  createSegmentSchema, SEGMENT_LIMITS, segmentRefSchema, updateSegmentSchema, type CreateSegmentInput, type UpdateSegmentInput,
} from "./saved-schemas";

type Tx = Prisma.TransactionClient;

/** A save refused because someone else saved the segment after it was opened. */
export class SegmentConflictError extends AppError {
  constructor(readonly savedBy: string, readonly savedAt: Date, readonly currentVersion: number) {
    super("conflict", `${savedBy} saved this segment at ${savedAt.toISOString().replace("T", " ").slice(0, 16)} UTC, after you opened it. Your changes were not saved: reload to see theirs, or save yours as a new segment.`);
    this.name = "SegmentConflictError";
  }
}

/** A delete refused because other segments use the segment; names them (id and name). */
export class SegmentInUseError extends AppError {
  constructor(message: string, readonly referencedBy: readonly { id: string; name: string }[]) {
    super("conflict", message);
    this.name = "SegmentInUseError";
  }
}

/** Validates a definition for saving in the workspace (as segment id, when it exists, so self-references are cycles). */
async function validDefinition(ctx: SavedSegmentContext, definition: unknown, segmentId?: string): Promise<SegmentDefinition> {
  const [catalog, resolveSegment] = await Promise.all([getCatalog(ctx), loadSegmentResolver(ctx, definition)]);
  const parsed = parseDefinition(definition, catalog, { resolveSegment, segmentId });
  if (!parsed.ok) throw new InvalidDefinitionError(parsed.errors);
  return parsed.definition;
}

async function audit(tx: Tx, ctx: SavedSegmentContext, action: string, segmentId: string, diff: Prisma.InputJsonObject): Promise<void> {
  await recordAudit(tx, ctx, { action, entityType: "segment", entityId: segmentId, diff });
}

const json = (d: SegmentDefinition) => d as unknown as Prisma.InputJsonValue;

/** The segment ids a definition's segment conditions name. */
function referencedIds(definition: SegmentDefinition): string[] {
  const ids = new Set<string>();
  walkNodes(definition.root, "root", (node) => {
    if (node.type === "segment") ids.add(node.segmentId.toLowerCase());
  });
  return [...ids];
}

/**
 * Locks the segments a definition refers to (FOR SHARE) inside the saving transaction and checks
 * they still exist, so a concurrent delete either waits for this save (and then sees the reference)
 * or has already removed them (and this save is refused).
 */
async function lockReferences(tx: Tx, ctx: SavedSegmentContext, definition: SegmentDefinition): Promise<void> {
  const ids = referencedIds(definition);
  if (ids.length === 0) return;
  const rows = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT "id"::text AS "id" FROM "Segment" WHERE "workspaceId" = ${ctx.workspaceId}::uuid AND "id" = ANY(${ids}::uuid[]) FOR SHARE`);
  const found = new Set(rows.map((r) => r.id.toLowerCase()));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw new AppError("conflict", "A segment this one uses was deleted while you were saving. Remove that condition and save again.");
}

/** Saves a new segment. */
export async function createSegment(ctx: SavedSegmentContext, input: CreateSegmentInput): Promise<SavedSegment> {
  const data = createSegmentSchema.parse(input);
  const definition = await validDefinition(ctx, data.definition);
  const { prisma } = await getDb();
  const row = await prisma.$transaction(async (tx) => {
    await lockReferences(tx, ctx, definition);
    const created = await tx.segment.create({
      data: { workspaceId: ctx.workspaceId, name: data.name, description: data.description, definition: json(definition), createdById: ctx.userId, updatedById: ctx.userId },
      select: { id: true },
    });
    await audit(tx, ctx, "segment.create", created.id, { name: data.name });
    return created;
  });
  return getSegmentOrThrow(ctx, row.id);
}

/**
 * Saves changes to a segment if nobody saved it since `version` was read (the check is in the
 * UPDATE's WHERE); otherwise throws SegmentConflictError naming who saved it and when.
 */
export async function updateSegment(ctx: SavedSegmentContext, input: UpdateSegmentInput): Promise<SavedSegment> {
  const data = updateSegmentSchema.parse(input);
  const definition = await validDefinition(ctx, data.definition, data.id);
  const { prisma } = await getDb();
  // The version the save names, read first: when the versioned UPDATE succeeds, this is what it replaced.
  const before = await prisma.segment.findUnique({
    where: { workspaceId_id: { workspaceId: ctx.workspaceId, id: data.id } },
    select: { version: true, name: true, description: true, definition: true },
  });
  const changes = before?.version === data.version ? await segmentChanges(ctx, before, { name: data.name, description: data.description ?? null, definition }) : {};
  await prisma.$transaction(async (tx) => {
    await lockReferences(tx, ctx, definition);
    const { count } = await tx.segment.updateMany({
      where: { workspaceId: ctx.workspaceId, id: data.id, version: data.version },
      data: { name: data.name, description: data.description, definition: json(definition), updatedById: ctx.userId, version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await tx.segment.findUnique({ where: { workspaceId_id: { workspaceId: ctx.workspaceId, id: data.id } }, select: segmentSelect });
      if (!current) throw new AppError("not_found", "This segment doesn't exist in this workspace (it may have been deleted).");
      const by = current.updatedBy ?? current.createdBy;
      throw new SegmentConflictError(by ? `${by.name} (${by.email})` : "Someone", current.updatedAt, current.version);
    }
    // Segments that use this one inline its definition: their stored membership is stale now.
    await tx.$executeRaw(invalidateReferrersSql(ctx.workspaceId, data.id));
    await audit(tx, ctx, "segment.update", data.id, { name: data.name, version: data.version + 1, changes });
  });
  return getSegmentOrThrow(ctx, data.id);
}

/** Copies a segment under "Copy of <name>". */
export async function duplicateSegment(ctx: SavedSegmentContext, input: { id: string }): Promise<SavedSegment> {
  const { id } = segmentRefSchema.parse(input);
  const source = await getSegmentOrThrow(ctx, id);
  const name = `Copy of ${source.name}`.slice(0, SEGMENT_LIMITS.name);
  return createSegment(ctx, { name, description: source.description ?? "", definition: source.definition });
}

/** Whether a stored (unvalidated) definition has a segment condition on this id anywhere. */
function refersTo(stored: unknown, id: string): boolean {
  const stack: unknown[] = [stored];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    const n = node as Record<string, unknown>;
    if (n.type === "segment" && typeof n.segmentId === "string" && n.segmentId.toLowerCase() === id.toLowerCase()) return true;
    if (n.root !== undefined) stack.push(n.root);
    if (Array.isArray(n.children)) stack.push(...n.children);
  }
  return false;
}

/** Deletes a segment; refused (AppError "conflict", naming them) while other segments refer to it. */
export async function deleteSegment(ctx: SavedSegmentContext, input: { id: string }): Promise<{ name: string }> {
  const { id } = segmentRefSchema.parse(input);
  const { prisma } = await getDb();
  return prisma.$transaction(async (tx) => {
    // Locked first, so a save adding a reference to it either commits before the check below or waits (see lockReferences).
    const [segment] = await tx.$queryRaw<{ name: string }[]>(Prisma.sql`
      SELECT "name" FROM "Segment" WHERE "workspaceId" = ${ctx.workspaceId}::uuid AND "id" = ${id}::uuid FOR UPDATE`);
    if (!segment) throw new AppError("not_found", "This segment doesn't exist in this workspace (it may have been deleted).");
    const others = await tx.segment.findMany({ where: { workspaceId: ctx.workspaceId, id: { not: id } }, select: { id: true, name: true, definition: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
    const referencing = others.filter((s) => refersTo(s.definition, id)).map((s) => ({ id: s.id, name: s.name }));
    if (referencing.length > 0) {
      const list = referencing.map((s) => `"${s.name}"`).join(", ");
      const one = referencing.length === 1;
      throw new SegmentInUseError(`"${segment.name}" can't be deleted: ${one ? "segment" : "segments"} ${list} ${one ? "uses" : "use"} it. Remove it from ${one ? "that segment" : "those segments"} first.`, referencing);
    }
    await tx.segment.deleteMany({ where: { workspaceId: ctx.workspaceId, id } });
    await audit(tx, ctx, "segment.delete", id, { name: segment.name });
    return { name: segment.name };
  });
}
