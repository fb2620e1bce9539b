import { describe, expect, it } from "vitest";
import { buildCatalog } from "@/lib/fields/catalog";
import { parseListView } from "@/lib/customers/list-schemas";
import { predictionCustomerLinks } from "./customer-links";

describe("predictionCustomerLinks", () => {
  it("links to the customers table sorted by a prediction, with the prediction columns, as the table parses it back", () => {
    const catalog = buildCatalog([]);
    const links = predictionCustomerLinks("demo", catalog);
    expect(links.map((l) => l.label)).toEqual(["All customers by predicted value, highest first"]);
    const views = links.map((l) => parseListView(new URL(l.href, "http://x").searchParams, catalog));
    expect(links.every((l) => l.href.startsWith("/w/demo/customers?"))).toBe(true);
    expect(views.map((v) => [v.sort, v.direction])).toEqual([["prediction.value12m", "desc"]]);
    expect(views[0].columns).toEqual(["email", "prediction.churnRisk", "prediction.probabilityAlive", "prediction.value12m", "prediction.purchases365", "lastOrderAt"]);
  });

  it("offers nothing the catalog cannot sort by", () => {
    const catalog = buildCatalog([]);
    const withoutPredictions = { ...catalog, fields: catalog.fields.filter((f) => !f.key.startsWith("prediction.")) };
    expect(predictionCustomerLinks("demo", withoutPredictions)).toEqual([]);
  });
});
