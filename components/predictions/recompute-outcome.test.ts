import { describe, expect, it } from "vitest";
import { outcomeText } from "./recompute-button";

describe("outcomeText", () => {
  it("says what a recompute did: scored, or why nothing was stored", () => {
    expect(outcomeText({ status: "ok", message: null, customers: 3994, durationMs: 1712 })).toBe("Predictions computed for 3,994 customers in 1.7 s.");
    expect(outcomeText({ status: "insufficient", message: "Predictions need at least 50 customers with a paid order; this workspace has 3.", customers: null, durationMs: null }))
      .toBe("Not enough history to predict: Predictions need at least 50 customers with a paid order; this workspace has 3.");
    expect(outcomeText({ status: "not_converged", message: null, customers: null, durationMs: null })).toBe("The models did not converge; nothing was stored.");
  });
});
