import { describe, expect, it } from "vitest";
import { buildCatalog, findField } from "@/lib/fields/catalog";
import { normalizeCodes } from "./normalize";
import type { GroupNode } from "./schema";
import { fieldValueSource, typedToCode } from "./value-sources";

const catalog = buildCatalog([{ key: "country", label: "Country of origin", type: "text" }]);
const field = (key: string) => findField(catalog, key)!;

describe("the value picker's fields", () => {
  it("offers lists for text and tags, never for personal data or numbers", () => {
    expect(fieldValueSource(field("country"))).toEqual({ kind: "field", field: "country" });
    expect(fieldValueSource(field("tags"))).toEqual({ kind: "field", field: "tags" });
    expect(fieldValueSource(field("custom.country"))).toEqual({ kind: "field", field: "custom.country" });
    for (const key of ["email", "firstName", "lastName", "phone", "income", "gender"]) expect(fieldValueSource(field(key)), key).toBeUndefined();
  });

  it("stores the code of a typed country or language name, other text as typed", () => {
    expect(typedToCode(field("country"), "Poland")).toBe("PL");
    expect(typedToCode(field("language"), "Polish (Poland)")).toBe("pl-PL");
    expect(typedToCode(field("country"), "Polnd")).toBe("Polnd");
    expect(typedToCode(field("city"), "Poland")).toBe("Poland");
    // A custom field that happens to be called country holds free text.
    expect(typedToCode(field("custom.country"), "Poland")).toBe("Poland");
  });
});

describe("normalizeCodes", () => {
  const root = (children: unknown[]) => ({ type: "group", combinator: "and", negate: false, children }) as GroupNode;

  it("rewrites names to codes for equality only, in nested groups, leaving patterns and other fields alone", () => {
    const { root: out, issues } = normalizeCodes(root([
      { type: "field", field: "country", operator: "eq", value: "Poland" },
      { type: "group", combinator: "or", negate: true, children: [{ type: "field", field: "language", operator: "not_in", value: ["Polish", "en-gb"] }] },
      { type: "field", field: "country", operator: "contains", value: "Pol" },
      { type: "field", field: "custom.country", operator: "eq", value: "Poland" },
    ]), catalog);
    expect(issues).toEqual([]);
    expect(out.children.map((c) => (c.type === "group" ? c.children[0] : c)).map((c) => (c as { value: unknown }).value)).toEqual(["PL", ["pl", "en-GB"], "Pol", "Poland"]);
  });

  it("names each value that is no country, by path", () => {
    const { issues } = normalizeCodes(root([{ type: "field", field: "country", operator: "in", value: ["PL", "Narnia"] }]), catalog);
    expect(issues).toEqual([{ path: "root.children[0].value[1]", message: 'Unknown country "Narnia": use a country name or an ISO code such as PL' }]);
  });
});
