import { describe, expect, it } from "vitest";
import { clampLabelX, fitLabel, labelStride, showsLabel, textWidth } from "./layout";

describe("axis label layout", () => {
  it("keeps the first and last labels inside the chart", () => {
    const w = textWidth("Dec 26");
    expect(clampLabelX(340, w, 340) + w / 2).toBeLessThanOrEqual(340);
    expect(clampLabelX(0, w, 340) - w / 2).toBeGreaterThanOrEqual(0);
    expect(clampLabelX(170, w, 340)).toBe(170);
    expect(clampLabelX(50, 400, 340)).toBe(170);
  });

  it("thins labels on narrow charts so they never overlap, always keeping the newest", () => {
    const w = textWidth("Dec 26");
    expect(labelStride(12, 560, w)).toBe(1);
    const phone = labelStride(12, 240, w);
    expect(phone).toBeGreaterThan(1);
    expect((240 / 11) * phone).toBeGreaterThanOrEqual(w + 10);
    const shown = Array.from({ length: 12 }, (_, i) => i).filter((i) => showsLabel(i, 12, phone));
    expect(shown[shown.length - 1]).toBe(11);
    expect(labelStride(1, 240, w)).toBe(1);
  });

  it("shortens long labels to the room there is", () => {
    expect(fitLabel("Germany", 200)).toBe("Germany");
    const cut = fitLabel("Potential Loyalist customers of the north", 80);
    expect(cut.endsWith("…")).toBe(true);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(80 + 8);
  });
});
