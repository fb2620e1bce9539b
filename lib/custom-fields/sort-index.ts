/**
 * Sort indexes of custom fields. The customer table sorts by a custom field through the same
 * expression the segment engine reads it with (fieldSql(…).value over c."attributes"); without an
 * index, a page at a million customers reads and sorts every row's attributes (seconds). Each
 * sortable custom field gets a partial index of its workspace on exactly that expression, ending
 * in id with NULLS FIRST as the table's order (lib/customers/list-sql.ts orderBySql), so a page is
 * an index walk. The planner matches it because the key and the workspace are bound parameters
 * planned with their values.
 *
 * DDL takes no parameters: the expression's parameters are inlined as quoted literals, and the
 * workspace id is a validated UUID.
 */
import "server-only";
import { z } from "zod";
import type { SqlDriver } from "@/lib/db/client";
import { buildCatalog, type CustomFieldInput, type FieldDefinition } from "@/lib/fields/catalog";
import { fieldSql } from "@/lib/fields/sql";
import type { Prisma } from "@/lib/generated/prisma/client";

const uuid = z.uuid();

/** Types the customer table can sort by (lists cannot be sorted). */
const SORTABLE = new Set(["text", "number", "date", "boolean", "select"]);

function literal(value: unknown): string {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") throw new Error(`Cannot inline a ${typeof value} into an index definition.`);
  return `'${value.replaceAll("'", "''")}'`;
}

/** The SQL text of a Prisma.Sql with its $n parameters written in as literals. */
function inline(sql: Prisma.Sql): string {
  return sql.text.replace(/\$(\d+)/g, (_, n: string) => literal(sql.values[Number(n) - 1]));
}

/** The index name of a custom field (by its id: keys may be reused after a type change… never across fields). */
export function sortIndexName(fieldId: string): string {
  return `Customer_cf_${uuid.parse(fieldId).replaceAll("-", "")}_idx`;
}

/** The CREATE INDEX statement for a custom field's sort order, or null when its type is not sortable. */
export function sortIndexSql(workspaceId: string, field: { id: string } & CustomFieldInput): string | null {
  if (!SORTABLE.has(field.type)) return null;
  const [definition] = buildCatalog([field]).fields.filter((f): f is FieldDefinition => f.source.kind === "attribute");
  // Strip the alias: an index expression names the table's columns bare.
  const expression = inline(fieldSql(definition, "2000-01-01").value).replaceAll('c."attributes"', '"attributes"');
  return `CREATE INDEX IF NOT EXISTS "${sortIndexName(field.id)}" ON "Customer" ("workspaceId", (${expression}) NULLS FIRST, "id")
    WHERE "workspaceId" = '${uuid.parse(workspaceId)}'::uuid`;
}

/** Creates the field's sort index when its type is sortable and it has none (dropping one of an earlier type first). */
export async function ensureSortIndex(sql: Pick<SqlDriver, "exec">, workspaceId: string, field: { id: string } & CustomFieldInput, options: { replace?: boolean } = {}): Promise<void> {
  if (options.replace) await sql.exec(`DROP INDEX IF EXISTS "${sortIndexName(field.id)}"`);
  const create = sortIndexSql(workspaceId, field);
  if (create) await sql.exec(create);
}

/** Ensures the sort index of every custom field of a workspace (after a seed, or for a database made before they existed). */
export async function ensureWorkspaceSortIndexes(sql: Pick<SqlDriver, "exec" | "query">, workspaceId: string): Promise<number> {
  const fields = await sql.query<{ id: string } & CustomFieldInput>(
    `SELECT "id"::text AS "id", "key", "label", "type"::text AS "type" FROM "CustomField" WHERE "workspaceId" = $1::uuid`,
    [workspaceId],
  );
  for (const field of fields) await ensureSortIndex(sql, workspaceId, field);
  return fields.length;
}
