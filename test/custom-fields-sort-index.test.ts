import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { createCustomField, updateCustomField } from "@/lib/custom-fields/mutations";
import { sortIndexName } from "@/lib/custom-fields/sort-index";
import { LIST_DEFAULTS } from "@/lib/customers/list-schemas";
import { pageSql, resolveListQuery } from "@/lib/customers/list-sql";
import type { Db } from "@/lib/db/client";
import { getCatalog } from "@/lib/fields/queries";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
let ws: TestWorkspace;
const admin = () => ws.ctx("admin@sort.example");

beforeAll(async () => {
  db = await setupTestDb();
  ws = await createTestWorkspace(db, "sorts", [{ email: "admin@sort.example", role: "admin" }]);
});
afterAll(teardownTestDb);

async function indexDefinition(fieldId: string): Promise<string | undefined> {
  const rows = await db.sql.query<{ def: string }>(`SELECT indexdef AS def FROM pg_indexes WHERE indexname = $1`, [sortIndexName(fieldId)]);
  return rows[0]?.def;
}

/** The plan of the customer table's first page sorted by key, with sequential scans ruled out (a few test rows would not need an index). */
async function pagePlan(key: string, direction: "asc" | "desc"): Promise<string> {
  const catalog = await getCatalog({ workspaceId: ws.id });
  const query = resolveListQuery(catalog, { sort: key, direction, search: "", columns: ["name", key] }, { workspaceId: ws.id, today: "2026-11-29" });
  const page = pageSql(query, { limit: LIST_DEFAULTS.pageSize, offset: 0 });
  return db.sql.transaction(async (tx) => {
    await tx.query("SET LOCAL enable_seqscan = off");
    await tx.query("SET LOCAL enable_sort = off");
    const rows = await tx.query<{ "QUERY PLAN": string }>(`EXPLAIN ${page.text}`, page.values);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe("sort indexes of custom fields", () => {
  it("a new sortable field gets an index of its workspace that the table's sort uses, both ways", async () => {
    const field = await createCustomField(admin(), { label: "Loyalty points", type: "number" });
    const def = await indexDefinition(field.id);
    expect(def).toContain(`WHERE ("workspaceId" = '${ws.id}'::uuid)`);
    expect(def).toContain("'loyalty_points'::text");
    expect(await pagePlan("custom.loyalty_points", "desc")).toContain(`Index Scan Backward using "${sortIndexName(field.id)}"`);
    expect(await pagePlan("custom.loyalty_points", "asc")).toMatch(new RegExp(`Index Scan using "${sortIndexName(field.id)}"`));
  });

  it("a list field gets none; a type change replaces the index with one on the new type's expression", async () => {
    const tags = await createCustomField(admin(), { label: "Interests", type: "multiselect", options: [{ key: "a", label: "A" }] });
    expect(await indexDefinition(tags.id)).toBeUndefined();
    const field = await createCustomField(admin(), { label: "Tier", type: "number" });
    expect(await indexDefinition(field.id)).toContain("::numeric");
    await updateCustomField(admin(), { fieldId: field.id, label: "Tier", type: "text", options: [], description: null });
    const def = await indexDefinition(field.id);
    expect(def).not.toContain("::numeric");
    expect(def).toContain("->>");
    expect(await pagePlan("custom.tier", "asc")).toContain(`using "${sortIndexName(field.id)}"`);
  });
});
