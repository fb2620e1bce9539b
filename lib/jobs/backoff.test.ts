import { describe, expect, it } from "vitest";
import { backoffMs } from "./backoff";

describe("backoffMs", () => {
  it("doubles from 10 s and stops at an hour", () => {
    expect([1, 2, 3, 4, 9, 10, 50].map(backoffMs)).toEqual([10_000, 20_000, 40_000, 80_000, 2_560_000, 3_600_000, 3_600_000]);
  });
});
