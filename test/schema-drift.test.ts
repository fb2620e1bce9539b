import fs from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { setupTestDb, teardownTestDb } from "./support/db";

// Prisma's own schema parser (the WASM build its CLI uses) gives the model metadata.
const require = createRequire(import.meta.url);
const wasm = require("@prisma/prisma-schema-wasm") as { get_dmmf(params: string): string };

interface DmmfField {
  name: string;
  kind: "scalar" | "object" | "enum";
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType: [string, string[]] | null;
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  algorithm?: string;
  fields: { name: string }[];
}
interface Dmmf {
  datamodel: { models: { name: string; fields: DmmfField[] }[]; indexes: DmmfIndex[]; enums: { name: string; values: { name: string }[] }[] };
}

const dmmf: Dmmf = JSON.parse(
  wasm.get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", fs.readFileSync("prisma/schema.prisma", "utf8")]] })),
);

/** The PostgreSQL type (as format_type prints it) that Prisma maps a field to. */
function expectedType(f: DmmfField): string {
  const [native, args] = f.nativeType ?? [null, []];
  const byType: Record<string, () => string> = {
    String: () => (native === "Uuid" ? "uuid" : "text"),
    Int: () => "integer",
    BigInt: () => "bigint",
    Float: () => (native === "Real" ? "real" : "double precision"),
    Boolean: () => "boolean",
    Json: () => "jsonb",
    Decimal: () => `numeric(${args[0] ?? 65},${args[1] ?? 30})`,
    DateTime: () =>
      native === "Date" ? "date" : native === "Timestamptz" ? `timestamp(${args[0] ?? 3}) with time zone` : `timestamp(${args[0] ?? 3}) without time zone`,
  };
  const base = f.kind === "enum" ? `"${f.type}"` : byType[f.type]?.();
  if (!base) throw new Error(`No mapping for Prisma type ${f.type}`);
  return f.isList ? `${base}[]` : base;
}

function expectedIndexName(i: DmmfIndex): string {
  if (i.type === "id") return `${i.model}_pkey`;
  const cols = i.fields.map((f) => f.name).join("_");
  return `${i.model}_${cols}_${i.type === "unique" ? "key" : "idx"}`;
}

let db: Db;
beforeAll(async () => {
  db = await setupTestDb();
});
afterAll(teardownTestDb);

describe("the migrated database matches prisma/schema.prisma", () => {
  it("has exactly the schema's tables", async () => {
    const rows = await db.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(dmmf.datamodel.models.map((m) => m.name).sort());
  });

  it("has the same columns with the same types and nullability", async () => {
    const rows = await db.sql.query<{ table: string; column: string; type: string; notnull: boolean }>(`
      SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '_prisma_migrations'`);
    const actual = rows.map((r) => `${r.table}.${r.column} ${r.type}${r.notnull ? " NOT NULL" : ""}`).sort();
    const expected = dmmf.datamodel.models
      .flatMap((m) =>
        m.fields
          .filter((f) => f.kind !== "object")
          .map((f) => `${m.name}.${f.name} ${expectedType(f)}${f.isRequired || f.isList ? " NOT NULL" : ""}`),
      )
      .sort();
    expect(actual).toEqual(expected);
  });

  it("has the same enums", async () => {
    const rows = await db.sql.query<{ name: string; value: string }>(
      `SELECT t.typname AS name, e.enumlabel AS value FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY t.typname, e.enumsortorder`,
    );
    const actual = rows.map((r) => `${r.name}.${r.value}`);
    const expected = dmmf.datamodel.enums.flatMap((e) => e.values.map((v) => `${e.name}.${v.name}`));
    expect(actual.sort()).toEqual(expected.sort());
  });

  it("has the same primary keys, unique constraints and indexes, named as Prisma names them", async () => {
    const rows = await db.sql.query<{ table: string; name: string; columns: string[]; unique: boolean; primary: boolean; method: string }>(`
      SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary, am.amname AS method,
             array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
      FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
      WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`);
    const kind = (primary: boolean, unique: boolean) => (primary ? "primary" : unique ? "unique" : "index");
    const actual = rows.map((r) => `${r.name}: ${kind(r.primary, r.unique)} ${r.method} (${r.columns.join(", ")})`).sort();
    // Expression indexes Prisma cannot describe, each made by a migration that says why.
    const expressionIndexes = ["Customer_search_trgm_idx: index gin ()"];
    // Partial unique indexes Prisma cannot describe, each made by a migration that says why.
    const partialIndexes = ["Invitation_workspaceId_email_open_key: unique btree (workspaceId, email)"];
    const expected = dmmf.datamodel.indexes
      .map((i) => {
        const method = (i.algorithm ?? "BTree").toLowerCase();
        return `${expectedIndexName(i)}: ${kind(i.type === "id", i.type !== "normal")} ${method} (${i.fields.map((f) => f.name).join(", ")})`;
      })
      .concat(expressionIndexes, partialIndexes)
      .sort();
    expect(actual).toEqual(expected);
  });

  it("leads every index of a workspace-owned table with workspaceId", () => {
    const owned = new Set(dmmf.datamodel.models.filter((m) => m.fields.some((f) => f.name === "workspaceId")).map((m) => m.name));
    // Deliberate exceptions: "my workspaces" looks memberships up by user, and an API key is
    // found by its hash before its workspace is known, and so is an invitation link; expired
    // idempotency records are pruned across workspaces; job runners claim the earliest due job of
    // any workspace (state, runAt) with SKIP LOCKED; the webhook deliverer finds due messages
    // across workspaces.
    const exceptions = new Set(["Membership.userId", "ApiKey.hashedKey", "Invitation.tokenHash", "ApiIdempotency.expiresAt", "Job.state", "WebhookMessage.nextAttemptAt"]);
    const offenders = dmmf.datamodel.indexes.filter(
      (i) => owned.has(i.model) && i.fields[0].name !== "workspaceId" && i.algorithm !== "Gin" && !exceptions.has(`${i.model}.${i.fields[0].name}`),
    );
    expect(offenders).toEqual([]);
  });
});
