import { describe, expect, it } from "vitest";
import { ageOn } from "@/lib/segments/time";
import { AGE_BANDS, ageBandLabel, ageBandOf } from "./age-bands";
import { dayLabel, monthLabel, shareOf } from "./format";
import { breakdownLabel, categoryLabel, NOT_SET } from "./labels";
import { headlineOf } from "./metrics";
import { dashboardWindows } from "./windows";

describe("age bands", () => {
  it("cover every age from 0 without gaps or overlaps", () => {
    for (let age = 0; age <= 120; age++) expect(AGE_BANDS.filter((b) => age >= b.min && (b.max === null || age <= b.max)), String(age)).toHaveLength(1);
  });

  it("band ages at their edges", () => {
    expect(ageBandOf(17)).toBe("under_18");
    expect(ageBandOf(18)).toBe("18_24");
    expect(ageBandOf(24)).toBe("18_24");
    expect(ageBandOf(25)).toBe("25_34");
    expect(ageBandOf(64)).toBe("55_64");
    expect(ageBandOf(65)).toBe("65_plus");
    expect(ageBandOf(null)).toBeNull();
    expect(ageBandOf(-1)).toBeNull();
    expect(ageBandLabel("65_plus")).toBe("65 and over");
    expect(ageBandOf(ageOn("2008-06-16", "2026-06-15"))).toBe("under_18"); // 18 tomorrow
    expect(ageBandOf(ageOn("2008-06-15", "2026-06-15"))).toBe("18_24");
  });
});

describe("headline numbers", () => {
  it("derive shares and averages exactly from the sums", () => {
    const h = headlineOf({ members: 3, revenue: "100.00", revenue12m: "40.00", orders: 7, newMembers: 1, customers: 12, allRevenue: "400.00", allRevenue12m: "160.00" });
    expect(h).toMatchObject({ memberShare: 0.25, revenueShare: 0.25, revenue12mShare: 0.25, averageOrderValue: "14.29", ordersPerMember: 2.33, averageMemberValue: "33.33" });
  });

  it("have no averages without members or orders, and zero shares of an empty base", () => {
    const h = headlineOf({ members: 0, revenue: "0", revenue12m: null, orders: 0, newMembers: 0, customers: 0, allRevenue: "0", allRevenue12m: null });
    expect(h).toMatchObject({ memberShare: 0, revenueShare: 0, revenue12mShare: null, averageOrderValue: null, ordersPerMember: null, averageMemberValue: null });
  });
});

describe("dashboard windows", () => {
  it("are whole local days and calendar months of the workspace's zone", () => {
    // 23:30 UTC on 31 May is 1 June in Warsaw.
    const w = dashboardWindows(new Date("2026-05-31T23:30:00Z"), "Europe/Warsaw");
    expect(w.today).toBe("2026-06-01");
    expect(w.months[0]).toBe("2025-07");
    expect(w.months.at(-1)).toBe("2026-06");
    expect(w.months).toHaveLength(12);
    expect(w.last12Start.toISOString()).toBe("2025-05-31T22:00:00.000Z"); // 1 June 2025, 00:00 in Warsaw
    expect(w.newSince.toISOString()).toBe("2026-05-01T22:00:00.000Z"); // 2 May, 00:00 in Warsaw
    expect(w.categoriesSinceDay).toBe("2026-03-03");
  });
});

describe("labels", () => {
  it("name countries, languages and options; empty values are 'Not set'", () => {
    expect(breakdownLabel("country", "PL")).toBe("Poland");
    expect(breakdownLabel("language", "de-DE")).toBe("German (Germany)");
    expect(breakdownLabel("gender", "female")).toBe("Female");
    expect(breakdownLabel("lifecycleStage", "churned")).toBe("Churned");
    expect(breakdownLabel("device", "mobile", [{ key: "mobile", label: "Mobile" }])).toBe("Mobile");
    expect(breakdownLabel("device", "watch", [])).toBe("watch");
    expect(breakdownLabel("country", null)).toBe(NOT_SET);
    expect(breakdownLabel("country", "not a code!")).toBe("not a code!");
    expect(categoryLabel("home_garden")).toBe("Home & Garden");
    expect(categoryLabel("pet_food")).toBe("Pet food");
    expect(monthLabel("2025-12")).toBe("Dec 25");
    expect(dayLabel("2026-11-29")).toBe("29 Nov 2026");
    expect(shareOf(0.125, "all customers")).toBe("12.5% of all customers");
  });
});
