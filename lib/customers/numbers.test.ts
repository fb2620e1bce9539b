import { describe, expect, it } from "vitest";
import { decimalMarkOf, dependsOnMark, formatNumber, notANumberMessage, readNumber } from "./numbers";

describe("readNumber", () => {
  it.each([
    ["54,700", ".", 54700],
    ["54 700", ".", 54700],
    ["1,234.50", ".", 1234.5],
    ["-1,234", ".", -1234],
    ["\u22125", ".", -5],
    [".5", ".", 0.5],
    ["54.700", ",", 54700],
    ["1.234,50", ",", 1234.5],
    ["1 234,5", ",", 1234.5],
    ["0,75", ",", 0.75],
    ["1'234.5", ".", 1234.5],
  ] as const)("%s with %s is %d", (text, mark, value) => {
    expect(readNumber(text, mark)?.value).toBe(value);
  });

  it.each([
    ["1,5", "."],
    ["12.5", ","],
    ["1,23,456", "."],
    ["1.234,5", "."],
    ["1,234.5", ","],
    ["", "."],
    ["-", "."],
    ["12a", "."],
    ["1e5", "."],
  ] as const)("%s with %s is not a number", (text, mark) => {
    expect(readNumber(text, mark)).toBeNull();
  });

  it("gives the canonical spelling without group separators", () => {
    expect(readNumber(" +1,234,567.25 ", ".")?.canonical).toBe("1234567.25");
    expect(readNumber("-0,5", ",")?.canonical).toBe("-0.5");
  });
});

describe("dependsOnMark", () => {
  it("is true only for values that read as two different numbers", () => {
    for (const text of ["1,500", "54,700", "1.234", "-12.345"]) expect(dependsOnMark(text)).toBe(true);
    for (const text of ["54 700", "1,234.50", "12,5", "12.5", "54700", "1.234,5"]) expect(dependsOnMark(text)).toBe(false);
  });
});

describe("decimalMarkOf", () => {
  it("follows the locale, English by default", () => {
    expect(decimalMarkOf("en-US")).toBe(".");
    expect(decimalMarkOf("de")).toBe(",");
    expect(decimalMarkOf("pl-PL")).toBe(",");
    expect(decimalMarkOf(undefined)).toBe(".");
    expect(decimalMarkOf("not a locale!")).toBe(".");
  });
});

describe("messages and display", () => {
  it("explain the format and never propose another value", () => {
    expect(notANumberMessage("1,5", ".", "English format")).toBe('"1,5" is not a number in English format (1,234.56): there "," separates thousands and "." marks decimals.');
    expect(notANumberMessage("lots", ",", "Polish format")).toBe('"lots" is not a number. Use digits, with "," for decimals, e.g. 1.234,56.');
  });

  it("formats in the locale", () => {
    expect(formatNumber(54700, "en", { money: true })).toBe("54,700.00");
    expect(formatNumber(54700, "de", { money: true })).toBe("54.700,00");
    expect(formatNumber(1.5, "en")).toBe("1.5");
  });
});
