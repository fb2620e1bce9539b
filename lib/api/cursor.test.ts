import { describe, expect, it } from "vitest";
import { ApiProblem } from "./problem";
import { decodeCursor, encodeCursor } from "./cursor";

describe("cursors", () => {
  it("round-trip the sort key within their scope", () => {
    const cursor = encodeCursor("w1:customers", ["2026-12-02T10:00:00.000Z", "0b7c…"]);
    expect(decodeCursor("w1:customers", cursor)).toEqual(["2026-12-02T10:00:00.000Z", "0b7c…"]);
  });

  it("refuse another workspace's or list's cursor, a forged one and garbage with a 400", () => {
    const cursor = encodeCursor("w1:customers", ["a"]);
    const forged = `${Buffer.from(JSON.stringify(["z"])).toString("base64url")}.${cursor.split(".")[1]}`;
    for (const [scope, value] of [["w2:customers", cursor], ["w1:segments", cursor], ["w1:customers", forged], ["w1:customers", "abc"], ["w1:customers", ""], ["w1:customers", "a.b.c"]] as const) {
      let caught: unknown;
      try {
        decodeCursor(scope, value);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ApiProblem);
      expect((caught as ApiProblem).status).toBe(400);
    }
  });
});
