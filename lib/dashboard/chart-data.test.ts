import { describe, expect, it } from "vitest";
import { AGE_BANDS, inAgeOrder } from "./age-bands";
import { revenueMonths } from "./monthly";

const month = (m: string, member: string, all: string) => ({ month: m, memberRevenue: member, memberOrders: 1, allRevenue: all, allOrders: 2 });

describe("revenue per month", () => {
  it("gives the members' share of everyone's revenue, so a small segment is not a flat line", () => {
    const r = revenueMonths([month("2026-10", "120.00", "100000.00"), month("2026-11", "300.00", "100000.00"), month("2026-12", "0", "0")], "2026-12-02");
    expect(r.memberRevenue).toEqual([120, 300, 0]);
    expect(r.share).toEqual([0.0012, 0.003, 0]);
    expect(r.shareDisplays).toEqual(["0.1%", "0.3%", "—"]);
    expect(r.memberDisplays[1]).toBe("$300.00");
    expect(r.allDisplays[0]).toBe("$100,000.00");
    expect(r.labels).toEqual(["Oct 26", "Nov 26", "Dec 26"]);
  });

  it("marks the current month as partial (counted so far), and only it", () => {
    expect(revenueMonths([month("2026-11", "1", "2"), month("2026-12", "1", "2")], "2026-12-31").partialLast).toBe(true);
    expect(revenueMonths([month("2026-11", "1", "2")], "2026-12-01").partialLast).toBe(false);
    expect(revenueMonths([], "2026-12-01").partialLast).toBe(false);
  });
});

describe("age breakdown order", () => {
  it("lists bands youngest first whatever their size, not set last", () => {
    const rows = [
      { key: "35_44", members: 900 },
      { key: null, members: 800 },
      { key: "18_24", members: 700 },
      { key: "65_plus", members: 600 },
      { key: "under_18", members: 5 },
      { key: "25_34", members: 400 },
    ];
    expect(inAgeOrder(rows).map((r) => r.key)).toEqual(["under_18", "18_24", "25_34", "35_44", "65_plus", null]);
    const all = AGE_BANDS.map((b) => ({ key: b.key })).reverse();
    expect(inAgeOrder(all).map((r) => r.key)).toEqual(AGE_BANDS.map((b) => b.key));
  });
});
