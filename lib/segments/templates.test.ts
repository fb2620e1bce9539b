import { describe, expect, it } from "vitest";
import { buildCatalog } from "@/lib/fields/catalog";
import { DEFAULT_RFM_RULES } from "@/lib/rfm/rules";
import { SEED_CUSTOM_FIELDS } from "@/lib/seed/custom-fields";
import { parseDefinition } from "./schema";
import { findTemplate, newSegmentSearchSchema, rfmTemplate, SEGMENT_TEMPLATES } from "./templates";

const demoCatalog = buildCatalog(SEED_CUSTOM_FIELDS.map((f) => ({ key: f.key, label: f.label, type: f.type, options: [...f.options] })));

describe("segment templates", () => {
  it.each(SEGMENT_TEMPLATES.map((t) => [t.id, t] as const))("%s parses against the demo workspace's catalog", (_id, template) => {
    const parsed = parseDefinition(template.definition, demoCatalog);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(template.name.length).toBeGreaterThan(0);
  });

  it("has unique ids and the library the issue asks for", () => {
    const ids = SEGMENT_TEMPLATES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ["engaged-90-days", "lapsed-buyers", "vips", "win-back", "new-customers", "birthdays-next-30-days", "cart-abandoners"]) expect(findTemplate(id)?.id).toBe(id);
  });

  it("makes a parsing segment for every RFM group, named after it", () => {
    for (const rule of DEFAULT_RFM_RULES) {
      const t = rfmTemplate(rule.name);
      expect(t.name).toBe(`RFM: ${rule.name}`);
      expect(parseDefinition(t.definition, demoCatalog).ok).toBe(true);
      expect(t.definition.root.children).toEqual([{ type: "rfm", operator: "in", value: [rule.name] }]);
    }
  });

  it("reads the new-segment page's parameters, ignoring junk", () => {
    expect(newSegmentSearchSchema.parse({ rfm: "Can't Lose Them" })).toEqual({ rfm: "Can't Lose Them", template: undefined });
    expect(newSegmentSearchSchema.parse({ template: ["vips", "x"] }).template).toBe("vips");
    expect(newSegmentSearchSchema.parse({ rfm: "  " }).rfm).toBeUndefined();
    expect(newSegmentSearchSchema.parse({ rfm: "x".repeat(200) }).rfm).toBeUndefined();
  });
});
