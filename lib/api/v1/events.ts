import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { parseInstant } from "@/lib/customers/values";
import type { SqlDriver } from "@/lib/db/client";
import { BODY_LIMITS } from "../body";
import { defineOperation } from "../operation";
import { jsonPointer } from "../pointer";
import { batchBodySchema, batchResultSchema, batchTransaction, checkCustomerRef, customerRefFields, failed, failedParse, invalidRecord, missingCustomerMessage, refField, resolveCustomerRefs, summarize, type CustomerRef, type RecordResult } from "./batch";
import { refreshWriteStatistics } from "./batch-statistics";

/** An event as the API takes it. */
export const eventInputSchema = z
  .object({
    eventId: z.string().trim().min(1, "Leave eventId out, or give a non-empty id.").max(200, "Use an eventId of at most 200 characters.").optional()
      .meta({ description: "Your id of the event: sending it again is `unchanged`, never a second event.", example: "evt_01JD5Q" }),
    name: z.string().trim().min(1, "Event name is empty.").max(200, "Use an event name of at most 200 characters.").meta({ example: "viewed_product" }),
    occurredAt: z.string().meta({ description: "ISO 8601; without a zone, in the workspace's time zone.", example: "2026-12-01T10:15:00Z" }),
    ...customerRefFields,
    properties: z.record(z.string(), z.json()).optional().meta({ description: "Any JSON values; segment filters compare them by type.", example: { sku: "SKU-1", price: 12.5 } }),
  })
  .superRefine(checkCustomerRef)
  .meta({ id: "EventInput", example: { eventId: "evt_01JD5Q", name: "viewed_product", occurredAt: "2026-12-01T10:15:00Z", customerEmail: "ada@example.com", properties: { sku: "SKU-1" } } });

interface EventWrite {
  index: number;
  base: string;
  ref: CustomerRef;
  eventId: string | null;
  name: string;
  occurredAt: Date;
  properties: Record<string, unknown>;
}

const RECORDSET = `jsonb_to_recordset($2::jsonb) AS r("id" uuid, "customerId" uuid, "name" text, "occurredAt" timestamptz, "properties" jsonb, "externalId" text)`;

/**
 * Writes events in one INSERT, idempotent on eventId (Event.externalId): an eventId already stored
 * with the same customer, name, time and properties is "unchanged"; with anything else it fails (an
 * event is a fact: it is never rewritten). Events without an eventId are always added.
 */
async function writeEvents(tx: SqlDriver, workspaceId: string, records: readonly EventWrite[]): Promise<RecordResult[]> {
  const results: RecordResult[] = [];
  const customerOf = await resolveCustomerRefs(tx, workspaceId, records.map((r) => r.ref));
  const seen = new Map<string, number>();
  const rows: (EventWrite & { id: string; customerId: string })[] = [];
  for (const record of records) {
    const customerId = customerOf(record.ref);
    const earlier = record.eventId === null ? undefined : seen.get(record.eventId);
    if (!customerId) results.push(failed(record.index, record.base, refField(record.ref), missingCustomerMessage(record.ref)));
    else if (earlier !== undefined) results.push(failed(record.index, record.base, "eventId", `Record ${earlier} of this batch has the same eventId: send each event once.`));
    else {
      if (record.eventId !== null) seen.set(record.eventId, record.index);
      rows.push({ ...record, id: randomUUID(), customerId });
    }
  }
  if (rows.length === 0) return results;
  const payload = JSON.stringify(rows.map((r) => ({ id: r.id, customerId: r.customerId, name: r.name, occurredAt: r.occurredAt, properties: r.properties, externalId: r.eventId })));
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO "Event" ("id", "workspaceId", "customerId", "name", "occurredAt", "properties", "externalId")
     SELECT r."id", $1::uuid, r."customerId", r."name", r."occurredAt", COALESCE(r."properties", '{}'::jsonb), r."externalId" FROM ${RECORDSET}
     ON CONFLICT ("workspaceId", "externalId") DO NOTHING
     RETURNING "id"::text AS "id"`,
    [workspaceId, payload],
  );
  const created = new Set(inserted.map((r) => r.id));
  const repeats = rows.filter((r) => !created.has(r.id));
  const stored = repeats.length === 0 ? [] : await tx.query<{ id: string; externalId: string; same: boolean }>(
    `SELECT e."id"::text AS "id", e."externalId",
            (e."customerId" = r."customerId" AND e."name" = r."name" AND e."occurredAt" = r."occurredAt" AND e."properties" = COALESCE(r."properties", '{}'::jsonb)) AS "same"
       FROM ${RECORDSET} JOIN "Event" AS e ON e."workspaceId" = $1::uuid AND e."externalId" = r."externalId"`,
    [workspaceId, JSON.stringify(repeats.map((r) => ({ id: r.id, customerId: r.customerId, name: r.name, occurredAt: r.occurredAt, properties: r.properties, externalId: r.eventId })))],
  );
  const byEventId = new Map(stored.map((s) => [s.externalId, s]));
  for (const row of rows) {
    if (created.has(row.id)) {
      results.push({ index: row.index, status: "created", id: row.id });
      continue;
    }
    const existing = byEventId.get(row.eventId ?? "");
    if (existing?.same) results.push({ index: row.index, status: "unchanged", id: existing.id });
    else results.push(failed(row.index, row.base, "eventId", "This eventId is already stored for a different event (customer, name, time or properties differ). Events are never rewritten: send a new eventId."));
  }
  return results.sort((a, b) => a.index - b.index);
}

function parseEvent(record: z.output<typeof eventInputSchema>, index: number, timeZone: string): EventWrite | RecordResult {
  const base = `/data/${index}`;
  const occurredAt = parseInstant(record.occurredAt, { timeZone });
  if (!occurredAt.ok) return { index, status: "failed", errors: [{ pointer: `${base}${jsonPointer(["occurredAt"])}`, message: occurredAt.message }] };
  const ref: CustomerRef = {};
  for (const key of ["customerId", "customerEmail", "customerExternalId"] as const) if (record[key] !== undefined && record[key].trim() !== "") ref[key] = record[key];
  return { index, base, ref, eventId: record.eventId ?? null, name: record.name, occurredAt: occurredAt.value, properties: (record.properties ?? {}) as Record<string, unknown> };
}

export const createEventsBatch = defineOperation({
  operationId: "createEventsBatch",
  method: "POST",
  path: "/events/batch",
  tag: "Events",
  summary: "Record events in a batch",
  description:
    "Up to 1,000 events (5 MB): name, occurredAt, the customer (customerId, customerEmail or customerExternalId) and properties. Idempotent on `eventId`: an event sent again is `unchanged`; the same eventId with other content fails. One result per record, in order; a missing customer fails that record only.",
  access: "write",
  body: batchBodySchema(eventInputSchema),
  bodyLimit: BODY_LIMITS.batch,
  responses: { 200: { description: "One result per record.", schema: batchResultSchema } },
  async handle(ctx, { body, db }) {
    const results: RecordResult[] = [];
    const valid: EventWrite[] = [];
    body.data.forEach((record, index) => {
      const bad = invalidRecord(record);
      if (bad) return void results.push(failedParse(index, ["data", index], bad));
      const parsed = parseEvent(record, index, ctx.timeZone);
      if ("status" in parsed) results.push(parsed);
      else valid.push(parsed);
    });
    const written = await batchTransaction(db.sql, async (tx) => {
      const out = await writeEvents(tx, ctx.workspaceId, valid);
      const counts = summarize([...results, ...out]);
      if (counts.created > 0) await recordAudit(tx, ctx, { action: "event.batch", entityType: "event", diff: counts });
      return out;
    });
    const all = [...results, ...written].sort((a, b) => a.index - b.index);
    const summary = summarize(all);
    await refreshWriteStatistics(db.sql, ["Event"], summary.created);
    return { body: { data: all, summary } };
  },
});

export const EVENT_OPERATIONS = [createEventsBatch];
