/**
 * Names → codes in a parsed definition, once for every caller (builder, saved segments, API, CLI):
 * a country or language compared for equality may be written by name ("Poland", "Polish") and is
 * rewritten to its code; a value that is neither a code nor a known name is refused naming a code,
 * so "Poland" never silently counts zero.
 */
import { findField, type FieldCatalog } from "@/lib/fields/catalog";
import { CODE_PARSERS } from "@/lib/fields/value-codes";
import type { ConditionNode, GroupNode } from "./nodes/group";
import type { FieldNode, NodeIssue } from "./nodes/field";

// Operators whose value is a whole stored value (patterns such as contains stay as written).
const EQUALITY = new Set(["eq", "neq", "in", "not_in"]);

/** One field node with coded values read as codes, and a problem per value that names nothing. */
export function normalizeFieldNode(node: FieldNode, catalog: FieldCatalog): { node: FieldNode; issues: NodeIssue[] } {
  const field = findField(catalog, node.field);
  const parse = field && field.source.kind === "column" && Object.hasOwn(CODE_PARSERS, field.key) ? CODE_PARSERS[field.key] : undefined;
  if (!parse || !EQUALITY.has(node.operator)) return { node, issues: [] };
  const issues: NodeIssue[] = [];
  const read = (v: unknown, path: (string | number)[]) => {
    if (typeof v !== "string" || v.trim() === "") return v; // the value schema reports shape problems
    const r = parse(v);
    if (r.ok) return r.code;
    issues.push({ path, message: r.message });
    return v;
  };
  const value = Array.isArray(node.value) ? node.value.map((v, i) => read(v, ["value", i])) : read(node.value, ["value"]);
  return { node: { ...node, value }, issues };
}

/** The tree with every coded field value as its code; issues carry the node path ("root.children[0].value"). */
export function normalizeCodes(root: GroupNode, catalog: FieldCatalog): { root: GroupNode; issues: { path: string; message: string }[] } {
  const issues: { path: string; message: string }[] = [];
  const visit = (node: ConditionNode, path: string): ConditionNode => {
    if (node.type === "group") return { ...node, children: node.children.map((c, i) => visit(c, `${path}.children[${i}]`)) };
    if (node.type !== "field") return node;
    const r = normalizeFieldNode(node, catalog);
    for (const issue of r.issues) issues.push({ path: [path, ...issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`))].join(""), message: issue.message });
    return r.node;
  };
  return { root: visit(root, "root") as GroupNode, issues };
}
