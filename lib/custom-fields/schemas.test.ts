import { describe, expect, it } from "vitest";
import { createCustomFieldSchema, parseOptionList, slugifyKey, updateCustomFieldSchema } from "./schemas";

describe("slugifyKey", () => {
  it("makes lower-case ASCII slugs with underscores", () => {
    expect(slugifyKey("Preferred device")).toBe("preferred_device");
    expect(slugifyKey("  Łódź — Café / Größe! ")).toBe("lodz_cafe_grosse");
    expect(slugifyKey("Home & Garden")).toBe("home_garden");
    expect(slugifyKey("???")).toBe("");
    expect(slugifyKey("x".repeat(80))).toHaveLength(50);
  });
});

describe("createCustomFieldSchema", () => {
  it("defaults the key to the label's slug and drops options of non-select types", () => {
    expect(createCustomFieldSchema.parse({ label: " Loyalty tier ", type: "number", options: [{ key: "a", label: "A" }] })).toEqual({
      label: "Loyalty tier", key: "loyalty_tier", type: "number", options: [], description: null,
    });
  });

  it("is idempotent (actions parse, then the lib function parses the output again)", () => {
    const once = createCustomFieldSchema.parse({ label: "Tier", type: "select", options: [{ key: "gold", label: "Gold" }], description: "" });
    expect(createCustomFieldSchema.parse(once)).toEqual(once);
    const update = updateCustomFieldSchema.parse({ fieldId: crypto.randomUUID(), label: "Tier", type: "text", description: null });
    expect(updateCustomFieldSchema.parse(update)).toEqual(update);
  });

  it("refuses bad keys, missing and duplicate options", () => {
    const issues = (input: unknown) => createCustomFieldSchema.safeParse(input).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ label: "1st choice", type: "text" })).toEqual([["key", 'Start with a letter; use lower-case letters, digits and "_" (e.g. preferred_device).']]);
    expect(issues({ label: "Tier", type: "select" })).toEqual([["options", "Add at least one option."]]);
    expect(issues({ label: "Tier", type: "select", options: [{ key: "a", label: "Gold" }, { key: "a", label: "gold" }] })).toEqual([
      ["options", 'The option key "a" is used twice.'],
      ["options", 'The option label "gold" is used twice.'],
    ]);
    expect(issues({ label: "Tier", type: "select", options: [{ key: "Gold!", label: "Gold" }] })?.[0][1]).toMatch(/Option keys use lower-case/);
    expect(issues({ label: "", type: "colour" })?.map(([path]) => path)).toEqual(["label", "type"]);
  });
});

describe("parseOptionList", () => {
  it("reads labels (keys from them) and key:label pairs", () => {
    expect(parseOptionList("Mobile, Smart TV,,")).toEqual([{ key: "mobile", label: "Mobile" }, { key: "smart_tv", label: "Smart TV" }]);
    expect(parseOptionList("mob:Mobile phone,desk:Desktop")).toEqual([{ key: "mob", label: "Mobile phone" }, { key: "desk", label: "Desktop" }]);
  });
});
