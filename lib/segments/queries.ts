import "server-only";
import { getDb } from "@/lib/db/client";
import type { CustomerRecord, CustomerRow, EventRecord, OrderRecord } from "./record";

/** Columns of the evaluator's customer row (with the stored prediction, or null); dates as "YYYY-MM-DD" and decimals as text, exactly as stored. */
export const CUSTOMER_COLUMNS = `c."id", c."email", c."firstName", c."lastName", c."phone", c."birthDate"::text AS "birthDate",
  c."gender", c."country", c."city", c."region", c."language", c."company", c."jobTitle", c."industry", c."companySize",
  c."income"::text AS "income", c."maritalStatus", c."education", c."lifecycleStage", c."tags", c."emailOptIn", c."source",
  c."signedUpAt", c."lastSeenAt", c."createdAt", c."ordersCount", c."totalSpent"::text AS "totalSpent",
  c."averageOrderValue"::text AS "averageOrderValue", c."firstOrderAt", c."lastOrderAt", c."attributes",
  (SELECT json_build_object('probabilityAlive', p."probabilityAlive", 'purchases30', p."purchases30", 'purchases90', p."purchases90",
            'purchases365', p."purchases365", 'averageOrderValue', p."averageOrderValue"::text, 'value12m', p."value12m"::text, 'churnRisk', p."churnRisk")
     FROM "CustomerPrediction" p WHERE p."workspaceId" = c."workspaceId" AND p."customerId" = c."id") AS "prediction"`;

type OrderRow = Omit<OrderRecord, "items"> & { customerId: string; items: OrderRecord["items"] };
type EventRow = EventRecord & { customerId: string };

/** Customers of a workspace with their orders (and items) and events, as evaluator records, by id. */
export async function loadCustomerRecords(ctx: { workspaceId: string }, customerIds: readonly string[]): Promise<Map<string, CustomerRecord>> {
  const { sql } = await getDb();
  const ids = [...new Set(customerIds)];
  const customers = await sql.query<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM "Customer" c WHERE c."workspaceId" = $1 AND c."id" = ANY($2::uuid[])`,
    [ctx.workspaceId, ids],
  );
  const orders = await sql.query<OrderRow>(
    `SELECT o."customerId", o."id", o."placedAt", o."total"::text AS "total", o."status",
       COALESCE((SELECT json_agg(json_build_object('category', i."category", 'quantity', i."quantity", 'unitPrice', i."unitPrice"::text) ORDER BY i."id")
                   FROM "OrderItem" i WHERE i."workspaceId" = o."workspaceId" AND i."orderId" = o."id"), '[]'::json) AS "items"
     FROM "Order" o WHERE o."workspaceId" = $1 AND o."customerId" = ANY($2::uuid[]) ORDER BY o."placedAt", o."id"`,
    [ctx.workspaceId, ids],
  );
  const events = await sql.query<EventRow>(
    `SELECT e."customerId", e."name", e."occurredAt", e."properties" FROM "Event" e
     WHERE e."workspaceId" = $1 AND e."customerId" = ANY($2::uuid[]) ORDER BY e."occurredAt", e."id"`,
    [ctx.workspaceId, ids],
  );
  const records = new Map<string, { customer: CustomerRow; orders: OrderRecord[]; events: EventRecord[] }>();
  for (const customer of customers) records.set(customer.id, { customer, orders: [], events: [] });
  for (const { customerId, ...order } of orders) records.get(customerId)?.orders.push(order);
  for (const { customerId, ...event } of events) records.get(customerId)?.events.push(event);
  return records;
}
