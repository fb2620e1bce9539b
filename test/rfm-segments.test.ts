/**
 * The rfm node of the segment format on a real database: the compiler and the evaluator give the
 * same members, from live scores (the population's quantiles now, the rule set, the current
 * paid-order stats); the SQL quantiles equal the pure ones; explain shows the segment and scores.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { measuresOf, type RfmContext } from "@/lib/rfm/context";
import { loadRfmPopulation } from "@/lib/rfm/queries";
import { DEFAULT_RFM_RULES, type RfmRule } from "@/lib/rfm/rules";
import { computeCuts, type RfmMeasures } from "@/lib/rfm/scoring";
import { formatExplanation } from "@/lib/segments/count-format";
import { countSegment } from "@/lib/segments/count";
import { explainDefinition } from "@/lib/segments/explain";
import type { CustomerRecord } from "@/lib/segments/record";
import { setupTestDb, teardownTestDb } from "./support/db";
import { TEST_CATALOG, customer, only, scenario, where, type Scenario } from "./segments-support";

let db: Db;
beforeAll(async () => {
  db = await setupTestDb();
});
afterAll(teardownTestDb);

const now = new Date("2024-06-30T12:00:00Z");
const daysAgo = (n: number) => new Date(Date.UTC(2024, 5, 30 - n, 9));
const paid = (recency: number, count: number, total: number) =>
  Array.from({ length: count }, (_, i) => ({ placedAt: daysAgo(recency + i), total: (total / count).toFixed(2) }));

// Five scored customers whose quantiles are easy to follow (REFERENCE.md's algorithm by hand):
// recency 1, 10, 100, 200, 300 days → cuts 9.2, 65, 141, 221 → R 5, 4, 3, 2, 1
// orders 10, 5, 3, 2, 1 → cuts 2.8, 3.6, 4.8, 7 → F 5, 4, 2, 1, 1
// total 1000, 500, 300, 200, 100 → cuts 181, 261, 381, 601 → M 5, 4, 3, 2, 1
const PEOPLE: Record<string, CustomerRecord> = {
  a: customer({ orders: paid(1, 10, 1000) }), // 555 Champions
  b: customer({ orders: paid(10, 5, 500) }), // 444 Potential Loyalist
  c: customer({ orders: paid(100, 3, 300) }), // 323 Loyal Customers
  d: customer({ orders: paid(200, 2, 200) }), // 212 About To Sleep
  e: customer({ orders: [...paid(300, 1, 100), { placedAt: daysAgo(1), total: "999.00", status: "refunded" }] }), // 111 Lost
  none: customer({ city: "Oslo" }),
  pendingOnly: customer({ orders: [{ placedAt: daysAgo(1), total: "50.00", status: "pending" }] }),
};

function contextFor(rules: readonly RfmRule[]): RfmContext {
  const population = Object.values(PEOPLE).map((p) => measuresOf(p.customer, "2024-06-30", "UTC")).filter((m): m is RfmMeasures => m !== null);
  return { analysisDate: "2024-06-30", timeZone: "UTC", rules, cuts: computeCuts(population) };
}

const rfm = (operator: "in" | "not_in", ...value: string[]) => ({ type: "rfm", operator, value });

describe("rfm conditions with the default rules", () => {
  let s: Scenario;
  beforeAll(async () => {
    s = await scenario(db.sql, PEOPLE, { now, timeZone: "UTC", rfm: contextFor(DEFAULT_RFM_RULES) });
  });

  test("the database's percentile_cont cut points equal the pure type-7 ones", async () => {
    const population = await loadRfmPopulation(db.sql, { workspaceId: s.workspaceId, timeZone: "UTC" }, "2024-06-30");
    expect(population.customers).toBe(5);
    expect(population.cuts).toEqual(contextFor(DEFAULT_RFM_RULES).cuts);
    expect(population.cuts!.recency.map((t) => Number(t.toFixed(9)))).toEqual([9.2, 65, 141, 221]);
  });

  test("is any of: the first matching rule decides", async () => {
    await s.check(only(rfm("in", "Champions")), ["a"]);
    await s.check(only(rfm("in", "Potential Loyalist")), ["b"]);
    await s.check(only(rfm("in", "Loyal Customers", "About To Sleep")), ["c", "d"]);
    await s.check(only(rfm("in", "Lost")), ["e"]);
    await s.check(only(rfm("in", "Others", "At Risk")), []);
  });

  test("customers without a paid order have no RFM segment: only is none of holds", async () => {
    await s.check(only(rfm("not_in", "Champions", "Lost")), ["b", "c", "d", "none", "pendingOnly"]);
    await s.check(only(rfm("not_in", "Others")), ["a", "b", "c", "d", "e", "none", "pendingOnly"]);
  });

  test("names compare exactly, and a name no rule has matches nobody", async () => {
    await s.check(only(rfm("in", "champions", "Hibernating")), []);
  });

  test("combines with other conditions", async () => {
    await s.check({ version: 1, root: { type: "group", combinator: "or", children: [rfm("in", "Champions"), where("city", "eq", "oslo")] } }, ["a", "none"]);
  });

  test("explain shows the customer's segment and scores", () => {
    const options = { now, timeZone: "UTC", rfm: contextFor(DEFAULT_RFM_RULES) };
    const b = explainDefinition(only(rfm("in", "Champions")), TEST_CATALOG, PEOPLE.b, options);
    expect(b.children![0]).toMatchObject({ result: false, measured: "Potential Loyalist (R 4, F 4, M 4)" });
    expect(formatExplanation(b).join("\n")).toContain('✗ RFM segment is any of "Champions" — RFM segment Potential Loyalist (R 4, F 4, M 4)');
    const none = explainDefinition(only(rfm("not_in", "Champions")), TEST_CATALOG, PEOPLE.none, options);
    expect(formatExplanation(none.children![0]).join("\n")).toContain("no RFM segment (no paid order)");
  });

  test("counting loads the live context itself (today in the workspace's zone, the stored rules)", async () => {
    expect(await countSegment({ workspaceId: s.workspaceId, timeZone: "UTC" }, only(rfm("in", "Champions", "Lost")), { now })).toBe(2);
  });
});

describe("rfm conditions with another rule set", () => {
  test("use the rules they are given, Others for the rest", async () => {
    const rules: RfmRule[] = [{ name: "Top", recency: [4, 5], frequency: [4, 5], monetary: [4, 5] }];
    const s = await scenario(db.sql, PEOPLE, { now, timeZone: "UTC", rfm: contextFor(rules) });
    await s.check(only(rfm("in", "Top")), ["a", "b"]);
    await s.check(only(rfm("in", "Others")), ["c", "d", "e"]);
  });
});
