import { describe, expect, it } from "vitest";
import { formatCount, formatMoney, formatShare } from "./format";

describe("format", () => {
  it("formats money from decimal strings", () => {
    expect(formatMoney("1234567.5")).toBe("$1,234,567.50");
    expect(formatMoney("1234567.5", "USD", { compact: true })).toBe("$1.2M");
    expect(formatMoney(0, "EUR")).toBe("€0.00");
  });
  it("formats counts and shares", () => {
    expect(formatCount(5000)).toBe("5,000");
    expect(formatShare(0.1234)).toBe("12.3%");
  });
});
