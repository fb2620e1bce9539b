/** The catalog and the calendar math against the database: getCatalog, the SQL age expression, day starts. */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { buildCatalog, findField, pickableFields } from "@/lib/fields/catalog";
import { getCatalog } from "@/lib/fields/queries";
import { fieldSql } from "@/lib/fields/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { addDays, ageOn, startOfDay } from "@/lib/segments/time";
import { setupTestDb, teardownTestDb } from "./support/db";
import { createWorkspace, customer, insertCustomers } from "./segments-support";

let db: Db;
beforeAll(async () => {
  db = await setupTestDb();
});
afterAll(teardownTestDb);

test("getCatalog adds the workspace's custom fields, archived ones flagged, in position order", async () => {
  const ws = await createWorkspace(db.sql);
  const other = await createWorkspace(db.sql);
  const insert = (workspaceId: string, key: string, type: string, position: number, extra: { options?: unknown; archived?: boolean } = {}) =>
    db.sql.query(
      `INSERT INTO "CustomField" ("workspaceId", "key", "label", "type", "options", "archived", "position") VALUES ($1, $2, $3, $4::"CustomFieldType", $5::jsonb, $6, $7)`,
      [workspaceId, key, key.toUpperCase(), type, JSON.stringify(extra.options ?? []), extra.archived ?? false, position],
    );
  await insert(ws, "tier", "select", 2, { options: [{ key: "gold", label: "Gold" }] });
  await insert(ws, "points", "number", 1);
  await insert(ws, "old", "text", 3, { archived: true });
  await insert(other, "secret", "text", 0);
  const catalog = await getCatalog({ workspaceId: ws });
  expect(catalog.fields.filter((f) => f.group === "Custom").map((f) => f.key)).toEqual(["custom.points", "custom.tier", "custom.old"]);
  expect(findField(catalog, "custom.tier")?.options).toEqual([{ key: "gold", label: "Gold" }]);
  expect(findField(catalog, "custom.old")?.archived).toBe(true);
  expect(findField(catalog, "custom.secret")).toBeUndefined();
  expect(pickableFields(catalog).find((g) => g.group === "Custom")?.fields.map((f) => f.key)).toEqual(["custom.points", "custom.tier"]);
});

test("the SQL age expression is ageOn, leap days included", async () => {
  const ws = await createWorkspace(db.sql);
  const births = ["2000-02-29", "2000-02-28", "2000-03-01", "1990-12-31", "1991-01-01", "2024-03-16", "1950-06-15"];
  const people = births.map((birthDate) => customer({ birthDate }));
  await insertCustomers(db.sql, ws, people);
  const age = findField(buildCatalog(), "age")!;
  for (const today of ["2023-02-27", "2023-02-28", "2023-03-01", "2024-02-28", "2024-02-29", "2024-12-31", "2025-01-01", "2024-03-15"]) {
    const q = Prisma.sql`SELECT c."birthDate"::text AS birth, ${fieldSql(age, today).value} AS age FROM "Customer" c WHERE c."workspaceId" = ${ws}::uuid`;
    const rows = await db.sql.query<{ birth: string; age: number }>(q.text, q.values);
    for (const row of rows) expect([today, row.birth, row.age]).toEqual([today, row.birth, ageOn(row.birth, today)]);
  }
});

test("day starts agree with PostgreSQL's time zone database", async () => {
  const zones = ["Europe/Warsaw", "America/New_York", "Pacific/Auckland", "America/Santiago", "Australia/Lord_Howe"];
  const days = Array.from({ length: 731 }, (_, i) => addDays("2023-06-01", i));
  for (const zone of zones) {
    const rows = await db.sql.query<{ day: string; start: Date }>(
      `SELECT d::text AS day, (d::timestamp AT TIME ZONE $2) AS start FROM unnest($1::date[]) AS d`,
      [days, zone],
    );
    const mismatches = rows.filter((r) => r.start.getTime() !== startOfDay(r.day, zone)).map((r) => `${zone} ${r.day}`);
    expect(mismatches).toEqual([]);
  }
});
