import { describe, expect, test } from "vitest";
import { escapeLike, foldCase, likePattern } from "./text";

describe("LIKE patterns", () => {
  test("%, _ and \\ are escaped so they match only themselves", () => {
    expect(escapeLike("50%_off\\now")).toBe("50\\%\\_off\\\\now");
    expect(escapeLike("plain")).toBe("plain");
  });

  test("patterns for contains, starts and ends", () => {
    expect(likePattern("a%b", "contains")).toBe("%a\\%b%");
    expect(likePattern("a_b", "starts")).toBe("a\\_b%");
    expect(likePattern("a\\b", "ends")).toBe("%a\\\\b");
  });
});

describe("case folding", () => {
  test("lower-cases one code point at a time, like PostgreSQL's lower()", () => {
    expect(foldCase("ÄÖÜ ŁÓDŹ Straße")).toBe("äöü łódź straße");
    expect(foldCase("ΟΔΟΣ")).toBe("οδοσ");
    expect(foldCase("İstanbul")).toBe("istanbul");
    expect(foldCase("MIXED 😀 Case")).toBe("mixed 😀 case");
  });
});
