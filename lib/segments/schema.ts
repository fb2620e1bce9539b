/**
 * Version 1 segment definitions: the recursive zod schema, the checks against the field
 * catalog and the operator registry, the limits, and segment references (resolved, cycles and
 * depth rejected). Every rejection names the node ("root.children[2].value") and what is wrong.
 */
import { z } from "zod";
import type { FieldCatalog } from "@/lib/fields/catalog";
import { LIMITS } from "./limits";
import { checkFieldNode } from "./nodes/field";
import { groupNodeSchema, type ConditionNode, type GroupNode } from "./nodes/group";
import { normalizeCodes } from "./normalize";
import type { SegmentResolver } from "./nodes/segment";

export type { ConditionNode, GroupNode } from "./nodes/group";
export type { FieldNode } from "./nodes/field";
export type { OrdersNode } from "./nodes/orders";
export type { EventNode } from "./nodes/event";
export type { SegmentNode, SegmentResolver } from "./nodes/segment";
export type { Window } from "./nodes/window";

/** The structural schema of a version 1 definition (catalog checks are in parseDefinition). */
export const definitionSchema = z.strictObject(
  {
    version: z.literal(1, { error: "version must be 1 (the only version this app reads)" }),
    root: groupNodeSchema,
  },
  { error: 'a definition must be an object { "version": 1, "root": { … } }' },
);

/** A parsed version 1 definition. */
export interface SegmentDefinition {
  version: 1;
  root: GroupNode;
}

/** One reason a definition is rejected. */
export interface DefinitionIssue {
  /** The node and key, e.g. "root.children[2].value"; "definition" for the whole. */
  path: string;
  message: string;
}

/** parseDefinition's answer: the definition, or every problem found. */
export type ParseResult = { ok: true; definition: SegmentDefinition } | { ok: false; errors: DefinitionIssue[] };

/** What parsing needs besides the input and the catalog. */
export interface ParseOptions {
  /** Stored definitions of the workspace's segments, for segment conditions. */
  resolveSegment?: SegmentResolver;
  /** The id of the segment being saved, so a reference back to it is a cycle. */
  segmentId?: string;
}

/** A definition with the definitions of every segment it references (transitively), parsed. */
export interface ResolvedDefinition {
  definition: SegmentDefinition;
  references: ReadonlyMap<string, SegmentDefinition>;
}

/** Formats a zod path: ["root", "children", 2, "value"] → "root.children[2].value". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : `${out ? "." : ""}${String(p)}`;
  return out || "definition";
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Size and depth limits, checked iteratively before the recursive schema sees the input. */
function checkLimits(input: unknown): DefinitionIssue[] {
  if (!isObject(input) || !isObject(input.root)) return [];
  let nodes = 0;
  const stack: { node: unknown; path: string; depth: number }[] = [{ node: input.root, path: "root", depth: 1 }];
  while (stack.length > 0) {
    const { node, path, depth } = stack.pop()!;
    nodes += 1;
    if (nodes > LIMITS.nodes) return [{ path: "root", message: `a definition has at most ${LIMITS.nodes} nodes` }];
    if (!isObject(node) || !Array.isArray(node.children)) continue;
    if (depth > LIMITS.groupDepth) return [{ path, message: `groups nest at most ${LIMITS.groupDepth} levels deep` }];
    if (node.children.length > LIMITS.nodes) return [{ path: "root", message: `a definition has at most ${LIMITS.nodes} nodes` }];
    node.children.forEach((child, i) => stack.push({ node: child, path: `${path}.children[${i}]`, depth: depth + 1 }));
  }
  return [];
}

function zodIssues(error: z.ZodError): DefinitionIssue[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    if (issue.code === "invalid_type" && issue.input === undefined) return { path, message: "is required" };
    if (issue.code === "unrecognized_keys") return { path, message: `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}` };
    return { path, message: issue.message };
  });
}

/** Calls visit for every node with its path, depth first in document order. */
export function walkNodes(node: ConditionNode, path: string, visit: (node: ConditionNode, path: string) => void): void {
  visit(node, path);
  if (node.type === "group") node.children.forEach((child, i) => walkNodes(child, `${path}.children[${i}]`, visit));
}

/** Structure, limits and catalog checks of one definition (no references). */
function parseOne(input: unknown, catalog: FieldCatalog): ParseResult {
  const limits = checkLimits(input);
  if (limits.length > 0) return { ok: false, errors: limits };
  const parsed = definitionSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: zodIssues(parsed.error) };
  // Names of coded values ("Poland") become codes before the checks, so every caller counts the same.
  const normalized = normalizeCodes(parsed.data.root, catalog);
  const definition: SegmentDefinition = { version: parsed.data.version, root: normalized.root };
  const errors: DefinitionIssue[] = [...normalized.issues];
  walkNodes(definition.root, "root", (node, path) => {
    if (node.type !== "field") return;
    for (const issue of checkFieldNode(node, { catalog })) errors.push({ path: formatPath([path, ...issue.path]), message: issue.message });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, definition };
}

function countNodes(root: GroupNode): number {
  let n = 0;
  walkNodes(root, "root", () => (n += 1));
  return n;
}

/** Parses a definition and every segment it references; see parseDefinition. */
export function resolveDefinition(input: unknown, catalog: FieldCatalog, options: ParseOptions = {}): { ok: true; resolved: ResolvedDefinition } | { ok: false; errors: DefinitionIssue[] } {
  const top = parseOne(input, catalog);
  if (!top.ok) return top;
  const references = new Map<string, SegmentDefinition>();
  const done = new Map<string, { height: number; size: number }>();
  const errors: DefinitionIssue[] = [];
  const active: string[] = options.segmentId ? [options.segmentId] : [];

  // Depth-first over references: returns the reference height and inlined size of a definition.
  const visit = (definition: SegmentDefinition, report: (path: string, message: string) => void): { height: number; size: number } => {
    let height = 0;
    let size = countNodes(definition.root);
    walkNodes(definition.root, "root", (node, path) => {
      if (node.type !== "segment") return;
      const at = `${path}.segmentId`;
      const id = node.segmentId;
      if (active.includes(id)) return report(at, `segment reference cycle: ${[...active.slice(active.indexOf(id)), id].join(" → ")}`);
      let info = done.get(id);
      if (!info) {
        const raw = options.resolveSegment?.(id);
        if (raw === undefined || raw === null) return report(at, `unknown segment ${id}`);
        const parsed = parseOne(raw, catalog);
        if (!parsed.ok) return report(at, `segment ${id} is invalid: ${parsed.errors[0].path}: ${parsed.errors[0].message}`);
        active.push(id);
        info = visit(parsed.definition, (_p, message) => report(at, `in segment ${id}: ${message}`));
        active.pop();
        references.set(id, parsed.definition);
        done.set(id, info);
      }
      height = Math.max(height, info.height + 1);
      size += info.size;
    });
    return { height, size };
  };

  const { height, size } = visit(top.definition, (path, message) => errors.push({ path, message }));
  if (errors.length === 0 && height > LIMITS.referenceDepth) errors.push({ path: "root", message: `segment references nest at most ${LIMITS.referenceDepth} levels deep` });
  if (errors.length === 0 && size > LIMITS.expandedNodes) errors.push({ path: "root", message: `with referenced segments inlined, a definition has at most ${LIMITS.expandedNodes} nodes` });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, resolved: { definition: top.definition, references } };
}

/**
 * Parses a version 1 definition against a workspace's catalog: structure, limits, fields,
 * operators, values, and segment references (via options.resolveSegment; cycles rejected).
 */
export function parseDefinition(input: unknown, catalog: FieldCatalog, options: ParseOptions = {}): ParseResult {
  const result = resolveDefinition(input, catalog, options);
  return result.ok ? { ok: true, definition: result.resolved.definition } : result;
}
