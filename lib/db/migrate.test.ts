import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgliteDriver, type SqlDriver } from "./driver";
import { MigrationError, migrate, readMigrationFiles } from "./migrate";

let dir: string;
let pglite: PGlite;
let sql: SqlDriver;

function writeMigration(name: string, body: string) {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, "migration.sql"), body);
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-migrations-"));
  pglite = await PGlite.create();
  sql = pgliteDriver(pglite);
});
afterEach(async () => {
  await pglite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("migrate", () => {
  it("applies pending migrations in order and records them as Prisma does", async () => {
    writeMigration("20260102000000_b", `ALTER TABLE "T" ADD COLUMN "b" int;`);
    writeMigration("20260101000000_a", `CREATE TABLE "T" ("a" int);`);
    expect(await migrate(sql, { dir })).toEqual(["20260101000000_a", "20260102000000_b"]);
    const rows = await sql.query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null }>(
      `SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = readMigrationFiles(dir);
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(files.map((f) => [f.name, f.checksum, 1]));
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(await sql.query(`SELECT a, b FROM "T"`)).toEqual([]);
  });

  it("applies nothing the second time", async () => {
    writeMigration("20260101000000_a", `CREATE TABLE "T" ("a" int);`);
    await migrate(sql, { dir });
    expect(await migrate(sql, { dir })).toEqual([]);
  });

  it("refuses a migration file changed after it was applied, and applies nothing", async () => {
    writeMigration("20260101000000_a", `CREATE TABLE "T" ("a" int);`);
    await migrate(sql, { dir });
    writeMigration("20260101000000_a", `CREATE TABLE "T" ("a" bigint);`);
    writeMigration("20260102000000_b", `CREATE TABLE "U" ("b" int);`);
    await expect(migrate(sql, { dir })).rejects.toThrow(/20260101000000_a was changed after it was applied/);
    await expect(migrate(sql, { dir })).rejects.toBeInstanceOf(MigrationError);
    expect(await sql.query(`SELECT to_regclass('"U"') AS u`)).toEqual([{ u: null }]);
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    writeMigration("20260101000000_a", `CREATE TABLE "T" ("a" int); INSERT INTO "Missing" VALUES (1);`);
    await expect(migrate(sql, { dir })).rejects.toThrow(/Missing/);
    expect(await sql.query(`SELECT to_regclass('"T"') AS t`)).toEqual([{ t: null }]);
    expect(await sql.query(`SELECT migration_name FROM "_prisma_migrations"`)).toEqual([]);
  });

  it("refuses a database that has a migration this code does not know", async () => {
    writeMigration("20260101000000_a", `CREATE TABLE "T" ("a" int);`);
    await migrate(sql, { dir });
    fs.rmSync(path.join(dir, "20260101000000_a"), { recursive: true });
    await expect(migrate(sql, { dir })).rejects.toThrow(/has migration 20260101000000_a applied, but prisma\/migrations has no such folder/);
  });
});
