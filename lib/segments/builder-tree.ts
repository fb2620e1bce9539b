/**
 * The rule builder's editable tree: a definition whose nodes carry a stable id (for React keys and
 * focus) and whose values may be incomplete while the user types. Pure and client-safe; every
 * operation returns a new tree and leaves untouched nodes as they were.
 */
import { LIMITS } from "./limits";
import type { ConditionNode, DefinitionIssue, GroupNode, SegmentDefinition } from "./schema";

type Condition = Exclude<ConditionNode, { type: "group" }>;

/** A condition as edited: the definition's fields, loosely typed (values may still be missing). */
export type DraftCondition = { id: string; type: Condition["type"] } & Record<string, unknown>;

/** A group as edited. */
export interface DraftGroup {
  id: string;
  type: "group";
  combinator: "and" | "or";
  negate: boolean;
  children: DraftNode[];
  /**
   * Drawn as its one condition with the NOT switch on (never saved). Set for a NOT made with the switch and for
   * a stored negated group of one condition; a group the user made and negated stays a group while they edit.
   */
  asNot?: boolean;
}

export type DraftNode = DraftGroup | DraftCondition;

let counter = 0;
/** A new node id, unique within the page. */
export function newId(): string {
  counter += 1;
  return `n${counter}`;
}

export function isGroup(node: DraftNode): node is DraftGroup {
  return node.type === "group";
}

/** A draft from a stored definition (ids added). */
export function toDraft(node: GroupNode | ConditionNode): DraftNode {
  if (node.type === "group") {
    const asNot = (node.negate ?? false) && node.children.length === 1 && node.children[0].type !== "group";
    return { id: newId(), type: "group", combinator: node.combinator, negate: node.negate ?? false, children: node.children.map(toDraft), ...(asNot ? { asNot } : {}) };
  }
  return { ...(node as Record<string, unknown>), id: newId(), type: node.type } as DraftCondition;
}

/** The root draft of a definition, or an empty "all of" group for a new segment. */
export function draftFromDefinition(definition: SegmentDefinition | null): DraftGroup {
  if (!definition) return { id: newId(), type: "group", combinator: "and", negate: false, children: [] };
  return toDraft(definition.root) as DraftGroup;
}

/** The definition a draft stands for (ids and undefined keys removed); parse it before trusting it. */
export function toDefinition(root: DraftGroup): { version: 1; root: unknown } {
  const strip = (node: DraftNode): unknown => {
    if (isGroup(node)) return { type: "group", combinator: node.combinator, negate: node.negate, children: node.children.map(strip) };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (k !== "id" && v !== undefined) out[k] = v;
    return out;
  };
  return { version: 1, root: strip(root) };
}

/** Applies fn to the node with this id; returns the new tree (the same tree when no node matched). */
export function updateNode(root: DraftGroup, id: string, fn: (node: DraftNode) => DraftNode): DraftGroup {
  const visit = (node: DraftNode): DraftNode => {
    if (node.id === id) return fn(node);
    if (!isGroup(node)) return node;
    const children = node.children.map(visit);
    return children.some((c, i) => c !== node.children[i]) ? { ...node, children } : node;
  };
  return visit(root) as DraftGroup;
}

/** Adds a node at the end of the group with this id. */
export function addChild(root: DraftGroup, groupId: string, child: DraftNode): DraftGroup {
  return updateNode(root, groupId, (g) => (isGroup(g) ? { ...g, children: [...g.children, child] } : g));
}

/** Removes the node with this id (the root stays). */
export function removeNode(root: DraftGroup, id: string): DraftGroup {
  const visit = (g: DraftGroup): DraftGroup => {
    if (!g.children.some((c) => c.id === id || isGroup(c))) return g;
    const children = g.children.filter((c) => c.id !== id).map((c) => (isGroup(c) ? visit(c) : c));
    return children.length === g.children.length && children.every((c, i) => c === g.children[i]) ? g : { ...g, children };
  };
  return visit(root);
}

/** Moves the node with this id one place up (-1) or down (+1) among its siblings; no-op at an end. */
export function moveNode(root: DraftGroup, id: string, by: -1 | 1): DraftGroup {
  const parent = findParent(root, id);
  if (!parent) return root;
  const i = parent.children.findIndex((c) => c.id === id);
  const j = i + by;
  if (j < 0 || j >= parent.children.length) return root;
  const children = [...parent.children];
  [children[i], children[j]] = [children[j], children[i]];
  return updateNode(root, parent.id, (g) => ({ ...(g as DraftGroup), children }));
}

/** The group holding the node with this id. */
export function findParent(root: DraftGroup, id: string): DraftGroup | null {
  for (const c of root.children) {
    if (c.id === id) return root;
    if (isGroup(c)) {
      const found = findParent(c, id);
      if (found) return found;
    }
  }
  return null;
}

/** Nesting level of the group with this id (the root is 1), or 0 when absent. */
export function groupDepth(root: DraftGroup, id: string, depth = 1): number {
  if (root.id === id) return depth;
  for (const c of root.children) {
    if (isGroup(c)) {
      const d = groupDepth(c, id, depth + 1);
      if (d > 0) return d;
    }
  }
  return 0;
}

/** All nodes of the tree, groups included. */
export function countNodes(root: DraftNode): number {
  return isGroup(root) ? 1 + root.children.reduce((n, c) => n + countNodes(c), 0) : 1;
}

/** Why a new condition or group cannot be added to this group, or null when it can. */
export function addBlocked(root: DraftGroup, groupId: string, kind: "condition" | "group"): string | null {
  const group = findGroup(root, groupId);
  if (!group) return "This group no longer exists.";
  if (group.children.length >= LIMITS.children) return `A group holds at most ${LIMITS.children} conditions.`;
  if (countNodes(root) >= LIMITS.nodes) return `A segment holds at most ${LIMITS.nodes} conditions and groups.`;
  if (kind === "group" && groupDepth(root, groupId) >= LIMITS.groupDepth) {
    return `Groups nest at most ${LIMITS.groupDepth} levels deep, and this group is already at level ${LIMITS.groupDepth}.`;
  }
  return null;
}

function findGroup(root: DraftGroup, id: string): DraftGroup | null {
  if (root.id === id) return root;
  for (const c of root.children) {
    if (isGroup(c)) {
      const g = findGroup(c, id);
      if (g) return g;
    }
  }
  return null;
}

/** Node ids by definition path ("root", "root.children[0]", …). */
export function idsByPath(root: DraftGroup): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (node: DraftNode, path: string) => {
    out.set(path, node.id);
    if (isGroup(node)) node.children.forEach((c, i) => visit(c, `${path}.children[${i}]`));
  };
  visit(root, "root");
  return out;
}

/** An issue placed on a node: which part of it ("value", "window.amount", "" for the node) and what is wrong. */
export interface NodeError {
  part: string;
  message: string;
}

const NODE_PATH = /^root(?:\.children\[\d+\])*/;

/**
 * Places parseDefinition's issues on the draft's nodes: "root.children[2].value" goes to the third
 * child of the root, part "value". Issues that name no node (e.g. "definition") go under "root".
 */
export function errorsByNode(root: DraftGroup, issues: readonly DefinitionIssue[]): Map<string, NodeError[]> {
  const ids = idsByPath(root);
  const out = new Map<string, NodeError[]>();
  for (const issue of issues) {
    const match = NODE_PATH.exec(issue.path);
    let nodePath = match ? match[0] : "root";
    // A path into a group's children list past its end (or a removed node) falls back to the nearest node.
    while (!ids.has(nodePath) && nodePath !== "root") nodePath = nodePath.replace(/\.children\[\d+\]$/, "");
    const part = match && nodePath === match[0] ? issue.path.slice(match[0].length).replace(/^\./, "") : "";
    const id = ids.get(nodePath)!;
    out.set(id, [...(out.get(id) ?? []), { part, message: issue.message }]);
  }
  return out;
}

function cloneWithNewIds(node: DraftNode): DraftNode {
  if (isGroup(node)) return { ...node, id: newId(), children: node.children.map(cloneWithNewIds) };
  return { ...structuredClone(node), id: newId() };
}

/** Inserts a copy of the node with this id (fresh ids throughout) right after it; returns the tree and the copy's id. */
export function duplicateNode(root: DraftGroup, id: string): { root: DraftGroup; copyId: string | null } {
  const parent = findParent(root, id);
  if (!parent) return { root, copyId: null };
  const i = parent.children.findIndex((c) => c.id === id);
  const copy = cloneWithNewIds(parent.children[i]);
  const children = [...parent.children.slice(0, i + 1), copy, ...parent.children.slice(i + 1)];
  return { root: updateNode(root, parent.id, (g) => ({ ...(g as DraftGroup), children })), copyId: copy.id };
}

/**
 * Whether a node is a negated condition as the builder shows it: in the format a NOT of one condition is a
 * negated group holding just that condition, drawn as the condition with its NOT switch on.
 */
export function isNegatedCondition(node: DraftNode): node is DraftGroup & { children: [DraftCondition] } {
  return isGroup(node) && !!node.asNot && node.negate && node.children.length === 1 && !isGroup(node.children[0]);
}

/** Turns the NOT switch of the condition with this id on (wraps it in a negated group of one) or off (unwraps it). */
export function setConditionNegated(root: DraftGroup, id: string, negate: boolean): DraftGroup {
  const parent = findParent(root, id);
  if (!parent) return root;
  const node = parent.children.find((c) => c.id === id)!;
  if (negate && !isGroup(node)) return updateNode(root, id, () => ({ id: newId(), type: "group", combinator: "and", negate: true, children: [node], asNot: true }));
  if (!negate && isNegatedCondition(node)) return updateNode(root, id, () => node.children[0]);
  return root;
}

function contains(node: DraftNode, id: string): boolean {
  return node.id === id || (isGroup(node) && node.children.some((c) => contains(c, id)));
}

/**
 * Moves the node with this id into the group targetGroupId at position index (counted in the target after the
 * node has left its place). Refused (same tree back) when the target is the node itself or inside it, or when a
 * moved group would nest deeper than the limit.
 */
export function moveNodeTo(root: DraftGroup, id: string, targetGroupId: string, index: number): DraftGroup {
  const node = findById(root, id);
  const target = findById(root, targetGroupId);
  if (!node || !target || !isGroup(target) || contains(node, targetGroupId) || node.id === root.id) return root;
  if (isGroup(node) && groupDepth(root, targetGroupId) + subtreeDepth(node) > LIMITS.groupDepth) return root;
  const without = removeNode(root, id);
  return updateNode(without, targetGroupId, (g) => {
    const children = [...(g as DraftGroup).children];
    children.splice(Math.max(0, Math.min(index, children.length)), 0, node);
    return { ...(g as DraftGroup), children };
  });
}

function subtreeDepth(node: DraftNode): number {
  return isGroup(node) ? 1 + Math.max(0, ...node.children.map(subtreeDepth)) : 0;
}

/** The node with this id anywhere in the tree (the root included). */
export function findById(root: DraftNode, id: string): DraftNode | null {
  if (root.id === id) return root;
  if (!isGroup(root)) return null;
  for (const c of root.children) {
    const found = findById(c, id);
    if (found) return found;
  }
  return null;
}

/** The tree without the nodes with these ids; groups left empty by it go too (the root stays). */
export function withoutNodes(root: DraftGroup, ids: ReadonlySet<string>): DraftGroup {
  const visit = (g: DraftGroup): DraftGroup => {
    const children = g.children
      .filter((c) => !ids.has(c.id))
      .map((c) => (isGroup(c) ? visit(c) : c))
      .filter((c) => !isGroup(c) || c.children.length > 0);
    return { ...g, children };
  };
  return visit(root);
}

/** The conditions of a tree (groups not counted; a negated condition counts once). */
export function countConditions(root: DraftNode): number {
  return isGroup(root) ? root.children.reduce((n, c) => n + countConditions(c), 0) : 1;
}

/** Where focus should go after the node with this id is removed: the next sibling, else the previous, else its group. */
export function focusAfterRemoval(root: DraftGroup, id: string): { nodeId: string } | { addTo: string } {
  const parent = findParent(root, id);
  if (!parent) return { addTo: root.id };
  const i = parent.children.findIndex((c) => c.id === id);
  const next = parent.children[i + 1] ?? parent.children[i - 1];
  return next ? { nodeId: next.id } : { addTo: parent.id };
}

/** How the builder numbers nodes for people ("1.2" is the second rule of the segment); a negated condition shares its wrapper's number. */
export function displayPaths(root: DraftGroup): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (node: DraftNode, path: string) => {
    out.set(node.id, path);
    if (isNegatedCondition(node)) out.set(node.children[0].id, path);
    else if (isGroup(node)) node.children.forEach((c, i) => visit(c, `${path}.${i + 1}`));
  };
  visit(root, "1");
  return out;
}
