import { describe, expect, it } from "vitest";
import { z } from "zod";
import { bodyProblems, jsonPointer, parameterProblems } from "./pointer";

describe("JSON pointers of problems", () => {
  it("escape ~ and / as RFC 6901 says", () => {
    expect(jsonPointer(["data", 1, "email"])).toBe("/data/1/email");
    expect(jsonPointer(["a/b", "m~n"])).toBe("/a~1b/m~0n");
    expect(jsonPointer([])).toBe("");
  });

  it("list every issue of a body, under a base path", () => {
    const schema = z.object({ email: z.email("not an email"), age: z.number("a number") });
    const result = schema.safeParse({ email: "x", age: "y" });
    expect(result.success).toBe(false);
    expect(bodyProblems(result.error!, ["data", 2])).toEqual([
      { pointer: "/data/2/email", message: "not an email" },
      { pointer: "/data/2/age", message: "a number" },
    ]);
  });

  it("name query parameters", () => {
    const result = z.object({ limit: z.number().max(200, "at most 200") }).safeParse({ limit: 500 });
    expect(parameterProblems(result.error!)).toEqual([{ parameter: "limit", message: "at most 200" }]);
  });
});
