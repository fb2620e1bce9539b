/**
 * Imports refresh the planner's statistics of the tables they filled (autovacuum is off on these
 * machines, and a fresh table without statistics makes counts over orders pick nested loops).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { refreshImportStatistics } from "@/lib/import/statistics";
import { importLocalFile } from "@/lib/import/testing";
import { countSegment } from "@/lib/segments/count";
import { setupTestDb, teardownTestDb } from "./support/db";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-stats-"));
let db: Db;
let ws: TestWorkspace;
const ctx = () => ws.ctx("editor@s.example");

beforeAll(async () => {
  process.env.SEGMENTA_DATA_DIR = dir;
  db = await setupTestDb();
  ws = await createTestWorkspace(db, "stats", [{ email: "editor@s.example", role: "editor" }]);
});
afterAll(async () => {
  await teardownTestDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function knownRows(table: string): Promise<number> {
  const [row] = await db.sql.query<{ reltuples: number }>(`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE relname = $1 AND relnamespace = to_regnamespace(current_schema())`, [table]);
  return row.reltuples;
}

function write(name: string, lines: string[]): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, lines.join("\n") + "\n");
  return p;
}

describe("statistics after an import", () => {
  it("customers and orders imports ANALYZE the tables they filled, so the planner knows their sizes", async () => {
    expect(await knownRows("Customer")).toBeLessThanOrEqual(0); // never analyzed: the test database is fresh
    const customers = write("customers.csv", ["email,first_name", ...Array.from({ length: 300 }, (_, i) => `c${i}@example.com,C${i}`)]);
    await importLocalFile(ctx(), "customers", customers, { columns: [{ index: 0, target: "email" }, { index: 1, target: "firstName" }] });
    expect(await knownRows("Customer")).toBe(300);

    // Four paid orders each for 300 customers, one line per order.
    const lines = Array.from({ length: 1200 }, (_, i) => `O-${i},c${i % 300}@example.com,2026-0${1 + (i % 9)}-15T10:00:00Z,paid,SKU-${i % 7},Item,books,1,${10 + (i % 50)}`);
    const orders = write("orders.csv", ["order_id,email,placed_at,status,sku,name,category,quantity,unit_price", ...lines]);
    const targets = ["orderId", "customerEmail", "placedAt", "status", "itemSku", "itemName", "itemCategory", "itemQuantity", "itemUnitPrice"];
    const { result } = await importLocalFile(ctx(), "orders", orders, { columns: targets.map((target, index) => ({ index, target })) });
    expect(result.progress).toMatchObject({ created: 1200, failed: 0 });
    expect(await knownRows("Order")).toBe(1200);
    expect(await knownRows("OrderItem")).toBe(1200);

    // The count the issue measured: grouped order conditions over the fresh rows.
    const count = await countSegment(ctx(), {
      version: 1,
      root: { type: "group", combinator: "and", children: [
        { type: "orders", measure: "count", operator: "gte", value: 4, window: { type: "ever" } },
        { type: "orders", measure: "sum", operator: "gt", value: 0, window: { type: "ever" }, filter: { categories: ["books"] } },
      ] },
    });
    expect(count).toBe(300);
  });

  it("leaves tables alone when an import wrote few rows compared with what the statistics know", async () => {
    expect(await refreshImportStatistics(db.sql, "customers", 50)).toEqual([]);
    expect(await refreshImportStatistics(db.sql, "customers", 60)).toEqual([]); // 60 ≤ 50 + 10 % of 300
    expect(await refreshImportStatistics(db.sql, "events", 60)).toEqual(["Event"]); // never analyzed
  });
});
