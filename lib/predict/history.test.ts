import { describe, expect, test } from "vitest";
import { missingHistory, planHoldout } from "./history";

describe("enough history", () => {
  test("nothing missing", () => {
    expect(missingHistory({ customers: 50, repeaters: 10, firstDay: "2026-01-01" }, "2026-02-26")).toBeNull();
  });

  test("every shortfall is named with the workspace's figure", () => {
    expect(missingHistory({ customers: 40, repeaters: 3, firstDay: "2026-01-01" }, "2026-02-25")).toBe(
      "Predictions need at least 50 customers with a paid order; this workspace has 40. " +
        "Predictions need at least 10 customers who bought on two different days; this workspace has 3. " +
        "Predictions need at least 8 weeks of purchase history; the first paid order is from 2026-01-01, 55 days before 2026-02-25.",
    );
    expect(missingHistory({ customers: 0, repeaters: 0, firstDay: null }, "2026-02-25")).toContain("there is no paid order yet");
    expect(missingHistory({ customers: 1, repeaters: 1, firstDay: "2026-02-24" }, "2026-02-25")).toContain("this workspace has 1.");
  });
});

describe("the check's holdout", () => {
  test("a third of the span in whole weeks, at least 4 and at most 52 weeks, ending at the date", () => {
    expect(planHoldout("2026-01-01", "2026-03-26")).toEqual({ ok: true, calibrationEnd: "2026-02-26", holdoutEnd: "2026-03-26", holdoutDays: 28 });
    expect(planHoldout("2025-01-01", "2026-01-01")).toEqual({ ok: true, calibrationEnd: "2025-09-04", holdoutEnd: "2026-01-01", holdoutDays: 119 });
    expect(planHoldout("2016-01-01", "2026-01-01")).toMatchObject({ ok: true, holdoutDays: 364, calibrationEnd: "2025-01-02" });
  });

  test("too short a history has no check, and says why", () => {
    expect(planHoldout("2026-01-01", "2026-03-20")).toEqual({
      ok: false,
      reason: "The expected-vs-actual check needs at least 12 weeks of purchase history (4 weeks held out after 8 to fit on); this workspace has 78 days.",
    });
    expect(planHoldout(null, "2026-03-20").ok).toBe(false);
  });
});
