import { describe, expect, it } from "vitest";
import { countWarnings } from "./count-warnings";

describe("countWarnings", () => {
  it("warns about nobody, everybody and too small, and not about a workable size", () => {
    expect(countWarnings(0, 5000)).toEqual([expect.stringMatching(/matches nobody/)]);
    expect(countWarnings(5000, 5000)).toEqual([expect.stringMatching(/matches every customer/)]);
    expect(countWarnings(49, 1000)).toEqual([expect.stringMatching(/Too small to act on: 49 people/)]);
    expect(countWarnings(60, 10_000)).toEqual([expect.stringMatching(/Too small.*0\.6%/)]);
    expect(countWarnings(50, 1000)).toEqual([]);
    expect(countWarnings(100, 10_000)).toEqual([]);
    expect(countWarnings(0, 0)).toEqual([expect.stringMatching(/no customers yet/)]);
  });
});
