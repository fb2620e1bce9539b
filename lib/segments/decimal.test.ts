import { expect, test } from "vitest";
import { compareDecimal, divideDecimal, multiplyDecimal, normalizeDecimal, sumDecimals } from "./decimal";

test("compares exactly, across scales and notations", () => {
  expect(compareDecimal("19.90", 19.9)).toBe(0);
  expect(compareDecimal("0.30000000000000004", 0.3)).toBe(1);
  expect(compareDecimal(-0.01, "0")).toBe(-1);
  expect(compareDecimal(1e-7, "0.0000001")).toBe(0);
  expect(compareDecimal("999999999999.99", 1e12)).toBe(-1);
});

test("sums, multiplies and divides without floats", () => {
  expect(sumDecimals(["0.10", "0.20", 0.3])).toBe("0.60");
  expect(sumDecimals([])).toBe("0");
  expect(multiplyDecimal("7.50", 3)).toBe("22.50");
  expect(divideDecimal("10.00", 3)).toBe("3.33");
  expect(divideDecimal("20.00", 3)).toBe("6.67");
  expect(divideDecimal("-0.05", 2)).toBe("-0.03");
  expect(normalizeDecimal(1e21)).toBe("1000000000000000000000");
  expect(() => compareDecimal("abc", 1)).toThrow(/not a decimal/);
});
