import { describe, expect, it } from "vitest";
import { buildCatalog } from "@/lib/fields/catalog";
import {
  addBlocked, addChild, draftFromDefinition, errorsByNode, groupDepth, isGroup, moveNode, newId, removeNode, toDefinition, updateNode,
  type DraftGroup, type DraftNode,
} from "./builder-tree";
import { parseDefinition, type SegmentDefinition } from "./schema";

const definition: SegmentDefinition = {
  version: 1,
  root: {
    type: "group", combinator: "and", negate: false,
    children: [
      { type: "field", field: "country", operator: "in", value: ["PL"] },
      { type: "orders", measure: "count", operator: "gte", value: 3, window: { type: "last", amount: 90, unit: "day" } },
      { type: "group", combinator: "or", negate: true, children: [{ type: "event", name: "cart_abandoned", operator: "gte", value: 1 }] },
    ],
  },
};

const field = (): DraftNode => ({ id: newId(), type: "field", field: "city", operator: "eq", value: "Oslo" });
const group = (children: DraftNode[] = []): DraftGroup => ({ id: newId(), type: "group", combinator: "and", negate: false, children });

describe("draft ↔ definition", () => {
  it("round-trips a definition and strips ids and undefined values", () => {
    const draft = draftFromDefinition(definition);
    expect(toDefinition(draft)).toEqual(definition);
    const withHole = addChild(draft, draft.id, { id: newId(), type: "field", field: "city", operator: "eq", value: undefined });
    expect((toDefinition(withHole).root as { children: object[] }).children[3]).toEqual({ type: "field", field: "city", operator: "eq" });
  });
  it("starts a new segment with an empty all-of group", () => {
    expect(toDefinition(draftFromDefinition(null))).toEqual({ version: 1, root: { type: "group", combinator: "and", negate: false, children: [] } });
  });
});

describe("tree operations", () => {
  it("adds, removes and leaves untouched branches shared", () => {
    const inner = group([field()]);
    const root = group([field(), inner]);
    const added = addChild(root, inner.id, field());
    expect((added.children[1] as DraftGroup).children).toHaveLength(2);
    expect(added.children[0]).toBe(root.children[0]);
    const removed = removeNode(added, (added.children[1] as DraftGroup).children[0].id);
    expect((removed.children[1] as DraftGroup).children).toHaveLength(1);
    expect(removeNode(root, "missing")).toBe(root);
  });
  it("moves a node up and down within its group, not past the ends", () => {
    const [a, b, c] = [field(), field(), field()];
    const root = group([a, b, c]);
    expect(moveNode(root, c.id, -1).children.map((n) => n.id)).toEqual([a.id, c.id, b.id]);
    expect(moveNode(root, a.id, 1).children.map((n) => n.id)).toEqual([b.id, a.id, c.id]);
    expect(moveNode(root, a.id, -1)).toBe(root);
    expect(moveNode(root, c.id, 1)).toBe(root);
  });
  it("switches all/any and negates a group", () => {
    const inner = group([field()]);
    const root = group([inner]);
    const next = updateNode(root, inner.id, (g) => (isGroup(g) ? { ...g, combinator: "or", negate: true } : g));
    expect(next.children[0]).toMatchObject({ combinator: "or", negate: true });
    expect(root.children[0]).toMatchObject({ combinator: "and", negate: false });
  });
  it("refuses a sixth level of groups and explains why", () => {
    let root = group();
    let parent = root.id;
    for (let level = 2; level <= 5; level++) {
      const g = group();
      root = addChild(root, parent, g);
      parent = g.id;
    }
    expect(groupDepth(root, parent)).toBe(5);
    expect(addBlocked(root, parent, "group")).toMatch(/at most 5 levels/);
    expect(addBlocked(root, parent, "condition")).toBeNull();
    expect(addBlocked(root, root.id, "group")).toBeNull();
  });
  it("refuses a 51st condition in one group", () => {
    const root = group(Array.from({ length: 50 }, field));
    expect(addBlocked(root, root.id, "condition")).toMatch(/at most 50/);
  });
});

describe("errorsByNode", () => {
  const catalog = buildCatalog([]);
  it("places parseDefinition's issues on the nodes they name", () => {
    const draft = draftFromDefinition(definition);
    const inner = draft.children[2] as DraftGroup;
    const fieldBroken = updateNode(draft, draft.children[0].id, (n) => ({ ...n, value: [] }));
    const first = parseDefinition(toDefinition(fieldBroken), catalog);
    expect(first.ok).toBe(false);
    if (first.ok) return;
    const errors = errorsByNode(fieldBroken, first.errors);
    expect(errors.get(draft.children[0].id)).toEqual([{ part: "value", message: "must list at least one value" }]);
    expect(errors.has(draft.id)).toBe(false);
    const eventBroken = updateNode(draft, inner.children[0].id, (n) => ({ ...n, value: -1 }));
    const second = parseDefinition(toDefinition(eventBroken), catalog);
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(errorsByNode(eventBroken, second.errors).get(inner.children[0].id)).toEqual([{ part: "value", message: "must not be negative" }]);
  });
  it("puts an empty group's error on the group and whole-definition errors on the root", () => {
    const inner = group();
    const root = group([inner]);
    const parsed = parseDefinition(toDefinition(root), catalog);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const errors = errorsByNode(root, parsed.errors);
    expect(errors.get(inner.id)?.[0]).toEqual({ part: "children", message: "a group needs at least one condition" });
    expect(errorsByNode(root, [{ path: "definition", message: "bad" }]).get(root.id)).toEqual([{ part: "", message: "bad" }]);
  });
});
