import { describe, expect, it } from "vitest";
import { lastUsedText, maskedKey } from "./display";

describe("key display", () => {
  const now = new Date("2026-12-02T12:00:00Z");
  const ago = (s: number) => new Date(now.getTime() - s * 1000);

  it("says when a key was last used, in words", () => {
    expect(lastUsedText(null, now)).toBe("never");
    expect(lastUsedText(ago(5), now)).toBe("just now");
    expect(lastUsedText(ago(-30), now)).toBe("just now");
    expect(lastUsedText(ago(60), now)).toBe("1 minute ago");
    expect(lastUsedText(ago(59 * 60), now)).toBe("59 minutes ago");
    expect(lastUsedText(ago(2 * 3600 + 10), now)).toBe("2 hours ago");
    expect(lastUsedText(ago(26 * 3600), now)).toBe("yesterday");
    expect(lastUsedText(ago(45 * 86400), now)).toBe("last month");
    expect(lastUsedText(ago(800 * 86400).toISOString(), now)).toBe("2 years ago");
  });

  it("shows the stored prefix with an ellipsis", () => {
    expect(maskedKey("sgm_Ab12Cd34")).toBe("sgm_Ab12Cd34…");
  });
});
