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
  it("an import ANALYZEs what it filled, so a count over grouped order conditions right after it takes well under a second", async () => {
    // What the issue measured: 700 customers and 4,800 orders imported, then a 4-condition count at once
    // (over 100 s without statistics). Autovacuum is off here, as on these machines (PGlite has none).
    if (db.sql.kind === "postgres") {
      await db.sql.exec(`ALTER TABLE "Customer" SET (autovacuum_enabled = false); ALTER TABLE "Order" SET (autovacuum_enabled = false); ALTER TABLE "OrderItem" SET (autovacuum_enabled = false)`);
    }
    expect(await knownRows("Customer")).toBeLessThanOrEqual(0); // never analyzed: the test database is fresh
    const customers = write("customers.csv", ["email,first_name,country", ...Array.from({ length: 700 }, (_, i) => `c${i}@example.com,C${i},${i % 3 === 0 ? "PL" : "DE"}`)]);
    await importLocalFile(ctx(), "customers", customers, { columns: [{ index: 0, target: "email" }, { index: 1, target: "firstName" }, { index: 2, target: "country" }] });
    expect(await knownRows("Customer")).toBe(700);

    // 4,800 orders over the last year for 600 of the customers, one line each.
    const day = (i: number) => new Date(Date.now() - ((i * 7919) % 360) * 86_400_000).toISOString().slice(0, 10);
    const lines = Array.from({ length: 4800 }, (_, i) => `O-${i},c${i % 600}@example.com,${day(i)}T10:00:00Z,paid,SKU-${i % 7},Item,${i % 4 === 0 ? "books" : "toys"},1,${10 + (i % 50)}`);
    const orders = write("orders.csv", ["order_id,email,placed_at,status,sku,name,category,quantity,unit_price", ...lines]);
    const targets = ["orderId", "customerEmail", "placedAt", "status", "itemSku", "itemName", "itemCategory", "itemQuantity", "itemUnitPrice"];
    const { result } = await importLocalFile(ctx(), "orders", orders, { columns: targets.map((target, index) => ({ index, target })) });
    expect(result.progress).toMatchObject({ created: 4800, failed: 0 });
    expect(await knownRows("Order")).toBe(4800);
    expect(await knownRows("OrderItem")).toBe(4800);

    // The statement timeout is the bound: a plan without statistics takes seconds to minutes here.
    const definition = {
      version: 1 as const,
      root: { type: "group" as const, combinator: "and" as const, children: [
        { type: "orders" as const, measure: "count" as const, operator: "gte" as const, value: 4, window: { type: "ever" as const } },
        { type: "orders" as const, measure: "sum" as const, operator: "gt" as const, value: 50, window: { type: "last" as const, amount: 365, unit: "day" as const }, filter: { categories: ["books"] } },
        { type: "orders" as const, measure: "avg" as const, operator: "gte" as const, value: 10, window: { type: "last" as const, amount: 12, unit: "month" as const } },
        { type: "field" as const, field: "country", operator: "in" as const, value: ["PL", "DE"] },
      ] },
    };
    const started = performance.now();
    const count = await countSegment(ctx(), definition, { timeoutMs: 1000 });
    const ms = performance.now() - started;
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(600);
    console.log(`count right after the import: ${count} in ${ms.toFixed(0)} ms`);
  });

  it("leaves tables alone when an import wrote few rows compared with what the statistics know", async () => {
    expect(await refreshImportStatistics(db.sql, "customers", 50)).toEqual([]);
    expect(await refreshImportStatistics(db.sql, "customers", 110)).toEqual([]); // 110 ≤ 50 + 10 % of 700
    expect(await refreshImportStatistics(db.sql, "events", 60)).toEqual(["Event"]); // never analyzed
  });
});
