import { describe, expect, it } from "vitest";
import { commit, HISTORY_LIMIT, MERGE_MS, redo, startHistory, undo } from "./builder-history";

describe("undo / redo history", () => {
  it("undoes and redoes steps in order, and a new edit clears redo", () => {
    let h = startHistory("a");
    h = commit(h, "b", null, 0);
    h = commit(h, "c", null, 10);
    expect(undo(h).present).toBe("b");
    expect(undo(undo(h)).present).toBe("a");
    expect(undo(undo(undo(h))).present).toBe("a");
    expect(redo(undo(undo(h))).present).toBe("b");
    const branched = commit(undo(h), "d", null, 20);
    expect(branched.present).toBe("d");
    expect(redo(branched)).toBe(branched);
    expect(undo(branched).present).toBe("b");
  });

  it("merges quick edits of the same node into one step, but not edits of different nodes or slow ones", () => {
    let h = startHistory("");
    h = commit(h, "P", "n1", 0);
    h = commit(h, "Po", "n1", 200);
    h = commit(h, "Pol", "n1", 400);
    expect(h.past).toEqual([""]);
    expect(undo(h).present).toBe("");
    h = commit(h, "Pol+x", "n2", 500);
    expect(h.past).toEqual(["", "Pol"]);
    h = commit(h, "Pol+xy", "n2", 500 + MERGE_MS + 1);
    expect(h.past).toEqual(["", "Pol", "Pol+x"]);
  });

  it("keeps a bounded number of steps and ignores a commit of the same value", () => {
    let h = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 20; i++) h = commit(h, i, null, i);
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(commit(h, h.present)).toBe(h);
  });
});
