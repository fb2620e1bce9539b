import { describe, expect, it } from "vitest";
import { digamma, gammaln, gammalnDifferenceQuotient, gammaSign } from "./special";

describe("gammaSign", () => {
  it("is + for positive arguments and alternates between the poles of Γ", () => {
    expect([3.5, 0.1, -0.5, -1.5, -2.5, -3.2].map(gammaSign)).toEqual([1, 1, -1, 1, -1, 1]);
    expect(gammaSign(-2)).toBe(0);
    expect(gammaSign(0)).toBe(0);
  });

  it("matches the sign of Γ(x) = Γ(x+1)/x, recursively, for negative x", () => {
    // Γ(−0.5) = −2√π, Γ(−1.5) = 4√π/3
    expect(gammaSign(-0.5) * Math.exp(gammaln(-0.5))).toBeCloseTo(-2 * Math.sqrt(Math.PI), 12);
    expect(gammaSign(-1.5) * Math.exp(gammaln(-1.5))).toBeCloseTo((4 * Math.sqrt(Math.PI)) / 3, 12);
  });
});

describe("gammalnDifferenceQuotient", () => {
  it("is ln z for a step of 1 (Γ(z+1) = zΓ(z)), on both of its paths", () => {
    for (const z of [0.5, 3, 10, 50, 1234.5]) {
      expect(gammalnDifferenceQuotient(z, 1)).toBeCloseTo(Math.log(z), 13);
      expect(gammalnDifferenceQuotient(z + 1, -1)).toBeCloseTo(Math.log(z), 13);
    }
  });

  it("is ψ(z) at a step of 0 and tends to it continuously", () => {
    for (const z of [0.01, 0.7, 2.4, 300]) {
      expect(gammalnDifferenceQuotient(z, 0)).toBe(digamma(z));
      const d = 1e-6 * z;
      // The mean of ψ over [z, z + d] is ψ at the midpoint to O(d²).
      expect(gammalnDifferenceQuotient(z, d)).toBeCloseTo(digamma(z + d / 2), 10);
    }
  });

  it("keeps full precision for tiny steps where the plain difference cancels", () => {
    // lnΓ(z+d) − lnΓ(z) = d·ψ(z) + d²ψ'(z)/2 + …; ψ'(1001) ≈ 1/1001 + 1/(2·1001²).
    const z = 1001;
    const d = 1e-6;
    const expected = digamma(z) + (d / 2) * (1 / z + 1 / (2 * z * z));
    expect(gammalnDifferenceQuotient(z, d)).toBeCloseTo(expected, 13);
    const naive = (gammaln(z + d) - gammaln(z)) / d;
    expect(Math.abs(naive - expected)).toBeGreaterThan(1e-9);
  });
});
