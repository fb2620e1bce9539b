/** The customer table filtered by a saved segment (the segment's Members tab and the table's segment filter), and its export. */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { exportCustomersCsv } from "@/lib/customers/export";
import { listCustomers } from "@/lib/customers/list";
import type { ListCustomersInput } from "@/lib/customers/list-schemas";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { countSegment } from "@/lib/segments/count";
import { InvalidDefinitionError } from "@/lib/segments/errors";
import { createSegment } from "@/lib/segments/saved-mutations";
import { expectedOrder, matchesSearch, seedCustomers, type FixtureCustomer } from "./customers-list-fixtures";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
let a: TestWorkspace;
let b: TestWorkspace;
let alpha: FixtureCustomer[];
let bravo: FixtureCustomer[];
let valuable: string; // A: gold tier, or spent at least 300
let bravoAll: string; // B: every customer with a name
let bravoRule: unknown;

// Gold tier, or at least 300 spent: a select and a money condition under "or".
const VALUABLE = {
  version: 1,
  root: {
    type: "group",
    combinator: "or",
    children: [
      { type: "field", field: "custom.tier", operator: "in", value: ["gold"] },
      { type: "field", field: "totalSpent", operator: "gte", value: 300 },
    ],
  },
};
const isValuable = (c: FixtureCustomer) => c.attributes.tier === "gold" || Number(c.totalSpent) >= 300;

beforeAll(async () => {
  db = await setupTestDb();
  a = await createTestWorkspace(db, "alpha", [{ email: "editor@alpha.test", role: "editor" }]);
  b = await createTestWorkspace(db, "bravo", [{ email: "editor@bravo.test", role: "editor" }]);
  alpha = await seedCustomers(db, a.id, 60);
  bravo = await seedCustomers(db, b.id, 12, "bravo");
  valuable = (await createSegment(editorA(), { name: "Valuable", definition: VALUABLE })).id;
  bravoRule = { version: 1, root: { type: "group", combinator: "and", children: [{ type: "field", field: "email", operator: "is_not_empty" }] } };
  bravoAll = (await createSegment(b.ctx("editor@bravo.test"), { name: "Bravo with email", definition: bravoRule })).id;
});
afterAll(teardownTestDb);

const editorA = () => a.ctx("editor@alpha.test");

async function allIds(input: ListCustomersInput, ctx = editorA()) {
  const ids: string[] = [];
  const totals: number[] = [];
  for (let page = 1; ; page++) {
    const result = await listCustomers(ctx, { ...input, page, pageSize: 25 });
    ids.push(...result.rows.map((r) => r.id));
    totals.push(result.total);
    if (!result.hasNextPage) break;
  }
  return { ids, totals };
}

describe("in a segment", () => {
  test("lists exactly the segment's members, in the table's order, with the segment's count as the total", async () => {
    const members = alpha.filter(isValuable);
    expect(members.length).toBeGreaterThan(25); // more than one page
    expect(members.length).toBeLessThan(alpha.length);
    const count = await countSegment(editorA(), VALUABLE);
    expect(count).toBe(members.length);

    const { ids, totals } = await allIds({ segment: { id: valuable } });
    expect(totals.every((t) => t === count)).toBe(true);
    expect(ids).toEqual(expectedOrder(members, "createdAt", "desc"));

    const byName = await allIds({ segment: { id: valuable }, sort: "name", direction: "asc" });
    expect(byName.ids).toEqual(expectedOrder(members, "name", "asc"));
  });

  test("deep pages read from the end give the same rows", async () => {
    const forward = await allIds({ segment: { id: valuable }, sort: "totalSpent", direction: "desc" });
    const pages: string[] = [];
    for (let page = 1; ; page++) {
      const result = await listCustomers(editorA(), { segment: { id: valuable }, sort: "totalSpent", direction: "desc", page, pageSize: 25 }, { reverseMinOffset: 0 });
      pages.push(...result.rows.map((r) => r.id));
      if (!result.hasNextPage) break;
    }
    expect(pages).toEqual(forward.ids);
  });

  test("search narrows the members", async () => {
    const { ids, totals } = await allIds({ segment: { id: valuable }, search: "acme" });
    const expected = alpha.filter((c) => isValuable(c) && matchesSearch(c, "acme"));
    expect(expected.length).toBeGreaterThan(0);
    expect(totals[0]).toBe(expected.length);
    expect(new Set(ids)).toEqual(new Set(expected.map((c) => c.id)));
  });
});

describe("not in a segment", () => {
  test("lists everyone else: the two lists split the workspace", async () => {
    const { ids, totals } = await allIds({ segment: { id: valuable, exclude: true } });
    const others = alpha.filter((c) => !isValuable(c));
    expect(totals[0]).toBe(others.length);
    expect(ids).toEqual(expectedOrder(others, "createdAt", "desc"));
    const inside = (await allIds({ segment: { id: valuable } })).ids;
    expect(ids.length + inside.length).toBe(alpha.length);
    expect(ids.some((id) => inside.includes(id))).toBe(false);
  });
});

describe("workspace scoping", () => {
  test("another workspace's segment id is not found, and nothing of theirs is listed", async () => {
    const attempt = listCustomers(editorA(), { segment: { id: bravoAll } });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "not_found" });
    await expect(listCustomers(editorA(), { segment: { id: bravoAll, exclude: true } })).rejects.toMatchObject({ code: "not_found" });
    await expect(exportCustomersCsv(editorA(), { segment: { id: bravoAll } })).rejects.toMatchObject({ code: "not_found" });
  });

  test("a segment's rules run in its own workspace only", async () => {
    const { ids, totals } = await allIds({ segment: { id: bravoAll } }, b.ctx("editor@bravo.test"));
    const withEmail = bravo.filter((c) => c.email !== null);
    expect(totals[0]).toBe(withEmail.length);
    expect(new Set(ids)).toEqual(new Set(withEmail.map((c) => c.id)));
    const alphaIds = new Set(alpha.map((c) => c.id));
    expect(ids.some((id) => alphaIds.has(id))).toBe(false);
  });

  test("a segment whose rules no longer fit the catalog is an invalid definition, not an empty list", async () => {
    await db.sql.query(`UPDATE "Segment" SET "definition" = $1::jsonb WHERE "id" = $2`, [
      JSON.stringify({ version: 1, root: { type: "group", combinator: "and", children: [{ type: "field", field: "custom.gone", operator: "is_not_empty" }] } }),
      (await createSegment(editorA(), { name: "Soon broken", definition: VALUABLE })).id,
    ]);
    const [row] = await db.sql.query<{ id: string }>(`SELECT "id"::text AS "id" FROM "Segment" WHERE "name" = 'Soon broken'`);
    await expect(listCustomers(editorA(), { segment: { id: row.id } })).rejects.toBeInstanceOf(InvalidDefinitionError);
  });
});

describe("export", () => {
  test("the members' CSV holds exactly the listed members, in the table's order", async () => {
    const { stream } = await exportCustomersCsv(editorA(), { segment: { id: valuable }, columns: ["email", "totalSpent"] }, { batchRows: 7 });
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
    const [head, ...body] = parse(text.slice(1)) as string[][];
    expect(head.slice(0, 1)).toEqual(["id"]);
    expect(body.map((r) => r[0])).toEqual(expectedOrder(alpha.filter(isValuable), "createdAt", "desc"));
    const [audit] = await db.sql.query<{ diff: { segment: unknown } }>(
      `SELECT "diff" FROM "AuditLog" WHERE "workspaceId" = $1 AND "action" = 'customer.export' ORDER BY "createdAt" DESC LIMIT 1`,
      [a.id],
    );
    expect(audit.diff.segment).toEqual({ id: valuable, exclude: false });
  });
});
