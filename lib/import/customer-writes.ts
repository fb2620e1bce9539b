import "server-only";
import type { WritableColumn } from "@/lib/customers/schemas";
import type { SqlDriver } from "@/lib/db/client";
import type { CustomerRow } from "./customer-rows";
import type { ImportPlan } from "./plan";
import type { WriteOutcome } from "./outcome";

// The SQL type of each writable column, for jsonb_to_recordset. Identifiers come from this list only.
const COLUMN_TYPES: Readonly<Record<WritableColumn, string>> = {
  externalId: "text", email: "text", firstName: "text", lastName: "text", phone: "text", birthDate: "date", gender: "text",
  country: "text", city: "text", region: "text", language: "text", company: "text", jobTitle: "text", industry: "text",
  companySize: "integer", income: "numeric(14,2)", maritalStatus: "text", education: "text", lifecycleStage: "text",
  tags: "text[]", emailOptIn: "boolean", source: "text", signedUpAt: "timestamptz", lastSeenAt: "timestamptz",
};

const MATCH_COLUMN = { email: `"email"`, externalId: `"externalId"` } as const;

/** The standard columns and custom attribute keys a plan writes. */
export interface CustomerShape {
  columns: WritableColumn[];
  writesAttributes: boolean;
}

/** Which columns a customer import writes: those its mapped targets store into. */
export function customerShape(plan: ImportPlan): CustomerShape {
  const columns: WritableColumn[] = [];
  let writesAttributes = false;
  for (const { target } of plan.columns) {
    if (target.key === "externalId") columns.push("externalId");
    else if (target.field?.source.kind === "column" && target.field.source.column in COLUMN_TYPES) columns.push(target.field.source.column as WritableColumn);
    else if (target.field?.source.kind === "attribute") writesAttributes = true;
  }
  return { columns, writesAttributes };
}

const quote = (column: string) => `"${column}"`;

function recordset(shape: CustomerShape): string {
  const defs = [...shape.columns.map((c) => `${quote(c)} ${COLUMN_TYPES[c]}`), `"attributes" jsonb`, `"n" integer`];
  return `jsonb_to_recordset($2::jsonb) AS r(${defs.join(", ")})`;
}

function payload(rows: readonly CustomerRow[]): string {
  return JSON.stringify(rows.map((row, n) => ({ ...row.write.columns, attributes: row.write.attributes, n })));
}

/** Inserts the rows whose match key is new in the workspace; returns the keys it inserted. */
async function insertNew(tx: SqlDriver, workspaceId: string, plan: ImportPlan, shape: CustomerShape, rows: readonly CustomerRow[]): Promise<Set<string>> {
  const columns = shape.columns.map(quote);
  const values = shape.columns.map((c) => `r.${quote(c)}`);
  const inserted = await tx.query<{ key: string }>(
    `INSERT INTO "Customer" ("workspaceId", ${[...columns, `"attributes"`].join(", ")})
     SELECT $1::uuid, ${[...values, `COALESCE(jsonb_strip_nulls(r."attributes"), '{}'::jsonb)`].join(", ")}
       FROM ${recordset(shape)} ORDER BY r."n"
     ON CONFLICT ("workspaceId", ${MATCH_COLUMN[plan.match]}) DO NOTHING
     RETURNING ${MATCH_COLUMN[plan.match]} AS "key"`,
    [workspaceId, payload(rows)],
  );
  return new Set(inserted.map((r) => r.key));
}

/** Updates the mapped fields of existing customers, found by the match key. */
async function updateExisting(tx: SqlDriver, workspaceId: string, plan: ImportPlan, shape: CustomerShape, rows: readonly CustomerRow[]): Promise<void> {
  const pairs = shape.columns.map((c) => [quote(c), `r.${quote(c)}`]);
  if (shape.writesAttributes) pairs.push([`"attributes"`, `jsonb_strip_nulls(c."attributes" || COALESCE(r."attributes", '{}'::jsonb))`]);
  const sets = [...pairs.map(([column, value]) => `${column} = ${value}`), `"updatedAt" = CURRENT_TIMESTAMP`];
  // Rows already holding these values are left alone: re-importing a file rewrites nothing.
  const changed = `(${pairs.map(([column]) => `c.${column}`).join(", ")}) IS DISTINCT FROM (${pairs.map(([, value]) => value).join(", ")})`;
  const match = MATCH_COLUMN[plan.match];
  await tx.query(
    `UPDATE "Customer" AS c SET ${sets.join(", ")}
       FROM ${recordset(shape)}
      WHERE c."workspaceId" = $1::uuid AND c.${match} = r.${match} AND ${changed}`,
    [workspaceId, payload(rows)],
  );
}

// Rows sharing a match key go in successive waves, so a later row updates what an earlier one created.
function waves(rows: readonly CustomerRow[]): CustomerRow[][] {
  const result: CustomerRow[][] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const wave = seen.get(row.key) ?? 0;
    seen.set(row.key, wave + 1);
    (result[wave] ??= []).push(row);
  }
  return result;
}

/**
 * Writes valid customer rows with set-based SQL: rows whose match key is new are created (one
 * INSERT … ON CONFLICT DO NOTHING); the others are updated (only the mapped fields; custom
 * attributes merged; unchanged rows not rewritten) or skipped. Throws when the database refuses
 * any row (e.g. another customer already has that external id); the caller then retries row by
 * row to find it.
 */
export async function writeCustomers(tx: SqlDriver, workspaceId: string, plan: ImportPlan, rows: readonly CustomerRow[]): Promise<WriteOutcome> {
  const shape = customerShape(plan);
  const outcome: WriteOutcome = { created: 0, updated: 0, skipped: 0, errors: [] };
  for (const wave of waves(rows)) {
    const inserted = await insertNew(tx, workspaceId, plan, shape, wave);
    const matched = wave.filter((r) => !inserted.has(r.key));
    outcome.created += inserted.size;
    if (plan.onExisting === "skip") outcome.skipped += matched.length;
    else if (matched.length > 0) {
      await updateExisting(tx, workspaceId, plan, shape, matched);
      outcome.updated += matched.length;
    }
  }
  return outcome;
}
