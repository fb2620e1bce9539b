import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { GET } from "@/app/w/[workspace]/customers/export/route";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { exportCustomersCsv } from "@/lib/customers/export";
import { csvValue } from "@/lib/customers/export-csv";
import { listCustomers } from "@/lib/customers/list";
import type { Db } from "@/lib/db/client";
import { expectedOrder, matchesSearch, seedCustomers, type FixtureCustomer } from "./customers-list-fixtures";
import { setupTestDb, teardownTestDb } from "./support/db";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

let db: Db;
let a: TestWorkspace;
let b: TestWorkspace;
let alpha: FixtureCustomer[];
let bravo: FixtureCustomer[];

beforeAll(async () => {
  db = await setupTestDb();
  a = await createTestWorkspace(db, "alpha", [
    { email: "editor@alpha.test", role: "editor" },
    { email: "viewer@alpha.test", role: "viewer" },
  ]);
  b = await createTestWorkspace(db, "bravo", [{ email: "admin@bravo.test", role: "admin" }]);
  alpha = await seedCustomers(db, a.id, 60);
  bravo = await seedCustomers(db, b.id, 12, "bravo");
});
afterAll(teardownTestDb);
beforeEach(() => {
  session.user = null;
});

const editor = () => a.ctx("editor@alpha.test");

// TextDecoder (and Response.text()) drop a leading BOM unless told not to; the test must see it.
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return decoder.decode(await new Response(stream).arrayBuffer());
}

function records(csv: string): string[][] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  return parse(csv.slice(1), { relax_column_count: false });
}

/** How many export cursors are still open (PGlite: in its one session, the query's own unnamed portal aside; PostgreSQL: transactions left open). */
async function openCursors(): Promise<number> {
  if (db.pglite) return Number((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_cursors WHERE name LIKE 'customer_export_%'`))[0].n);
  const [row] = await db.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
  );
  return row.n;
}

describe("the CSV equals the listed rows", () => {
  const views = [
    { columns: ["email", "country", "totalSpent", "lastOrderAt", "createdAt"] },
    { sort: "custom.loyalty_points", direction: "asc" as const, search: "example", columns: ["name", "tags", "custom.interests", "custom.vip", "custom.since", "custom.notes", "company", "birthDate", "age"] },
    { sort: "name", direction: "asc" as const, search: "li", columns: ["externalId", "custom.tier"] },
  ];
  for (const [i, view] of views.entries()) {
    test(`view ${i + 1}: same rows, same order, same values`, async () => {
      const { stream, header } = await exportCustomersCsv(editor(), view, { batchRows: 7 });
      const [head, ...body] = records(await readAll(stream));
      expect(head).toEqual(header);
      expect(head.slice(0, 5)).toEqual(["id", "externalId", "email", "firstName", "lastName"]);

      const exportColumns = head.slice(1);
      const listed = await listCustomers(editor(), { ...view, pageSize: 100, columns: exportColumns });
      expect(listed.totalIsExact).toBe(true);
      expect(body.map((r) => r[0])).toEqual(listed.rows.map((r) => r.id));
      const types = new Map(listed.columns.map((c) => [c.key, c.type]));
      const expected = listed.rows.map((r) => [r.id, ...exportColumns.map((k) => csvValue(types.get(k)!, r.values[k] ?? null))]);
      expect(body).toEqual(expected);
      const matching = alpha.filter((c) => matchesSearch(c, view.search ?? ""));
      expect(body.map((r) => r[0])).toEqual(expectedOrder(matching, view.sort ?? "createdAt", view.direction ?? "desc"));
    });
  }

  test("names, quotes, commas and line breaks survive; lists use ';'; formulas are neutralized", async () => {
    const { stream } = await exportCustomersCsv(editor(), { columns: ["company", "custom.interests", "custom.notes", "custom.vip"] }, { batchRows: 1000 });
    const [head, ...body] = records(await readAll(stream));
    const at = (key: string) => head.indexOf(key);
    const byId = new Map(body.map((r) => [r[0], r]));
    for (const c of alpha) {
      const row = byId.get(c.id)!;
      expect(row[at("firstName")]).toBe(c.firstName ?? "");
      expect(row[at("lastName")]).toBe(c.lastName ?? "");
      expect(row[at("company")]).toBe(c.company ?? "");
      expect(row[at("custom.interests")]).toBe(((c.attributes.interests as string[] | undefined) ?? []).join(";"));
      const notes = c.attributes.notes as string | undefined;
      expect(row[at("custom.notes")]).toBe(notes ? (notes.startsWith("=") ? `'${notes}` : notes) : "");
      expect(row[at("custom.vip")]).toBe(c.attributes.vip === undefined ? "" : String(c.attributes.vip));
    }
    expect(body.some((r) => r[at("company")].includes("\n"))).toBe(true);
  });

  test("an export is scoped to its workspace", async () => {
    const { stream } = await exportCustomersCsv(editor(), { search: "bravo" });
    expect(records(await readAll(stream))).toHaveLength(1);
    const all = records(await readAll((await exportCustomersCsv(editor(), {})).stream));
    const bIds = new Set(bravo.map((c) => c.id));
    expect(all.slice(1).filter((r) => bIds.has(r[0]))).toEqual([]);
    expect(all).toHaveLength(61);
  });

  test("unknown columns and list sorts are refused before anything is written", async () => {
    const before = await db.prisma.auditLog.count({ where: { workspaceId: a.id } });
    await expect(exportCustomersCsv(editor(), { columns: ["custom.gone"] })).rejects.toThrow(`There is no column "custom.gone"`);
    await expect(exportCustomersCsv(editor(), { sort: "tags" })).rejects.toThrow("Tags is a list and cannot be sorted by.");
    expect(await db.prisma.auditLog.count({ where: { workspaceId: a.id } })).toBe(before);
  });
});

describe("streaming", () => {
  test("batches are fetched as the stream is read; cancelling closes the cursor", async () => {
    const { stream } = await exportCustomersCsv(editor(), {}, { batchRows: 5 });
    const reader = stream.getReader();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toMatch(/^\uFEFFid,externalId,email,/);
    const second = await reader.read();
    expect(decoder.decode(second.value).split("\r\n").filter(Boolean)).toHaveLength(5);
    await reader.cancel();
    await vi.waitFor(async () => expect(await openCursors()).toBe(0));
  });

  test("a finished export leaves no cursor or transaction open", async () => {
    await readAll((await exportCustomersCsv(editor(), {}, { batchRows: 60 })).stream); // exactly one full batch, then an empty one
    await readAll((await exportCustomersCsv(editor(), {}, { batchRows: 61 })).stream);
    expect(await openCursors()).toBe(0);
  });

  test("each export is recorded in the audit log", async () => {
    await readAll((await exportCustomersCsv(editor(), { search: "ada", sort: "name", direction: "asc" })).stream);
    const entry = await db.prisma.auditLog.findFirst({ where: { workspaceId: a.id, action: "customer.export" }, orderBy: { id: "desc" } });
    expect(entry).toMatchObject({ actorId: editor().userId, entityType: "customer", diff: { search: "ada", sort: "name", direction: "asc" } });
  });
});

describe("the export route", () => {
  const signIn = (ws: TestWorkspace, email: string) => {
    session.user = { id: ws.userId(email), email, name: email };
  };
  const get = (slug: string, query = "") => GET(new Request(`http://localhost/w/${slug}/customers/export${query}`), { params: Promise.resolve({ workspace: slug }) });

  test("an editor downloads the view as a CSV attachment", async () => {
    signIn(a, "editor@alpha.test");
    const res = await get("alpha", "?q=acme&sort=name&dir=asc&cols=email,custom.tier&page=3&size=50");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="customers-alpha-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const [head, ...body] = records(await readAll(res.body!));
    expect(head).toEqual(["id", "externalId", "email", "firstName", "lastName", "custom.tier"]);
    expect(body.map((r) => r[0])).toEqual(expectedOrder(alpha.filter((c) => matchesSearch(c, "acme")), "name", "asc"));
  });

  test("bad URL parameters fall back like the page does", async () => {
    signIn(a, "editor@alpha.test");
    const res = await get("alpha", "?sort=nope&cols=nope,email&dir=sideways");
    const [head, ...body] = records(await readAll(res.body!));
    expect(head).toEqual(["id", "externalId", "email", "firstName", "lastName"]);
    expect(body.map((r) => r[0])).toEqual(expectedOrder(alpha, "createdAt", "desc"));
  });

  test("a viewer is refused with 403, a stranger gets 404, no session 401; nothing is exported", async () => {
    const before = await db.prisma.auditLog.count({ where: { action: "customer.export" } });
    signIn(a, "viewer@alpha.test");
    const viewer = await get("alpha");
    expect(viewer.status).toBe(403);
    expect((await viewer.json()).error).toMatch(/permission/i);
    signIn(b, "admin@bravo.test");
    expect((await get("alpha")).status).toBe(404);
    session.user = null;
    expect((await get("alpha")).status).toBe(401);
    expect(await db.prisma.auditLog.count({ where: { action: "customer.export" } })).toBe(before);
  });
});
