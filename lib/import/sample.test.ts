import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { buildCatalog } from "@/lib/fields/catalog";
import { customerRowReader } from "./customer-rows";
import { eventRowReader } from "./event-rows";
import { proposeMapping } from "./mapping";
import { orderRowReader } from "./order-rows";
import { buildPlan } from "./plan";
import { sampleCsv } from "./sample";
import { targetsFor, type ImportType } from "./targets";

const catalog = buildCatalog([
  { key: "loyalty_points", label: "Loyalty points", type: "number" },
  { key: "tier", label: "Tier", type: "select", options: [{ key: "gold", label: "Gold" }, { key: "silver", label: "Silver" }] },
  { key: "interests", label: "Interests", type: "multiselect", options: [{ key: "yoga", label: "Yoga" }, { key: "running", label: "Running" }, { key: "chess", label: "Chess" }] },
  { key: "vip", label: "VIP", type: "boolean" },
  { key: "joined", label: "Joined", type: "date" },
]);

describe("sampleCsv", () => {
  it.each(["customers", "orders", "events"] as const)("a %s sample maps itself and every example row imports", (type: ImportType) => {
    const targets = targetsFor(type, catalog);
    const text = sampleCsv(type, targets);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parse(text.slice(1)) as string[][];
    expect(rows).toHaveLength(2);
    const proposals = proposeMapping(header, targets, type);
    const expected = [...targets.map((t) => t.key), ...(type === "events" ? ["properties.page_url"] : [])];
    expect(proposals.map((p) => p.target)).toEqual(expected);
    const columns = proposals.map((p) => ({ index: p.index, target: p.target! }));
    const plan = buildPlan(type, header, { columns, match: "email", onExisting: "update" }, targets);
    const read = type === "customers" ? customerRowReader(plan, catalog, "UTC") : type === "orders" ? orderRowReader(plan, "UTC").read : eventRowReader(plan, "UTC");
    rows.forEach((cells, i) => {
      const result = read({ rowNumber: i + 2, cells });
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
    });
  });

  it("carries the workspace's custom fields with examples from their options", () => {
    const text = sampleCsv("customers", targetsFor("customers", catalog));
    const [header, first] = parse(text.slice(1)) as string[][];
    const at = (label: string) => first[header.indexOf(label)];
    expect([at("Loyalty points"), at("Tier"), at("Interests"), at("VIP"), at("Income")]).toEqual(["120", "Gold", "Yoga;Running", "yes", "54,700"]);
  });
});
