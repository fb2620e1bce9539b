import { describe, expect, it } from "vitest";
import { expectedPurchases, expectedPurchasesFromStart, probabilityAlive } from "./bg-nbd";
import { expectedPurchasesIfAlive } from "./bg-nbd-expectation";

const published = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };

describe("probabilityAlive (paper eq. 11)", () => {
  it("is 1 without repeat purchases, whatever the elapsed time", () => {
    expect(probabilityAlive(published, 0, 0, 38.86)).toBe(1);
    expect(probabilityAlive(published, 0, 0, 1e6)).toBe(1);
  });

  it("is 1/(1 + a/(b+x−1)·((α+T)/(α+tx))^(r+x))", () => {
    const { r, alpha, a, b } = published;
    const expected = 1 / (1 + (a / (b + 2 - 1)) * ((alpha + 38.86) / (alpha + 30.43)) ** (r + 2));
    expect(probabilityAlive(published, 2, 30.43, 38.86)).toBeCloseTo(expected, 14);
  });

  it("falls the longer a buyer has been silent, and more steeply for frequent buyers", () => {
    const quiet = probabilityAlive(published, 2, 10, 38.86);
    const recent = probabilityAlive(published, 2, 38, 38.86);
    expect(quiet).toBeLessThan(recent);
    expect(probabilityAlive(published, 20, 10, 38.86)).toBeLessThan(quiet);
  });

  it("refuses impossible customers", () => {
    expect(() => probabilityAlive(published, -1, 0, 3)).toThrow(/x must be a whole number/);
    expect(() => probabilityAlive(published, 2, 5, 3)).toThrow(/need 0 ≤ tx ≤ T/);
  });
});

describe("expectedPurchases (paper eq. 10)", () => {
  it("is P(alive) times the expectation of a living customer", () => {
    const { r, alpha, a, b } = published;
    const alive = probabilityAlive(published, 2, 30.43, 38.86);
    expect(expectedPurchases(published, 39, 2, 30.43, 38.86)).toBeCloseTo(alive * expectedPurchasesIfAlive(r, a, b, 2, 39 / (alpha + 38.86)), 14);
  });

  it("gives the paper's worked example: customer 1 (x = 2, tx = 30.43, T = 38.86) buys 1.226 times in 39 weeks", () => {
    expect(expectedPurchases(published, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });

  it("is 0 over no time and refuses a negative horizon", () => {
    expect(expectedPurchases(published, 0, 4, 20, 30)).toBe(0);
    expect(() => expectedPurchases(published, -1, 4, 20, 30)).toThrow(/horizon t must be a finite number ≥ 0/);
  });

  it("gives the same numbers when parameters change between calls (no stale cache)", () => {
    const other = { r: 1.5, alpha: 20, a: 1.2, b: 8 };
    const first = expectedPurchases(published, 39, 2, 30.43, 38.86);
    const second = expectedPurchases(other, 39, 2, 30.43, 38.86);
    expect(expectedPurchases({ ...published }, 39, 2, 30.43, 38.86)).toBe(first);
    expect(second).toBeCloseTo(probabilityAlive(other, 2, 30.43, 38.86) * expectedPurchasesIfAlive(1.5, 1.2, 8, 2, 39 / 58.86), 14);
  });
});

describe("expectedPurchasesFromStart (paper eq. 9)", () => {
  it.each([
    // (a+b−1)/(a−1)·[1 − (α/(α+t))^r·₂F₁(r, b; a+b−1; t/(α+t))] with mpmath (40 digits)
    [1, 0.053184755359877464],
    [39, 1.1950165244955512],
    [78, 1.8579721052041321],
    [1000, 6.5730967816896714],
  ])("E[X(%f)] = %f at the CDNOW parameters", (t, expected) => {
    expect(expectedPurchasesFromStart(published, t)).toBeCloseTo(expected, 12);
  });

  it("equals the conditional expectation of a customer seen at their first purchase", () => {
    expect(expectedPurchasesFromStart(published, 52)).toBeCloseTo(expectedPurchases(published, 52, 0, 0, 0), 14);
  });
});
