import "server-only";
import { randomUUID } from "node:crypto";
import { DUPLICATE_MESSAGES } from "@/lib/customers/mutations";
import { EXTERNAL_ID_KEY, type CustomerWrite, type WritableColumn } from "@/lib/customers/schemas";
import type { SqlDriver } from "@/lib/db/client";
import { COLUMN_TYPES } from "@/lib/import/customer-writes";
import { failed, type RecordResult } from "./batch";
import { matchKey } from "./customer-schemas";

/**
 * The API's customer upsert, set-based: one locking lookup of every identity the records carry,
 * then one INSERT and one UPDATE per shape (the set of fields records carry), whatever the number
 * of records. Grouping by shape keeps "not given" apart from "given as null": a record writes only
 * the fields it gives. A record is matched on externalId when it has one, else on email (as the
 * import matches); it fails on its own when another customer has its email, or when an earlier
 * record of the batch is the same customer. Rows whose values already hold are not rewritten
 * ("unchanged"). Consent changes record source "api" on the row. Concurrent writers are handled by
 * the caller's batchTransaction: a unique value inserted meanwhile aborts this run and the next one
 * sees it.
 */

/** One valid record to write, with where its errors point (e.g. "/data/3"). */
export interface CustomerUpsert {
  index: number;
  base: string;
  write: CustomerWrite;
}

/** What happened to one written record besides its status (for audit entries). */
export interface CustomerChange {
  index: number;
  id: string;
  status: "created" | "updated";
  /** The consent before and after, when the write changed it. */
  consent: { from: boolean | null; to: boolean | null } | null;
}

export interface CustomerUpsertOutcome {
  results: RecordResult[];
  changes: CustomerChange[];
}

interface Existing {
  id: string;
  email: string | null;
  externalId: string | null;
  emailOptIn: boolean | null;
}

interface Planned extends CustomerUpsert {
  id: string;
  existing: Existing | null;
}

const quote = (column: string) => `"${column}"`;

function shapeOf(write: CustomerWrite): { columns: WritableColumn[]; attributes: boolean; key: string } {
  const columns = (Object.keys(write.columns) as WritableColumn[]).filter((c) => c in COLUMN_TYPES).sort();
  const attributes = Object.keys(write.attributes).length > 0;
  return { columns, attributes, key: `${columns.join(",")}|${attributes}` };
}

function groupByShape(records: readonly Planned[]): { columns: WritableColumn[]; attributes: boolean; records: Planned[] }[] {
  const groups = new Map<string, { columns: WritableColumn[]; attributes: boolean; records: Planned[] }>();
  for (const record of records) {
    const shape = shapeOf(record.write);
    const group = groups.get(shape.key) ?? { columns: shape.columns, attributes: shape.attributes, records: [] };
    group.records.push(record);
    groups.set(shape.key, group);
  }
  return [...groups.values()];
}

const recordset = (columns: readonly WritableColumn[]) =>
  `jsonb_to_recordset($2::jsonb) AS r("id" uuid, ${[...columns.map((c) => `${quote(c)} ${COLUMN_TYPES[c]}`), `"attributes" jsonb`].join(", ")})`;

const payload = (records: readonly Planned[]) => JSON.stringify(records.map((r) => ({ ...r.write.columns, attributes: r.write.attributes, id: r.id })));

async function insertGroup(tx: SqlDriver, workspaceId: string, columns: readonly WritableColumn[], records: readonly Planned[]): Promise<void> {
  const pairs: [string, string][] = columns.map((c) => [quote(c), `r.${quote(c)}`]);
  if (columns.includes("emailOptIn")) {
    // A new customer given no answer is "never asked": nothing to record.
    pairs.push([`"emailOptInChangedAt"`, `CASE WHEN r."emailOptIn" IS NOT NULL THEN CURRENT_TIMESTAMP END`]);
    pairs.push([`"emailOptInSource"`, `CASE WHEN r."emailOptIn" IS NOT NULL THEN 'api'::"ConsentSource" END`]);
  }
  await tx.query(
    `INSERT INTO "Customer" ("id", "workspaceId", ${[...pairs.map(([c]) => c), `"attributes"`].join(", ")})
     SELECT r."id", $1::uuid, ${[...pairs.map(([, v]) => v), `COALESCE(jsonb_strip_nulls(r."attributes"), '{}'::jsonb)`].join(", ")}
       FROM ${recordset(columns)}`,
    [workspaceId, payload(records)],
  );
}

/** Updates the group's customers whose values differ; returns the ids it changed. */
async function updateGroup(tx: SqlDriver, workspaceId: string, columns: readonly WritableColumn[], attributes: boolean, records: readonly Planned[]): Promise<Set<string>> {
  const pairs: [string, string][] = columns.map((c) => [quote(c), `r.${quote(c)}`]);
  if (attributes) pairs.push([`"attributes"`, `jsonb_strip_nulls(c."attributes" || COALESCE(r."attributes", '{}'::jsonb))`]);
  // SET expressions read the row as it was: c."emailOptIn" is the value before this update.
  const consentChanged = `r."emailOptIn" IS DISTINCT FROM c."emailOptIn"`;
  const consent: [string, string][] = columns.includes("emailOptIn")
    ? [
        [`"emailOptInChangedAt"`, `CASE WHEN ${consentChanged} THEN CURRENT_TIMESTAMP ELSE c."emailOptInChangedAt" END`],
        [`"emailOptInSource"`, `CASE WHEN ${consentChanged} THEN 'api'::"ConsentSource" ELSE c."emailOptInSource" END`],
        [`"emailOptInChangedById"`, `CASE WHEN ${consentChanged} THEN NULL ELSE c."emailOptInChangedById" END`],
        [`"emailOptInImportJobId"`, `CASE WHEN ${consentChanged} THEN NULL ELSE c."emailOptInImportJobId" END`],
      ]
    : [];
  const sets = [...[...pairs, ...consent].map(([column, value]) => `${column} = ${value}`), `"updatedAt" = CURRENT_TIMESTAMP`];
  const changed = `(${pairs.map(([column]) => `c.${column}`).join(", ")}) IS DISTINCT FROM (${pairs.map(([, value]) => value).join(", ")})`;
  const rows = await tx.query<{ id: string }>(
    `UPDATE "Customer" AS c SET ${sets.join(", ")}
       FROM ${recordset(columns)}
      WHERE c."workspaceId" = $1::uuid AND c."id" = r."id" AND ${changed}
      RETURNING c."id"::text AS "id"`,
    [workspaceId, payload(records)],
  );
  return new Set(rows.map((r) => r.id));
}

/** Every stored customer any record's externalId or email names, locked for this transaction. */
async function lockExisting(tx: SqlDriver, workspaceId: string, records: readonly CustomerUpsert[]): Promise<{ byExternalId: Map<string, Existing>; byEmail: Map<string, Existing> }> {
  const externalIds = [...new Set(records.flatMap((r) => (r.write.columns.externalId ? [r.write.columns.externalId] : [])))];
  const emails = [...new Set(records.flatMap((r) => (r.write.columns.email ? [r.write.columns.email] : [])))];
  const rows = await tx.query<Existing>(
    `SELECT "id"::text AS "id", "email", "externalId", "emailOptIn" FROM "Customer"
      WHERE "workspaceId" = $1::uuid AND ("externalId" = ANY($2::text[]) OR "email" = ANY($3::text[]))
      ORDER BY "id" FOR UPDATE`,
    [workspaceId, externalIds, emails],
  );
  return {
    byExternalId: new Map(rows.flatMap((r) => (r.externalId ? [[r.externalId, r] as const] : []))),
    byEmail: new Map(rows.flatMap((r) => (r.email ? [[r.email, r] as const] : []))),
  };
}

const SAME_CUSTOMER = (index: number) => `Record ${index} of this batch is the same customer: send one record per customer.`;

/**
 * Creates or updates the customers of `records` (valid writes, in request order) inside `tx`;
 * returns one result per record and what each write changed.
 */
export async function upsertCustomers(tx: SqlDriver, workspaceId: string, records: readonly CustomerUpsert[]): Promise<CustomerUpsertOutcome> {
  const { byExternalId, byEmail } = await lockExisting(tx, workspaceId, records);
  const results: RecordResult[] = [];
  const planned: Planned[] = [];
  const claimedKeys = new Map<string, number>();
  const claimedIds = new Map<string, number>();
  for (const record of records) {
    const { columns } = record.write;
    const match = matchKey(record.write);
    const keys = [...(columns.externalId ? [`x:${columns.externalId}`] : []), ...(columns.email ? [`e:${columns.email}`] : [])];
    const earlier = keys.map((k) => claimedKeys.get(k)).find((i) => i !== undefined);
    if (earlier !== undefined) {
      results.push(failed(record.index, record.base, match.by, SAME_CUSTOMER(earlier)));
      continue;
    }
    const existing = (match.by === EXTERNAL_ID_KEY ? byExternalId : byEmail).get(match.value) ?? null;
    const sameTarget = existing ? claimedIds.get(existing.id) : undefined;
    if (sameTarget !== undefined) {
      results.push(failed(record.index, record.base, match.by, SAME_CUSTOMER(sameTarget)));
      continue;
    }
    const emailOwner = columns.email ? byEmail.get(columns.email) : undefined;
    if (emailOwner && emailOwner.id !== existing?.id) {
      results.push(failed(record.index, record.base, "email", DUPLICATE_MESSAGES.email));
      continue;
    }
    for (const key of keys) claimedKeys.set(key, record.index);
    const id = existing?.id ?? randomUUID();
    claimedIds.set(id, record.index);
    planned.push({ ...record, id, existing });
  }

  const creates = planned.filter((p) => !p.existing);
  const updates = planned.filter((p) => p.existing);
  for (const group of groupByShape(creates)) await insertGroup(tx, workspaceId, group.columns, group.records);
  const changedIds = new Set<string>();
  for (const group of groupByShape(updates)) for (const id of await updateGroup(tx, workspaceId, group.columns, group.attributes, group.records)) changedIds.add(id);

  const changes: CustomerChange[] = [];
  for (const p of planned) {
    const optIn = p.write.columns.emailOptIn;
    if (!p.existing) {
      results.push({ index: p.index, status: "created", id: p.id });
      changes.push({ index: p.index, id: p.id, status: "created", consent: optIn !== undefined && optIn !== null ? { from: null, to: optIn } : null });
    } else if (changedIds.has(p.id)) {
      results.push({ index: p.index, status: "updated", id: p.id });
      const from = p.existing.emailOptIn;
      changes.push({ index: p.index, id: p.id, status: "updated", consent: optIn !== undefined && optIn !== from ? { from, to: optIn } : null });
    } else results.push({ index: p.index, status: "unchanged", id: p.id });
  }
  results.sort((a, b) => a.index - b.index);
  return { results, changes };
}
