/**
 * A workspace's membership state read inside the applying transaction: its zone, catalog, saved
 * segments (definitions and stored-membership columns), the RFM context stored membership
 * scores against, and when the stored predictions were last refreshed. Everything is read through tx: on PGlite the outer client would wait for it.
 */
import "server-only";
import { z } from "zod";
import type { SqlDriver } from "@/lib/db/driver";
import type { FieldCatalog } from "@/lib/fields/catalog";
import { getCatalog } from "@/lib/fields/queries";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RfmContext } from "@/lib/rfm/context";
import { rulesFromSettings } from "@/lib/rfm/schemas";
import type { RfmCuts } from "@/lib/rfm/scoring";
import { compileWhere, type CompileOptions } from "@/lib/segments/compile";
import { usesPredictions, usesRfm } from "@/lib/segments/count-prepare";
import { resolveDefinition, type SegmentDefinition } from "@/lib/segments/schema";
import { localDateOf, type LocalDate } from "@/lib/segments/time";
import { dependsOnToday, nowSources, type NowSources } from "./today";

const segmentRowSchema = z.object({
  id: z.string(),
  definition: z.unknown(),
  version: z.number().int(),
  memberCount: z.number().int().nullable(),
  membershipVersion: z.number().int().nullable(),
  membershipDay: z.string().nullable(),
  membershipEvaluatedAt: z.coerce.date().nullable(),
  membershipClockAt: z.coerce.date().nullable(),
});

/** A saved segment with its stored-membership columns and what its definition depends on. */
export interface SegmentState extends z.infer<typeof segmentRowSchema> {
  /** The parsed definition with its references, or null when it no longer validates. */
  parsed: SegmentDefinition | null;
  /** Segments it refers to, directly or through others. */
  references: string[];
  dependsOnToday: boolean;
  usesRfm: boolean;
  /** Has (itself or through a referenced segment) a condition on a prediction field. */
  usesPredictions: boolean;
  now: NowSources | null;
}

/** What applying membership in one workspace needs. */
export interface WorkspaceState {
  workspaceId: string;
  timeZone: string;
  today: LocalDate;
  now: Date;
  catalog: FieldCatalog;
  rfm: RfmContext;
  /** When the stored RFM scores were last refreshed (null: never). */
  rfmComputedAt: Date | null;
  /** When the stored predictions were last refreshed successfully (null: never). */
  predictionsComputedAt: Date | null;
  /** By id, in id order. */
  segments: Map<string, SegmentState>;
}

/** The stored membership of a segment is usable (SEGMENT invariant: the readers rely on it). */
export function isUsable(s: SegmentState, today: LocalDate): boolean {
  return s.memberCount !== null && s.membershipVersion === s.version && s.membershipDay === today;
}

/**
 * Writes can be applied to the segment's stored members: they reflect its current definition.
 * The day matters only for definitions that depend on today (the others are bumped to today).
 */
export function isDrainable(s: SegmentState, today: LocalDate): boolean {
  return s.parsed !== null && s.memberCount !== null && s.membershipVersion === s.version && (s.membershipDay === today || !s.dependsOnToday);
}

/**
 * The RFM context of stored membership: the last refresh's analysis date, rules and cut points,
 * so RFM conditions change only with a customer's own orders or with the next refresh (never
 * with other customers' writes, which move the live quantiles). No refresh yet: nobody is scored.
 */
async function storedRfmContext(tx: SqlDriver, workspaceId: string, timeZone: string, today: LocalDate): Promise<{ rfm: RfmContext; computedAt: Date | null }> {
  const [run] = await tx.query<{ analysisDate: string; computedAt: Date; cuts: RfmCuts | null; rules: unknown }>(
    `SELECT "analysisDate"::text AS "analysisDate", "computedAt", "cuts", "rules" FROM "RfmRun" WHERE "workspaceId" = $1`,
    [workspaceId],
  );
  if (!run) return { rfm: { analysisDate: today, timeZone, rules: rulesFromSettings({}), cuts: null }, computedAt: null };
  return {
    rfm: { analysisDate: run.analysisDate, timeZone, rules: rulesFromSettings({ rfm: { rules: run.rules } }), cuts: run.cuts },
    computedAt: new Date(run.computedAt),
  };
}

/** Reads the workspace's state at now; null when the workspace does not exist. */
export async function loadWorkspaceState(tx: SqlDriver, workspaceId: string, now: Date): Promise<WorkspaceState | null> {
  const [ws] = await tx.query<{ timeZone: string }>(`SELECT "timeZone" FROM "Workspace" WHERE "id" = $1`, [workspaceId]);
  if (!ws) return null;
  const today = localDateOf(now.getTime(), ws.timeZone);
  // One statement at a time: a transaction is one connection, and pg deprecates overlapping queries on it.
  const catalog = await getCatalog({ workspaceId }, tx);
  const rows = await tx.query(
    `SELECT "id"::text AS "id", "definition", "version", "memberCount", "membershipVersion", "membershipDay"::text AS "membershipDay",
            "membershipEvaluatedAt", "membershipClockAt"
       FROM "Segment" WHERE "workspaceId" = $1 ORDER BY "id"`,
    [workspaceId],
  );
  const { rfm, computedAt } = await storedRfmContext(tx, workspaceId, ws.timeZone, today);
  const [predictions] = await tx.query<{ computedAt: Date | null }>(`SELECT "computedAt" FROM "PredictionRun" WHERE "workspaceId" = $1`, [workspaceId]);
  const stored = rows.map((r) => segmentRowSchema.parse(r));
  const raw = new Map(stored.map((s) => [s.id.toLowerCase(), s.definition]));
  const resolveSegment = (id: string) => raw.get(id.toLowerCase());
  const parsedById = new Map<string, { definition: SegmentDefinition; references: string[] } | null>();
  for (const s of stored) {
    const result = resolveDefinition(s.definition, catalog, { resolveSegment, segmentId: s.id });
    parsedById.set(s.id, result.ok ? { definition: result.resolved.definition, references: [...result.resolved.references.keys()].map((k) => k.toLowerCase()) } : null);
  }
  const lookup = (id: string) => parsedById.get(id)?.definition;
  const segments = new Map<string, SegmentState>();
  for (const s of stored) {
    const p = parsedById.get(s.id) ?? null;
    const parsed = p?.definition ?? null;
    const all = parsed ? [parsed, ...p!.references.map(lookup).filter((d): d is SegmentDefinition => d !== undefined)] : [];
    segments.set(s.id, {
      ...s,
      parsed,
      references: p?.references ?? [],
      dependsOnToday: parsed ? dependsOnToday(parsed, lookup) : false,
      usesRfm: all.some(usesRfm),
      usesPredictions: all.some(usesPredictions),
      now: parsed ? nowSources(parsed, catalog, lookup) : null,
    });
  }
  const predictionsComputedAt = predictions?.computedAt ? new Date(predictions.computedAt) : null;
  return { workspaceId, timeZone: ws.timeZone, today, now, catalog, rfm, rfmComputedAt: computedAt, predictionsComputedAt, segments };
}

/** Compile options of the workspace's stored membership at its now. */
export function compileOptions(state: WorkspaceState): CompileOptions {
  const raw = new Map([...state.segments.values()].map((s) => [s.id.toLowerCase(), s.definition]));
  return { now: state.now, timeZone: state.timeZone, workspaceId: state.workspaceId, resolveSegment: (id) => raw.get(id.toLowerCase()), rfm: state.rfm };
}

/** The members' predicate of a segment (c in the workspace and the definition), as stored membership evaluates it. */
export function memberPredicate(state: WorkspaceState, segment: SegmentState): Prisma.Sql {
  if (!segment.parsed) throw new Error(`segment ${segment.id} has an invalid definition`);
  return compileWhere(segment.parsed, state.catalog, compileOptions(state));
}
