import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOn } from "./support/cli";
import type { Db } from "@/lib/db/client";
import { setupTestDb, teardownTestDb } from "./support/db";
import { referenceDir } from "./support/reference";

// The real files of ../shared/reference, imported with the command line exactly as a user would.
const REFERENCE = referenceDir();
const MARKETING = path.join(REFERENCE, "datasets/marketing_campaign.csv");
const RFM_ORDERS = path.join(REFERENCE, "rfm/orders.csv");
const FIXTURES = path.resolve("test/fixtures/import");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-reference-"));

let db: Db;

const cli = (...argv: string[]) => runCliOn(db, argv);

async function workspaceId(slug: string): Promise<string> {
  return (await db.prisma.workspace.findUniqueOrThrow({ where: { slug } })).id;
}

beforeAll(async () => {
  process.env.SEGMENTA_DATA_DIR = dir;
  db = await setupTestDb();
}, 120_000);
afterAll(async () => {
  await teardownTestDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("marketing_campaign.csv (tab-separated, day-first dates, empty incomes, odd marital statuses)", () => {
  const lines = fs.readFileSync(MARKETING, "utf8").trimEnd().split("\n").map((l) => l.split("\t"));
  const [header, ...rows] = lines;
  const col = (name: string) => header.indexOf(name);

  it("imports every row, with custom fields for the columns the standard fields do not cover", async () => {
    expect(rows.length).toBe(2240);
    expect((await cli("workspace", "create", "--slug", "ifood", "--name", "iFood", "--time-zone", "Europe/Lisbon")).code).toBe(0);
    for (const [key, label, type] of [
      ["birth_year", "Birth year", "number"], ["kids_at_home", "Kids at home", "number"], ["teens_at_home", "Teens at home", "number"],
      ["days_since_purchase", "Days since last purchase", "number"], ["complained", "Complained", "boolean"], ["accepted_last_campaign", "Accepted last campaign", "boolean"],
    ]) {
      expect((await cli("fields", "create", "--workspace", "ifood", "--key", key, "--label", label, "--type", type)).code).toBe(0);
    }
    const run = await cli("import", "--workspace", "ifood", "--type", "customers", "--file", MARKETING, "--mapping", path.join(FIXTURES, "marketing-campaign.mapping.json"), "--match", "externalId");
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Done in .*: 2,240 created, 0 updated, 0 skipped, 0 failed of 2,240 rows\./);

    const id = await workspaceId("ifood");
    const created = await db.prisma.customer.count({ where: { workspaceId: id } });
    expect(created).toBe(rows.length); // created + failed = rows, with failed = 0
    expect(await db.prisma.customer.count({ where: { workspaceId: id, income: null } })).toBe(24);
    expect(await db.prisma.customer.count({ where: { workspaceId: id, income: 666666 } })).toBe(1);
    for (const status of ["YOLO", "Absurd", "Alone", "Married"]) {
      expect(await db.prisma.customer.count({ where: { workspaceId: id, maritalStatus: status } })).toBe(rows.filter((r) => r[col("Marital_Status")] === status).length);
    }
    expect(await db.prisma.customer.count({ where: { workspaceId: id, education: "2n Cycle" } })).toBe(203);
    const complained = rows.filter((r) => r[col("Complain")] === "1").length;
    expect(await db.prisma.customer.count({ where: { workspaceId: id, attributes: { path: ["complained"], equals: true } } })).toBe(complained);

    const first = await db.prisma.customer.findFirstOrThrow({ where: { workspaceId: id, externalId: "5524" } });
    expect(first).toMatchObject({ education: "Graduation", maritalStatus: "Single", emailOptIn: null, email: null }); // no consent column mapped: never asked
    expect(first.income?.toString()).toBe("58138");
    expect(first.signedUpAt?.toISOString()).toBe("2012-09-03T23:00:00.000Z"); // 04-09-2012, midnight in Lisbon (summer time)
    expect(first.attributes).toEqual({ birth_year: 1957, kids_at_home: 0, teens_at_home: 0, days_since_purchase: 58, complained: false, accepted_last_campaign: true });
    const oldest = await db.prisma.customer.count({ where: { workspaceId: id, attributes: { path: ["birth_year"], equals: 1893 } } });
    expect(oldest).toBe(1);
    const range = await db.prisma.customer.aggregate({ where: { workspaceId: id }, _min: { signedUpAt: true }, _max: { signedUpAt: true } });
    expect(range._min.signedUpAt?.toISOString()).toBe("2012-07-29T23:00:00.000Z");
    expect(range._max.signedUpAt?.toISOString()).toBe("2014-06-28T23:00:00.000Z");
  }, 180_000);

  it("importing it again changes nothing and duplicates nothing", async () => {
    const run = await cli("import", "--workspace", "ifood", "--type", "customers", "--file", MARKETING, "--mapping", path.join(FIXTURES, "marketing-campaign.mapping.json"), "--match", "externalId");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/0 created, 2,240 updated, 0 skipped, 0 failed/);
    expect(await db.prisma.customer.count({ where: { workspaceId: await workspaceId("ifood") } })).toBe(2240);
  }, 120_000);
});

describe("rfm/orders.csv: its customers by email, then its 4,906 orders for 995 customers", () => {
  const [, ...rows] = fs.readFileSync(RFM_ORDERS, "utf8").trimEnd().split("\n").map((l) => l.split(","));
  const revenue = rows.reduce((sum, r) => sum + Number(r[2]), 0);

  it("imports the customers once each, by email", async () => {
    expect((await cli("workspace", "create", "--slug", "rfm", "--name", "RFM", "--time-zone", "UTC")).code).toBe(0);
    const run = await cli("import", "--workspace", "rfm", "--type", "customers", "--file", RFM_ORDERS, "--mapping", path.join(FIXTURES, "rfm-customers.mapping.json"));
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/995 created, 3,911 updated, 0 skipped, 0 failed of 4,906 rows/);
    expect(await db.prisma.customer.count({ where: { workspaceId: await workspaceId("rfm") } })).toBe(995);
  }, 120_000);

  it("imports the orders and the derived stats match the reference's R, F and M", async () => {
    const run = await cli("import", "--workspace", "rfm", "--type", "orders", "--file", RFM_ORDERS, "--mapping", path.join(FIXTURES, "rfm-orders.mapping.json"));
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/4,906 created, 0 updated, 0 skipped, 0 failed of 4,906 rows/);
    const id = await workspaceId("rfm");
    expect(await db.prisma.order.count({ where: { workspaceId: id } })).toBe(4906);
    const totals = await db.prisma.customer.aggregate({ where: { workspaceId: id }, _sum: { ordersCount: true, totalSpent: true }, _min: { totalSpent: true }, _max: { totalSpent: true } });
    expect(totals._sum.ordersCount).toBe(4906);
    expect(Number(totals._sum.totalSpent)).toBe(revenue);
    expect([Number(totals._min.totalSpent), Number(totals._max.totalSpent)]).toEqual([12, 1488]);
    expect(await db.prisma.customer.count({ where: { workspaceId: id, ordersCount: 0 } })).toBe(0);

    // REFERENCE.md §2: F = 1 for 1–3 orders (268), 2 for 4 (187), 3 for 5 (176), 4 for 6–7 (244), 5 for 8–14 (120).
    const f = async (min: number, max: number) => db.prisma.customer.count({ where: { workspaceId: id, ordersCount: { gte: min, lte: max } } });
    expect([await f(1, 3), await f(4, 4), await f(5, 5), await f(6, 7), await f(8, 14)]).toEqual([268, 187, 176, 244, 120]);
    // M = 5 from 666 (195 customers); R = 5 for recency 1–114 days before 2006-12-31 (200 customers).
    expect(await db.prisma.customer.count({ where: { workspaceId: id, totalSpent: { gte: 666 } } })).toBe(195);
    const recent = new Date(Date.UTC(2006, 11, 31) - 114 * 86_400_000);
    expect(await db.prisma.customer.count({ where: { workspaceId: id, lastOrderAt: { gte: recent } } })).toBe(200);
  }, 120_000);

  it("importing the orders again duplicates nothing", async () => {
    const run = await cli("import", "--workspace", "rfm", "--type", "orders", "--file", RFM_ORDERS, "--mapping", path.join(FIXTURES, "rfm-orders.mapping.json"));
    expect(run.out).toMatch(/0 created, 4,906 updated/);
    expect(await db.prisma.order.count({ where: { workspaceId: await workspaceId("rfm") } })).toBe(4906);
  }, 120_000);
});

describe("the import command", () => {
  it("maps headers equal to target keys, prints failures, writes the report and exits non-zero", async () => {
    const file = path.join(dir, "plain.csv");
    fs.writeFileSync(file, "email,firstName,birthDate,shoeSize\na@example.com,Ann,03/04/1990,42\nbad,Bob,05/06/1991,43\n");
    const report = path.join(dir, "errors.csv");
    const run = await cli("import", "--workspace", "rfm", "--type", "customers", "--file", file, "--errors", report);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/Note: dates in "birthDate" fit MM\/DD\/YYYY and DD\/MM\/YYYY; reading them as MM\/DD\/YYYY/);
    expect(run.out).toMatch(/\(3 of 4 columns mapped\)/);
    expect(run.out).toMatch(/row 3, email "bad": "bad" is not a valid email address\./);
    expect(run.err).toMatch(/error: 1 row failed \(the full report is in .*errors\.csv\)/);
    expect(fs.readFileSync(report, "utf8")).toBe('row,column,value,reason\r\n3,email,bad,"""bad"" is not a valid email address."\r\n');
    const ann = await db.prisma.customer.findFirstOrThrow({ where: { email: "a@example.com" } });
    expect(ann.birthDate?.toISOString().slice(0, 10)).toBe("1990-03-04");

    const dayFirst = await cli("import", "--workspace", "rfm", "--type", "customers", "--file", file, "--date-format", "DD/MM/YYYY");
    expect(dayFirst.out).not.toMatch(/Note:/);
    const again = await db.prisma.customer.findFirstOrThrow({ where: { email: "a@example.com" } });
    expect(again.birthDate?.toISOString().slice(0, 10)).toBe("1990-04-03");
  });

  it("explains what is wrong with the workspace, the file or the mapping", async () => {
    expect((await cli("import", "--workspace", "nope", "--type", "customers", "--file", MARKETING)).err).toMatch(/There is no workspace "nope"/);
    expect((await cli("import", "--workspace", "rfm", "--type", "people", "--file", MARKETING)).err).toMatch(/--type: Choose what the file holds/);
    expect((await cli("import", "--workspace", "rfm", "--type", "customers", "--file", path.join(dir, "missing.csv"))).err).toMatch(/There is no file at/);
    const badMapping = path.join(dir, "bad.json");
    fs.writeFileSync(badMapping, "[1, 2]");
    expect((await cli("import", "--workspace", "rfm", "--type", "customers", "--file", RFM_ORDERS, "--mapping", badMapping)).err).toMatch(/--mapping: must be a JSON object/);
    fs.writeFileSync(badMapping, JSON.stringify({ revenue: "total" }));
    expect((await cli("import", "--workspace", "rfm", "--type", "customers", "--file", RFM_ORDERS, "--mapping", badMapping)).err).toMatch(/"revenue" maps to "total", which is not something a customers import can fill/);
    const help = await cli("import", "--help");
    expect(help.out).toMatch(/--on-existing <action>/);
  });
});
