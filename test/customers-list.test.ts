import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { listCustomers, type ListOptions } from "@/lib/customers/list";
import type { ListCustomersInput } from "@/lib/customers/list-schemas";
import { NOT_NULL_SORT_COLUMNS } from "@/lib/customers/list-sql";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { expectedOrder, matchesSearch, seedCustomers, type FixtureCustomer } from "./customers-list-fixtures";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
let a: TestWorkspace;
let b: TestWorkspace;
let alpha: FixtureCustomer[];
let bravo: FixtureCustomer[];

beforeAll(async () => {
  db = await setupTestDb();
  a = await createTestWorkspace(db, "alpha", [{ email: "viewer@alpha.test", role: "viewer" }]);
  b = await createTestWorkspace(db, "bravo", [{ email: "viewer@bravo.test", role: "viewer" }]);
  alpha = await seedCustomers(db, a.id, 60);
  // Workspace B holds look-alikes (same names, companies, custom fields) under another domain.
  bravo = await seedCustomers(db, b.id, 12, "bravo");
});
afterAll(teardownTestDb);

const ctxA = () => a.ctx("viewer@alpha.test");

/** Every page of a view, concatenated, with the page results. */
async function allPages(input: ListCustomersInput, options: ListOptions = {}, ctx = ctxA()) {
  const pages = [];
  for (let page = 1; ; page++) {
    const result = await listCustomers(ctx, { ...input, page }, options);
    pages.push(result);
    if (!result.hasNextPage) break;
  }
  return { ids: pages.flatMap((p) => p.rows.map((r) => r.id)), pages };
}

describe("pagination", () => {
  test("25 a page with the exact total; pages cover every customer once, in order", async () => {
    const { ids, pages } = await allPages({ pageSize: 25 });
    expect(pages.map((p) => p.rows.length)).toEqual([25, 25, 10]);
    expect(pages.every((p) => p.total === 60 && p.totalIsExact)).toBe(true);
    expect(ids).toEqual(expectedOrder(alpha, "createdAt", "desc"));
  });

  test("50 and 100 a page", async () => {
    expect((await listCustomers(ctxA(), { pageSize: 50 })).rows).toHaveLength(50);
    const all = await listCustomers(ctxA(), { pageSize: 100 });
    expect(all.rows).toHaveLength(60);
    expect(all.hasNextPage).toBe(false);
  });

  test("a page past the end is empty", async () => {
    const past = await listCustomers(ctxA(), { page: 9, pageSize: 25 });
    expect(past).toMatchObject({ rows: [], total: 60, hasNextPage: false });
  });

  test("pages read from the end (deep pages) equal pages read from the start", async () => {
    for (const [sort, direction] of [["createdAt", "desc"], ["name", "asc"], ["lastOrderAt", "asc"], ["custom.loyalty_points", "desc"], ["age", "asc"]] as const) {
      const forward = await allPages({ pageSize: 25, sort, direction });
      const fromEnd = await allPages({ pageSize: 25, sort, direction }, { reverseMinOffset: 0 });
      expect(fromEnd.ids).toEqual(forward.ids);
      expect(fromEnd.pages.map((p) => p.hasNextPage)).toEqual([true, true, false]);
    }
  });

  test("a page size outside 25/50/100 is refused", async () => {
    await expect(listCustomers(ctxA(), { pageSize: 30 as 25 })).rejects.toBeInstanceOf(z.ZodError);
  });
});

describe("sorting: empty values lowest, ties by id", () => {
  const sorts = ["createdAt", "name", "totalSpent", "ordersCount", "lastOrderAt", "externalId", "age", "custom.loyalty_points", "custom.since", "custom.tier", "custom.vip", "emailOptIn"];
  for (const sort of sorts) {
    for (const direction of ["asc", "desc"] as const) {
      test(`${sort} ${direction}`, async () => {
        const { ids } = await allPages({ pageSize: 25, sort, direction });
        expect(ids).toEqual(expectedOrder(alpha, sort, direction));
      });
    }
  }

  test("empty values come first ascending and last descending (last order)", async () => {
    const asc = await listCustomers(ctxA(), { sort: "lastOrderAt", direction: "asc", columns: ["lastOrderAt"] });
    expect(asc.rows[0].values.lastOrderAt).toBeNull();
    const desc = await listCustomers(ctxA(), { sort: "lastOrderAt", direction: "desc", columns: ["lastOrderAt"] });
    expect(desc.rows[0].values.lastOrderAt).not.toBeNull();
  });

  test("a custom number stored as text counts as empty", async () => {
    const wrong = alpha.filter((c) => typeof c.attributes.loyalty_points === "string").map((c) => c.id);
    const { rows } = await listCustomers(ctxA(), { pageSize: 100, sort: "custom.loyalty_points", columns: ["custom.loyalty_points"] });
    for (const row of rows.filter((r) => wrong.includes(r.id))) expect(row.values["custom.loyalty_points"]).toBeNull();
  });

  test("unknown and list sort keys are refused with a clear error", async () => {
    await expect(listCustomers(ctxA(), { sort: "custom.nope" })).rejects.toThrow(`There is no column "custom.nope" in this workspace's customer table.`);
    await expect(listCustomers(ctxA(), { sort: "custom.interests" })).rejects.toBeInstanceOf(AppError);
  });
});

describe("quick search", () => {
  const cases = ["ada", "LOVELACE", "lovelace ada", "acme", "globex.example", "ext-0012", "100%_", "100%", "_club", "back\\slash", "li", "l", "ad lo", "comma", "zzz-nothing"];
  for (const search of cases) {
    test(`"${search}" matches what the oracle says, in order`, async () => {
      const { ids, pages } = await allPages({ pageSize: 25, search });
      const expected = expectedOrder(alpha.filter((c) => matchesSearch(c, search)), "createdAt", "desc");
      expect(ids).toEqual(expected);
      expect(pages[0].total).toBe(expected.length);
    });
  }

  test("% and _ are literal characters", async () => {
    const { rows } = await listCustomers(ctxA(), { pageSize: 100, search: "100%_", columns: ["company"] });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.values.company === "100%_Club")).toBe(true);
    expect((await listCustomers(ctxA(), { search: "%%%" })).total).toBe(0);
  });

  test("a short word matches only where a value or a word in it starts", async () => {
    const { rows } = await listCustomers(ctxA(), { pageSize: 100, search: "li", columns: ["firstName", "lastName"] });
    const names = rows.map((r) => `${r.values.firstName ?? ""} ${r.values.lastName ?? ""}`);
    expect(names.some((n) => n.startsWith("Lina") || / Li/.test(n))).toBe(true);
    expect(names.filter((n) => n.startsWith("Emilia ") && !/ Li/.test(n))).toEqual([]);
  });

  test("a broad search counts up to the cap, then says so; paging still works", async () => {
    const first = await listCustomers(ctxA(), { pageSize: 25, search: "example" }, { searchCountCap: 30 });
    expect(first).toMatchObject({ total: 30, totalIsExact: false, hasNextPage: true });
    const third = await listCustomers(ctxA(), { page: 3, pageSize: 25, search: "example" }, { searchCountCap: 30 });
    const matching = alpha.filter((c) => matchesSearch(c, "example")).length;
    expect(third.rows).toHaveLength(matching - 50);
    expect(third.hasNextPage).toBe(false);
  });

  test("without a search the total is never capped", async () => {
    expect(await listCustomers(ctxA(), {}, { searchCountCap: 5 })).toMatchObject({ total: 60, totalIsExact: true });
  });
});

describe("columns and values", () => {
  test("only the chosen columns (and the name) come back, typed for display", async () => {
    const columns = ["externalId", "birthDate", "age", "totalSpent", "lastOrderAt", "tags", "custom.loyalty_points", "custom.interests", "custom.tier", "custom.vip", "custom.since"];
    const { rows, columns: shown } = await listCustomers(ctxA(), { pageSize: 100, columns }, { now: new Date("2026-11-25T12:00:00Z") });
    expect(shown.map((c) => c.key)).toEqual(["name", ...columns]);
    const byId = new Map(rows.map((r) => [r.id, r.values]));
    for (const c of alpha) {
      const v = byId.get(c.id)!;
      expect(Object.keys(v).sort()).toEqual(["name", ...columns].sort());
      expect(v.name).toBe([c.firstName, c.lastName].filter(Boolean).join(" ") || c.email || c.externalId);
      expect(v.externalId).toBe(c.externalId);
      expect(v.birthDate).toBe(c.birthDate);
      expect(v.totalSpent).toBe(c.totalSpent);
      expect(v.lastOrderAt).toBe(c.lastOrderAt?.toISOString() ?? null);
      expect(v.tags).toEqual(c.tags.length ? c.tags : null);
      expect(v["custom.loyalty_points"]).toBe(typeof c.attributes.loyalty_points === "number" ? String(c.attributes.loyalty_points) : null);
      expect(v["custom.interests"]).toEqual(c.attributes.interests ?? null);
      expect(v["custom.tier"]).toBe(c.attributes.tier ?? null);
      expect(v["custom.vip"]).toBe(c.attributes.vip ?? null);
      expect(v["custom.since"]).toBe(c.attributes.since ?? null);
      if (c.birthDate) {
        const [y, m, d] = c.birthDate.split("-").map(Number);
        expect(v.age).toBe(String(2026 - y - (m > 11 || (m === 11 && d > 25) ? 1 : 0)));
      } else expect(v.age).toBeNull();
    }
  });

  test("an unknown column is refused; archived custom fields can still be listed by code", async () => {
    await expect(listCustomers(ctxA(), { columns: ["email", "custom.gone"] })).rejects.toThrow(`There is no column "custom.gone"`);
    await expect(listCustomers(ctxA(), { columns: ["custom.old_code"] })).resolves.toMatchObject({ total: 60 });
  });
});

describe("scoping: one workspace never sees another's customers", () => {
  test("listing, searching and sorting in A return A's customers only", async () => {
    const bIds = new Set(bravo.map((c) => c.id));
    for (const input of [{}, { search: "ada" }, { search: "bravo" }, { sort: "custom.loyalty_points" }, { sort: "name", direction: "asc" as const }]) {
      const { ids, pages } = await allPages({ pageSize: 100, ...input });
      expect(ids.filter((id) => bIds.has(id))).toEqual([]);
      expect(pages[0].total).toBe(alpha.filter((c) => matchesSearch(c, input.search ?? "")).length);
    }
    expect((await listCustomers(ctxA(), { search: "bravo" })).total).toBe(0);
  });

  test("B's context lists B's customers only", async () => {
    const { ids } = await allPages({ pageSize: 100 }, {}, b.ctx("viewer@bravo.test"));
    expect(ids.sort()).toEqual(bravo.map((c) => c.id).sort());
  });
});

test("the columns sorted without a NULLS clause are NOT NULL in the schema", async () => {
  const rows = await db.sql.query<{ column_name: string; is_nullable: string }>(
    `SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'Customer' AND column_name = ANY($1::text[])`,
    [[...NOT_NULL_SORT_COLUMNS]],
  );
  expect(rows.map((r) => [r.column_name, r.is_nullable]).sort()).toEqual([...NOT_NULL_SORT_COLUMNS].sort().map((c) => [c, "NO"]));
});
