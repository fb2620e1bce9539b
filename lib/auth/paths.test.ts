import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./paths";
import { suggestSlug } from "./slug";

describe("safeCallbackPath", () => {
  it("keeps local paths with query and hash", () => {
    expect(safeCallbackPath("/w/demo/members?x=1#top")).toBe("/w/demo/members?x=1#top");
    expect(safeCallbackPath("/")).toBe("/");
  });

  it.each([
    "https://evil.example/w/demo",
    "//evil.example/x",
    "/\\evil.example",
    "javascript:alert(1)",
    "w/demo",
    "",
    "/\t/evil.example",
    "/login",
    "/signup?x=1",
  ])("turns %j into /", (raw) => {
    expect(safeCallbackPath(raw)).toBe("/");
  });

  it("handles missing values", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(null)).toBe("/");
  });
});

describe("suggestSlug", () => {
  it("makes an address from a name", () => {
    expect(suggestSlug("Acme Marketing EU")).toBe("acme-marketing-eu");
    expect(suggestSlug("  Café Zürich & Co. ")).toBe("cafe-zurich-co");
    expect(suggestSlug("---")).toBe("");
    expect(suggestSlug("x".repeat(39) + " y")).toBe("x".repeat(39));
  });
});
