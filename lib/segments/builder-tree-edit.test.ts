import { describe, expect, it } from "vitest";
import {
  countConditions, draftFromDefinition, duplicateNode, focusAfterRemoval, isGroup, isNegatedCondition, moveNodeTo, newId,
  setConditionNegated, toDefinition, withoutNodes, type DraftGroup, type DraftNode,
} from "./builder-tree";
import type { SegmentDefinition } from "./schema";

const field = (city: string): DraftNode => ({ id: newId(), type: "field", field: "city", operator: "eq", value: city });
const group = (children: DraftNode[], negate = false): DraftGroup => ({ id: newId(), type: "group", combinator: "and", negate, children });
const cities = (g: DraftGroup) => g.children.map((c) => (isGroup(c) ? "group" : c.value));

describe("duplicate", () => {
  it("inserts a deep copy with fresh ids right after the original", () => {
    const inner = group([field("Oslo"), field("Rome")]);
    const root = group([field("Paris"), inner, field("Lima")]);
    const { root: next, copyId } = duplicateNode(root, inner.id);
    expect(cities(next)).toEqual(["Paris", "group", "group", "Lima"]);
    const copy = next.children[2] as DraftGroup;
    expect(copy.id).toBe(copyId);
    expect(copy.id).not.toBe(inner.id);
    expect(copy.children.map((c) => c.id)).not.toEqual(inner.children.map((c) => c.id));
    expect(toDefinition({ ...root, children: [copy] })).toEqual(toDefinition({ ...root, children: [inner] }));
    expect(duplicateNode(root, "missing").copyId).toBeNull();
  });
});

describe("NOT on a condition", () => {
  it("is a negated group of one in the format, and round-trips through a saved definition", () => {
    const paris = field("Paris");
    const root = group([paris, field("Lima")]);
    const negated = setConditionNegated(root, paris.id, true);
    const wrapper = negated.children[0];
    expect(isNegatedCondition(wrapper)).toBe(true);
    const saved = toDefinition(negated) as SegmentDefinition;
    expect(saved.root.children[0]).toEqual({ type: "group", combinator: "and", negate: true, children: [{ type: "field", field: "city", operator: "eq", value: "Paris" }] });
    const reopened = draftFromDefinition(JSON.parse(JSON.stringify(saved)));
    expect(isNegatedCondition(reopened.children[0])).toBe(true);
    const off = setConditionNegated(reopened, reopened.children[0].id, false);
    expect(toDefinition(off)).toEqual(toDefinition(root));
    expect(countConditions(negated)).toBe(2);
  });
  it("does not treat a negated group of several conditions as a negated condition", () => {
    expect(isNegatedCondition(group([field("a"), field("b")], true))).toBe(false);
    expect(isNegatedCondition(group([group([field("a")])], true))).toBe(false);
    // A group the user built and negated stays a group while it has one condition (its checkbox stays put).
    expect(isNegatedCondition(group([field("a")], true))).toBe(false);
  });
});

describe("drag and drop moves", () => {
  it("moves a node into another group at a position, and refuses moving a group into itself", () => {
    const a = field("A");
    const inner = group([field("B")]);
    const root = group([a, inner, field("C")]);
    const moved = moveNodeTo(root, a.id, inner.id, 1);
    expect(cities(moved)).toEqual(["group", "C"]);
    expect(cities(moved.children[0] as DraftGroup)).toEqual(["B", "A"]);
    expect(moveNodeTo(root, inner.id, inner.id, 0)).toBe(root);
    const reordered = moveNodeTo(root, a.id, root.id, 2);
    expect(cities(reordered)).toEqual(["group", "C", "A"]);
  });
});

describe("counting the finished part", () => {
  it("drops unfinished conditions and the groups they empty", () => {
    const blank = field("");
    const lone = field("x");
    const root = group([field("A"), blank, group([lone])]);
    const pruned = withoutNodes(root, new Set([blank.id, lone.id]));
    expect(cities(pruned)).toEqual(["A"]);
  });
});

describe("focus after removal", () => {
  it("goes to the next sibling, else the previous, else the group's add button", () => {
    const [a, b] = [field("A"), field("B")];
    const inner = group([field("only")]);
    const root = group([a, b, inner]);
    expect(focusAfterRemoval(root, a.id)).toEqual({ nodeId: b.id });
    expect(focusAfterRemoval(root, inner.id)).toEqual({ nodeId: b.id });
    expect(focusAfterRemoval(root, inner.children[0].id)).toEqual({ addTo: inner.id });
  });
});
