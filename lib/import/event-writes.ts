import "server-only";
import type { SqlDriver } from "@/lib/db/client";
import type { EventLine } from "./event-rows";
import { missingCustomer, resolveCustomers } from "./order-writes";
import type { WriteOutcome } from "./outcome";
import type { ImportPlan } from "./plan";

/**
 * Writes event rows in one INSERT. A row whose customer does not exist fails; an event identical
 * to a stored one (same customer, name, time and properties) is skipped, so importing a file
 * twice adds nothing the second time.
 */
export async function writeEvents(tx: SqlDriver, workspaceId: string, plan: ImportPlan, events: readonly EventLine[]): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { created: 0, updated: 0, skipped: 0, errors: [] };
  const customerOf = await resolveCustomers(tx, workspaceId, events.map((e) => e.customer));
  const payload: { customerId: string; name: string; occurredAt: Date; properties: EventLine["properties"] }[] = [];
  for (const event of events) {
    const customerId = customerOf(event.customer);
    if (customerId) payload.push({ customerId, name: event.name, occurredAt: event.occurredAt, properties: event.properties });
    else outcome.errors.push(missingCustomer(plan, event.customer, event.rowNumber));
  }
  if (payload.length === 0) return outcome;
  const inserted = await tx.query<{ n: number }>(
    `WITH inserted AS (
       INSERT INTO "Event" ("workspaceId", "customerId", "name", "occurredAt", "properties")
       SELECT $1::uuid, r."customerId", r."name", r."occurredAt", r."properties"
         FROM jsonb_to_recordset($2::jsonb) AS r("customerId" uuid, "name" text, "occurredAt" timestamptz, "properties" jsonb)
        WHERE NOT EXISTS (
          SELECT 1 FROM "Event" e
           WHERE e."workspaceId" = $1::uuid AND e."customerId" = r."customerId" AND e."name" = r."name"
             AND e."occurredAt" = r."occurredAt" AND e."properties" = r."properties")
       RETURNING 1)
     SELECT count(*)::int AS "n" FROM inserted`,
    [workspaceId, JSON.stringify(payload)],
  );
  const n = inserted[0]?.n ?? 0;
  outcome.created += n;
  outcome.skipped += payload.length - n;
  return outcome;
}
