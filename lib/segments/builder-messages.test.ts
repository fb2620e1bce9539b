import { describe, expect, it } from "vitest";
import { builderMessage, builderMessages } from "./builder-messages";

describe("builder messages", () => {
  it("words the parser's issues for a marketer", () => {
    expect(builderMessage({ part: "value", message: "value must name at least one RFM segment" })).toBe("Pick at least one RFM group.");
    expect(builderMessage({ part: "window.amount", message: "is required" })).toBe("Enter how many days, weeks or months.");
    expect(builderMessage({ part: "value", message: "low must not be greater than high" })).toBe("The first value must not be greater than the second.");
    expect(builderMessage({ part: "field", message: "is required" })).toBe("Choose a field.");
    expect(builderMessage({ part: "segmentId", message: "segment reference cycle: a → b → a" })).toMatch(/depend on itself/);
    expect(builderMessage({ part: "where[1].property", message: "is required" })).toBe("Enter the property name of filter 2.");
    expect(builderMessage({ part: "value", message: "must be at most 1000000000" })).toBe("Enter at most 1,000,000,000.");
  });

  it("says each message once per condition (no 'Window: is required' twice)", () => {
    expect(builderMessages([
      { part: "window.amount", message: "is required" },
      { part: "window.unit", message: "is required" },
    ])).toEqual(["Enter how many days, weeks or months."]);
    expect(builderMessages([{ part: "field", message: "is required" }, { part: "operator", message: "is required" }])).toEqual(["Choose a field."]);
  });

  it("falls back to a capitalised sentence", () => {
    expect(builderMessage({ part: "", message: "something odd" })).toBe("Something odd.");
  });
});
