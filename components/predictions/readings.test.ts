import { describe, expect, it } from "vitest";
import { bgNbdReadings, formatDays, formatParameter, gammaGammaReadings } from "./readings";

// The published CDNOW fits (REFERENCE.md): BG/NBD in weeks, so α in days is 7 × 4.413532.
const CDNOW_BGNBD = { r: 0.242593, alpha: 4.413532 * 7, a: 0.792886, b: 2.425752 };
const CDNOW_GG = { p: 6.25, q: 3.74, v: 15.45 };

describe("bgNbdReadings", () => {
  it("reads the CDNOW fit: rates spread 2.0 times their mean, a purchase every α/r days, 25 % stop after each repeat purchase", () => {
    const [r, alpha, a, b] = bgNbdReadings(CDNOW_BGNBD);
    expect(r).toEqual({ symbol: "r", value: "0.2426", sentence: expect.stringContaining("differ a lot in how often they buy: the spread of their purchase rates is about 2.0 times the average") });
    // α/r = 30.89 / 0.2426 = 127.4 days ≈ 4.2 months.
    expect(alpha.value).toBe("30.89");
    expect(alpha.sentence).toBe("While still active, an average customer buys about once every 4 months (α/r, in days).");
    // a/(a+b) = 0.7929 / 3.2186 = 0.2463.
    expect(a.sentence).toBe("After each repeat purchase, about 25% of customers stop buying for good (a/(a+b)).");
    // sd = √(0.2463 · 0.7537 / 4.2186) = 0.2098.
    expect(b.sentence).toContain("by about ±21 percentage points");
  });

  it("reads frequent, similar buyers as such", () => {
    const [r, alpha, a] = bgNbdReadings({ r: 16, alpha: 160, a: 1, b: 99 });
    expect(r.sentence).toContain("differ little in how often they buy: the spread of their purchase rates is about 25% of the average");
    expect(alpha.sentence).toContain("about once every 10 days");
    expect(a.sentence).toContain("about 1% of customers");
  });
});

describe("gammaGammaReadings", () => {
  it("reads the CDNOW fit: ±40 % within a customer, ±76 % between customers, $35.24 a purchase day", () => {
    const [p, q, v] = gammaGammaReadings(CDNOW_GG);
    expect(p).toEqual({ symbol: "p", value: "6.25", sentence: "One customer's purchase days vary around their own average by about ±40% (1/√p)." });
    expect(q.sentence).toBe("Customers' own averages differ from one another by about ±76% (1/√(q−2)).");
    // v·p/(q−1) = 15.45 · 6.25 / 2.74 = 35.2418…
    expect(v.sentence).toBe("An average purchase day is worth about $35.24 (v·p/(q−1)).");
    expect(gammaGammaReadings(CDNOW_GG, "EUR")[2].sentence).toContain("€35.24");
  });

  it("says so when the means have no finite size (q ≤ 2, q ≤ 1)", () => {
    expect(gammaGammaReadings({ p: 2, q: 1.5, v: 10 })[1].sentence).toContain("no finite size");
    expect(gammaGammaReadings({ p: 2, q: 1.5, v: 10 })[2].sentence).toBe("An average purchase day is worth about $40.00 (v·p/(q−1)).");
    expect(gammaGammaReadings({ p: 2, q: 0.8, v: 10 })[2].sentence).toContain("no finite average");
  });
});

describe("formatting", () => {
  it("shows 4 significant digits and days in words", () => {
    expect(formatParameter(2.425752)).toBe("2.426");
    expect(formatParameter(1234.56)).toBe("1,235");
    expect(formatDays(3.25)).toBe("3.3 days");
    expect(formatDays(18.4)).toBe("18 days");
    expect(formatDays(127.4)).toBe("4 months");
    expect(formatDays(800)).toBe("2.2 years");
  });
});
