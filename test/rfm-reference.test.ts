/**
 * The R package `rfm`'s published results (../shared/reference/rfm/REFERENCE.md §4) reproduced
 * from its sample orders: imported with the command line as a user would, scored at 2006-12-31.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOn } from "./support/cli";
import type { Db } from "@/lib/db/client";
import { applyRfmPreset, refreshRfm, saveRfmRules } from "@/lib/rfm/mutations";
import { CLASSIC_11_RFM_RULES } from "@/lib/rfm/presets";
import { getRfmGrid, getRfmSummary, loadRfmContext } from "@/lib/rfm/queries";
import { assignSegment, DEFAULT_RFM_RULES, PACKAGE_TEST_RFM_RULES } from "@/lib/rfm/rules";
import { setupTestDb, teardownTestDb } from "./support/db";
import { referenceDir } from "./support/reference";

const REFERENCE = referenceDir();
const RFM_ORDERS = path.join(REFERENCE, "rfm/orders.csv");
const FIXTURES = path.resolve("test/fixtures/import");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-rfm-reference-"));

let db: Db;
let scope: { workspaceId: string; timeZone: string };

const cli = (...argv: string[]) => runCliOn(db, argv);

beforeAll(async () => {
  process.env.SEGMENTA_DATA_DIR = dir;
  db = await setupTestDb();
  expect((await cli("workspace", "create", "--slug", "rfm", "--name", "RFM", "--time-zone", "UTC")).code).toBe(0);
  expect((await cli("import", "--workspace", "rfm", "--type", "customers", "--file", RFM_ORDERS, "--mapping", path.join(FIXTURES, "rfm-customers.mapping.json"))).code).toBe(0);
  expect((await cli("import", "--workspace", "rfm", "--type", "orders", "--file", RFM_ORDERS, "--mapping", path.join(FIXTURES, "rfm-orders.mapping.json"))).code).toBe(0);
  const ws = await db.prisma.workspace.findUniqueOrThrow({ where: { slug: "rfm" } });
  scope = { workspaceId: ws.id, timeZone: ws.timeZone };
}, 240_000);
afterAll(async () => {
  await teardownTestDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

// REFERENCE.md §4, the vignette's first 10 customers (rule set 3a).
const FIRST_10 = `
Abbey O'Reilly | 205 | 6 | 472 | 3 | 4 | 3 | 343 | Potential Loyalist
Add Senger | 140 | 3 | 340 | 4 | 1 | 2 | 412 | New Customers
Aden Lesch | 194 | 4 | 405 | 3 | 2 | 3 | 323 | Loyal Customers
Aden Murphy | 98 | 7 | 596 | 5 | 4 | 4 | 544 | Potential Loyalist
Admiral Senger | 132 | 5 | 448 | 4 | 3 | 3 | 433 | Potential Loyalist
Agness O'Keefe | 90 | 9 | 843 | 5 | 5 | 5 | 555 | Champions
Aileen Barton | 84 | 9 | 763 | 5 | 5 | 5 | 555 | Champions
Ailene Hermann | 281 | 8 | 699 | 3 | 5 | 5 | 355 | Potential Loyalist
Aiyanna Bruen | 246 | 4 | 157 | 3 | 2 | 1 | 321 | About To Sleep
Akeelah Walsh | 160 | 7 | 779 | 4 | 4 | 5 | 445 | Potential Loyalist`.trim().split("\n").map((l) => l.split(" | "));

// REFERENCE.md §4, rfm_segment_summary (rule set 3a), with the exact aov (round 2).
const SUMMARY: [string, number, number, number, string][] = [
  ["About To Sleep", 102, 283, 23449, "82.86"],
  ["At Risk", 28, 216, 22227, "102.90"],
  ["Can't Lose Them", 47, 274, 32446, "118.42"],
  ["Champions", 35, 316, 31646, "100.15"],
  ["Lost", 148, 393, 35324, "89.88"],
  ["Loyal Customers", 170, 799, 76562, "95.82"],
  ["Need Attention", 10, 57, 4562, "80.04"],
  ["New Customers", 104, 329, 28837, "87.65"],
  ["Potential Loyalist", 342, 2211, 204856, "92.65"],
  ["Promising", 9, 28, 4249, "151.75"],
];

describe("rfm/orders.csv at 2006-12-31", () => {
  it("has the package's thresholds (REFERENCE.md §2)", async () => {
    const context = await loadRfmContext(scope, "2006-12-31");
    expect(context.population.customers).toBe(995);
    expect(context.cuts).toEqual({ recency: [115, 181, 297.4, 482], frequency: [4, 5, 6, 8], monetary: [255.8, 382, 506.4, 666] });
    expect(context.population.min).toEqual({ recency: 1, frequency: 1, monetary: 12 });
    expect(context.population.max).toEqual({ recency: 976, frequency: 14, monetary: 1488 });
  });

  it("scores the first 10 customers exactly as the vignette prints them (command line, CSV)", async () => {
    const run = await cli("rfm", "--workspace", "rfm", "--analysis-date", "2006-12-31", "--format", "csv");
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const [header, ...lines] = run.out.split("\n");
    expect(header).toBe("id,email,recency_days,order_count,total,r,f,m,score,segment");
    expect(lines).toHaveLength(995);
    const rows = lines.map((l) => l.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replaceAll('""', '"')));
    const byEmail = new Map(rows.map((r) => [r[1], r]));
    const customers = await db.prisma.customer.findMany({ where: { workspaceId: scope.workspaceId }, select: { email: true, firstName: true, lastName: true } });
    // The package sorts by customer_id ("First Last") in byte order.
    const named = customers.map((c) => ({ id: `${c.firstName} ${c.lastName}`, email: c.email! })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const first10 = named.slice(0, 10).map(({ id, email }) => {
      const r = byEmail.get(email)!;
      return [id, r[2], r[3], String(Number(r[4])), r[5], r[6], r[7], r[8], r[9]];
    });
    expect(first10).toEqual(FIRST_10);
    expect(lines.reduce((s, l) => s + Number(l.split(",")[3]), 0)).toBe(4906);
  });

  it("reproduces the 10-segment summary: customers, orders, revenue, aov (rule set 3a)", async () => {
    const run = await refreshRfm(scope, "2006-12-31");
    expect(run).toMatchObject({ analysisDate: "2006-12-31", customers: 995 });
    const summary = await getRfmSummary(scope, DEFAULT_RFM_RULES);
    const got = summary.map((s) => [s.segment, s.customers, s.orders, Number(s.revenue), s.aov]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(got).toEqual(SUMMARY);
    expect(summary.reduce((s, x) => s + x.customers, 0)).toBe(995);
    expect(summary.reduce((s, x) => s + x.orders, 0)).toBe(4906);
    expect(summary.find((s) => s.segment === "Others")).toBeUndefined();
  });

  it("reproduces the heat map total: the mean amount of the 25 (R, F) cells, summed and rounded, is 12634", async () => {
    const grid = await getRfmGrid(scope);
    expect(grid).toHaveLength(25);
    expect(Math.round(grid.reduce((s, c) => s + (c.avgMonetary ?? 0), 0))).toBe(12634);
    expect(grid.reduce((s, c) => s + c.customers, 0)).toBe(995);
  });

  it("reproduces the Champions row of the package's unit-test rule set (3b): 158 customers, 1234 orders, 120178 revenue", async () => {
    await saveRfmRules(scope, PACKAGE_TEST_RFM_RULES);
    const summary = await getRfmSummary(scope, PACKAGE_TEST_RFM_RULES);
    expect(summary.find((s) => s.segment === "Champions")).toMatchObject({ customers: 158, orders: 1234, revenue: "120178.00" });
    expect(summary.reduce((s, x) => s + x.customers, 0)).toBe(995);
  });

  // The 11-segment table was never run by the package, so there are no published counts: the
  // stored segments must be exactly the first matching preset rule over the published scores.
  it("switches to the 11-segment preset: every customer re-scored, Hibernating among the segments", async () => {
    const { run } = await applyRfmPreset(scope, "classic-11");
    expect(run).toMatchObject({ analysisDate: "2006-12-31", customers: 995 });
    const scored = await cli("rfm", "--workspace", "rfm", "--analysis-date", "2006-12-31", "--format", "csv");
    const expected = new Map<string, number>();
    for (const line of scored.out.split("\n").slice(1)) {
      const [r, f, m] = line.split(",").slice(-5, -2).map(Number);
      const name = assignSegment({ r, f, m }, CLASSIC_11_RFM_RULES);
      expected.set(name, (expected.get(name) ?? 0) + 1);
    }
    const summary = await getRfmSummary(scope, CLASSIC_11_RFM_RULES);
    expect(summary.map((s) => s.segment)).toEqual(CLASSIC_11_RFM_RULES.map((r) => r.name).concat(expected.has("Others") ? ["Others"] : []));
    expect(new Map(summary.filter((s) => s.customers > 0).map((s) => [s.segment, s.customers]))).toEqual(expected);
    expect(summary.find((s) => s.segment === "Hibernating")!.customers).toBeGreaterThan(0);
    expect(summary.reduce((s, x) => s + x.customers, 0)).toBe(995);
    expect(summary.reduce((s, x) => s + x.orders, 0)).toBe(4906);
  });
});
