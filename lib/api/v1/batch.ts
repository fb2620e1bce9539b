import "server-only";
import { z } from "zod";
import type { SqlDriver } from "@/lib/db/client";
import { ApiProblem, type ProblemItem } from "../problem";
import { bodyProblems, jsonPointer } from "../pointer";

/**
 * What the batch endpoints share (API.md, "Batches"): records parsed one by one, so one bad record
 * never blocks the others; one result per record in order, with a summary; customers named by id,
 * email or external id; transactions retried when a concurrent writer got there first.
 */

/** Most records in one batch request. */
export const BATCH_MAX = 1000;

const INVALID = Symbol("invalid record");

/** A record that did not parse: its zod error, kept to report it at /data/<index>. */
export interface InvalidRecord {
  [INVALID]: z.ZodError;
}

/**
 * The schema of one record of a batch: a record that fails to parse becomes an InvalidRecord instead
 * of failing the whole body, while the OpenAPI document still shows the record's own schema.
 */
export function batchRecord<T extends z.ZodType>(schema: T) {
  return schema.catch((c) => ({ [INVALID]: c.error }) as InvalidRecord as z.output<T>);
}

/** The zod error of a record that did not parse, or null. */
export function invalidRecord(record: unknown): z.ZodError | null {
  return typeof record === "object" && record !== null && INVALID in record ? (record as InvalidRecord)[INVALID] : null;
}

/** `{ data: [record…] }`, 1–1,000 records. */
export function batchBodySchema<T extends z.ZodType>(record: T) {
  return z.object({
    data: z.array(batchRecord(record)).min(1, "Send at least one record.").max(BATCH_MAX, `Send at most ${BATCH_MAX.toLocaleString("en-US")} records per request.`),
  });
}

export const BATCH_STATUSES = ["created", "updated", "unchanged", "failed"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** The outcome of one record. */
export type RecordResult = { index: number; status: Exclude<BatchStatus, "failed">; id: string } | { index: number; status: "failed"; errors: ProblemItem[] };

const problemItemSchema = z.object({
  pointer: z.string().meta({ description: "JSON Pointer into the request body.", example: "/data/3/email" }),
  message: z.string().meta({ example: "Enter a valid email address." }),
});

export const recordResultSchema = z
  .object({
    index: z.int().meta({ description: "The record's position in `data`, from 0.", example: 0 }),
    status: z.enum(BATCH_STATUSES),
    id: z.uuid().optional().meta({ description: "Segmenta's id of the record (not for failed records)." }),
    errors: z.array(problemItemSchema).optional().meta({ description: "Why a failed record was refused (failed records only)." }),
  })
  .meta({ id: "BatchRecordResult" });

export const batchResultSchema = z
  .object({
    data: z.array(recordResultSchema),
    summary: z.object({ created: z.int(), updated: z.int(), unchanged: z.int(), failed: z.int() }),
  })
  .meta({ id: "BatchResult", example: { data: [{ index: 0, status: "created", id: "7f1c8a52-3f7e-4d0b-9a55-0d6f4f3e2b11" }, { index: 1, status: "failed", errors: [{ pointer: "/data/1/email", message: "Enter a valid email address." }] }], summary: { created: 1, updated: 0, unchanged: 0, failed: 1 } } });

/** Counts of each status. */
export function summarize(results: readonly RecordResult[]): Record<BatchStatus, number> {
  const summary = { created: 0, updated: 0, unchanged: 0, failed: 0 };
  for (const r of results) summary[r.status] += 1;
  return summary;
}

/** The failed result of record `index` with one message at `field` (a key of the record, or none). */
export function failed(index: number, base: string, field: string | null, message: string): RecordResult {
  return { index, status: "failed", errors: [{ pointer: `${base}${field ? jsonPointer([field]) : ""}`, message }] };
}

/** The failed result of a record that did not parse (every problem, at its pointer). */
export function failedParse(index: number, base: readonly PropertyKey[], error: z.ZodError): RecordResult {
  return { index, status: "failed", errors: bodyProblems(error, base) };
}

// How a record names its customer.
export const customerRefFields = {
  customerId: z.string().optional().meta({ description: "Segmenta's id of the customer." }),
  customerEmail: z.string().optional().meta({ description: "The customer's email.", example: "ada@example.com" }),
  customerExternalId: z.string().optional().meta({ description: "The customer's id in your system." }),
};

/** A record's customer: exactly one of customerId, customerEmail, customerExternalId. */
export type CustomerRef = { customerId?: string; customerEmail?: string; customerExternalId?: string };

/** The check that a record names its customer exactly once (for superRefine). */
export function checkCustomerRef(ref: CustomerRef, ctx: z.RefinementCtx): void {
  const given = (["customerId", "customerEmail", "customerExternalId"] as const).filter((k) => ref[k] !== undefined && ref[k].trim() !== "");
  if (given.length === 0) ctx.addIssue({ code: "custom", path: ["customerEmail"], message: "Name the customer: give customerId, customerEmail or customerExternalId." });
  if (given.length > 1) ctx.addIssue({ code: "custom", path: [given[1]], message: `Name the customer once: ${given.join(" and ")} are both given.` });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const normalEmail = (email: string) => email.trim().toLowerCase();

/** Where a ref points: the key of the record that named the customer, for error pointers. */
export function refField(ref: CustomerRef): keyof CustomerRef {
  return ref.customerId !== undefined ? "customerId" : ref.customerEmail !== undefined ? "customerEmail" : "customerExternalId";
}

/** Why a ref finds no customer, at the key that named it. */
export function missingCustomerMessage(ref: CustomerRef): string {
  if (ref.customerId !== undefined) return "No customer with this id in this workspace.";
  if (ref.customerEmail !== undefined) return `No customer with email "${normalEmail(ref.customerEmail)}" in this workspace: create the customer first.`;
  return `No customer with external ID "${ref.customerExternalId?.trim()}" in this workspace: create the customer first.`;
}

/** The workspace's customer ids for the refs (one query); undefined for a ref that finds none. */
export async function resolveCustomerRefs(tx: SqlDriver, workspaceId: string, refs: readonly CustomerRef[]): Promise<(ref: CustomerRef) => string | undefined> {
  const ids = [...new Set(refs.flatMap((r) => (r.customerId && UUID.test(r.customerId.trim()) ? [r.customerId.trim().toLowerCase()] : [])))];
  const emails = [...new Set(refs.flatMap((r) => (r.customerEmail ? [normalEmail(r.customerEmail)] : [])))];
  const externalIds = [...new Set(refs.flatMap((r) => (r.customerExternalId ? [r.customerExternalId.trim()] : [])))];
  const rows = await tx.query<{ id: string; email: string | null; externalId: string | null }>(
    `SELECT "id"::text AS "id", "email", "externalId" FROM "Customer"
      WHERE "workspaceId" = $1::uuid AND ("id" = ANY($2::uuid[]) OR "email" = ANY($3::text[]) OR "externalId" = ANY($4::text[]))`,
    [workspaceId, ids, emails, externalIds],
  );
  const byId = new Set(rows.map((r) => r.id));
  const byEmail = new Map(rows.flatMap((r) => (r.email ? [[r.email, r.id] as const] : [])));
  const byExternalId = new Map(rows.flatMap((r) => (r.externalId ? [[r.externalId, r.id] as const] : [])));
  return (ref) => {
    if (ref.customerId !== undefined) {
      const id = ref.customerId.trim().toLowerCase();
      return byId.has(id) ? id : undefined;
    }
    if (ref.customerEmail !== undefined) return byEmail.get(normalEmail(ref.customerEmail));
    return ref.customerExternalId !== undefined ? byExternalId.get(ref.customerExternalId.trim()) : undefined;
  };
}

// unique_violation, foreign_key_violation, serialization_failure, deadlock_detected: a concurrent
// writer changed what the transaction read; running it again sees that change and answers for it.
const RETRYABLE = new Set(["23505", "23503", "40001", "40P01"]);
const ATTEMPTS = 4;

function sqlState(e: unknown): string | undefined {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}

/**
 * Runs fn in a transaction, again (up to 4 times) when a concurrent writer made it fail (a unique
 * value inserted meanwhile, a deadlock): the next run reads that writer's rows and reports the
 * records it affects. Still failing after that is a 409.
 */
export async function batchTransaction<R>(sql: SqlDriver, fn: (tx: SqlDriver) => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await sql.transaction(fn);
    } catch (e) {
      const code = sqlState(e);
      if (!code || !RETRYABLE.has(code)) throw e;
      if (attempt >= ATTEMPTS) throw new ApiProblem(409, "Other requests kept changing the same records at the same time; send this request again.");
    }
  }
}
