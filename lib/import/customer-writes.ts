import "server-only";
import type { WritableColumn } from "@/lib/customers/schemas";
import type { SqlDriver } from "@/lib/db/client";
import type { CustomerRow } from "./customer-rows";
import type { ImportPlan } from "./plan";
import type { WriteOutcome } from "./outcome";

// The SQL type of each writable column, for jsonb_to_recordset. Identifiers come from this list only.
export const COLUMN_TYPES: Readonly<Record<WritableColumn, string>> = {
  externalId: "text", email: "text", firstName: "text", lastName: "text", phone: "text", birthDate: "date", gender: "text",
  country: "text", city: "text", region: "text", language: "text", company: "text", jobTitle: "text", industry: "text",
  companySize: "integer", income: "numeric(14,2)", maritalStatus: "text", education: "text", lifecycleStage: "text",
  tags: "text[]", emailOptIn: "boolean", source: "text", signedUpAt: "timestamptz", lastSeenAt: "timestamptz",
};

const MATCH_COLUMN = { email: `"email"`, externalId: `"externalId"` } as const;

/** The import a write belongs to, recorded with each consent it changes. */
export interface ImportOrigin {
  jobId: string;
  /** The person who started the job. */
  actorId: string | null;
}

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

// The consent record of a row whose cell changes emailOptIn ($3 = job id, $4 = the person who started it).
// `changes` is the SQL condition of a change; an empty cell never is one (see lib/import/README.md).
function consentRecord(changes: string, keep: (column: string) => string): [string, string][] {
  const when = (value: string, column: string) => `CASE WHEN ${changes} THEN ${value} ELSE ${keep(column)} END`;
  return [
    [`"emailOptInChangedAt"`, when("CURRENT_TIMESTAMP", `"emailOptInChangedAt"`)],
    [`"emailOptInSource"`, when(`'import'::"ConsentSource"`, `"emailOptInSource"`)],
    [`"emailOptInChangedById"`, when("$4::uuid", `"emailOptInChangedById"`)],
    [`"emailOptInImportJobId"`, when("$3::uuid", `"emailOptInImportJobId"`)],
  ];
}

const writesConsent = (shape: CustomerShape) => shape.columns.includes("emailOptIn");
const originParams = (shape: CustomerShape, origin: ImportOrigin) => (writesConsent(shape) ? [origin.jobId, origin.actorId] : []);

/** Inserts the rows whose match key is new in the workspace; returns the keys it inserted. */
async function insertNew(tx: SqlDriver, workspaceId: string, plan: ImportPlan, shape: CustomerShape, rows: readonly CustomerRow[], origin: ImportOrigin): Promise<Set<string>> {
  const pairs: [string, string][] = shape.columns.map((c) => [quote(c), `r.${quote(c)}`]);
  // A new customer with an empty cell is "never asked": nothing was answered, so nothing is recorded.
  if (writesConsent(shape)) pairs.push(...consentRecord(`r."emailOptIn" IS NOT NULL`, () => "NULL"));
  const inserted = await tx.query<{ key: string }>(
    `INSERT INTO "Customer" ("workspaceId", ${[...pairs.map(([c]) => c), `"attributes"`].join(", ")})
     SELECT $1::uuid, ${[...pairs.map(([, v]) => v), `COALESCE(jsonb_strip_nulls(r."attributes"), '{}'::jsonb)`].join(", ")}
       FROM ${recordset(shape)} ORDER BY r."n"
     ON CONFLICT ("workspaceId", ${MATCH_COLUMN[plan.match]}) DO NOTHING
     RETURNING ${MATCH_COLUMN[plan.match]} AS "key"`,
    [workspaceId, payload(rows), ...originParams(shape, origin)],
  );
  return new Set(inserted.map((r) => r.key));
}

/** Updates the mapped fields of existing customers, found by the match key. */
async function updateExisting(tx: SqlDriver, workspaceId: string, plan: ImportPlan, shape: CustomerShape, rows: readonly CustomerRow[], origin: ImportOrigin): Promise<void> {
  // An empty consent cell keeps what is stored: a file without an answer must not erase a recorded one.
  const pairs = shape.columns.map((c) => [quote(c), c === "emailOptIn" ? `COALESCE(r."emailOptIn", c."emailOptIn")` : `r.${quote(c)}`]);
  if (shape.writesAttributes) pairs.push([`"attributes"`, `jsonb_strip_nulls(c."attributes" || COALESCE(r."attributes", '{}'::jsonb))`]);
  // SET expressions read the row as it was, so c."emailOptIn" is the value before this update.
  const consent = writesConsent(shape) ? consentRecord(`r."emailOptIn" IS NOT NULL AND r."emailOptIn" IS DISTINCT FROM c."emailOptIn"`, (column) => `c.${column}`) : [];
  const sets = [...[...pairs, ...consent].map(([column, value]) => `${column} = ${value}`), `"updatedAt" = CURRENT_TIMESTAMP`];
  // Rows already holding these values are left alone: re-importing a file rewrites nothing.
  const changed = `(${pairs.map(([column]) => `c.${column}`).join(", ")}) IS DISTINCT FROM (${pairs.map(([, value]) => value).join(", ")})`;
  const match = MATCH_COLUMN[plan.match];
  await tx.query(
    `UPDATE "Customer" AS c SET ${sets.join(", ")}
       FROM ${recordset(shape)}
      WHERE c."workspaceId" = $1::uuid AND c.${match} = r.${match} AND ${changed}`,
    [workspaceId, payload(rows), ...originParams(shape, origin)],
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
 * attributes merged; an empty consent cell keeps the stored consent; unchanged rows not rewritten)
 * or skipped. Each consent a row changes records the time, "import", the job and who started it. Throws when the database refuses
 * any row (e.g. another customer already has that external id); the caller then retries row by
 * row to find it.
 */
export async function writeCustomers(tx: SqlDriver, workspaceId: string, plan: ImportPlan, rows: readonly CustomerRow[], origin: ImportOrigin): Promise<WriteOutcome> {
  const shape = customerShape(plan);
  const outcome: WriteOutcome = { created: 0, updated: 0, skipped: 0, errors: [] };
  for (const wave of waves(rows)) {
    const inserted = await insertNew(tx, workspaceId, plan, shape, wave, origin);
    const matched = wave.filter((r) => !inserted.has(r.key));
    outcome.created += inserted.size;
    if (plan.onExisting === "skip") outcome.skipped += matched.length;
    else if (matched.length > 0) {
      await updateExisting(tx, workspaceId, plan, shape, matched, origin);
      outcome.updated += matched.length;
    }
  }
  return outcome;
}
