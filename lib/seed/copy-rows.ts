/**
 * Generated customers as PostgreSQL binary COPY rows, written per table into reusable
 * byte buffers that the loader streams to COPY unchanged.
 */
import { ByteWriter, textField } from "./byte-writer";
import type { GeneratedCustomer } from "./generator";

export const COPY_COLUMNS = {
  Customer: [
    "workspaceId", "id", "externalId", "email", "firstName", "lastName", "phone", "birthDate", "gender",
    "country", "city", "region", "language", "company", "jobTitle", "industry", "companySize", "income",
    "maritalStatus", "education", "lifecycleStage", "tags", "emailOptIn", "source", "signedUpAt", "lastSeenAt",
    "attributes", "ordersCount", "totalSpent", "averageOrderValue", "firstOrderAt", "lastOrderAt", "createdAt", "updatedAt",
    "emailOptInChangedAt", "emailOptInSource",
  ],
  Order: ["workspaceId", "id", "customerId", "placedAt", "total", "currency", "status", "createdAt"],
  OrderItem: ["workspaceId", "id", "orderId", "sku", "name", "category", "quantity", "unitPrice"],
  Event: ["workspaceId", "id", "customerId", "name", "occurredAt", "properties"],
} as const;

export type CopyTable = keyof typeof COPY_COLUMNS;
/** Parents before children, the order rows must arrive in when foreign keys are checked. */
export const COPY_TABLES: readonly CopyTable[] = ["Customer", "Order", "OrderItem", "Event"];

export type TableCounts = Record<CopyTable, number>;
export type TableWriters = Record<CopyTable, ByteWriter>;

/** The binary `COPY "Table" (...) FROM STDIN` statement of a table; `source` is STDIN or a quoted file name. */
export function copyStatement(table: CopyTable, source = "STDIN"): string {
  const columns = COPY_COLUMNS[table].map((column) => `"${column}"`).join(", ");
  return `COPY "${table}" (${columns}) FROM ${source} WITH (FORMAT binary)`;
}

/** Zero counts for every table. */
export function emptyCounts(): TableCounts {
  return { Customer: 0, Order: 0, OrderItem: 0, Event: 0 };
}

const USD = textField("USD");
const encodedIds = new Map<string, Uint8Array>();

/** A uuid as a pre-encoded binary COPY field, cached (it is the workspace id on every row). */
function uuidField(id: string): Uint8Array {
  let field = encodedIds.get(id);
  if (field === undefined) {
    const writer = new ByteWriter(undefined, 32);
    writer.uuid(id);
    field = writer.view().slice();
    encodedIds.set(id, field);
  }
  return field;
}

function writeCustomer(w: ByteWriter, ws: Uint8Array, c: GeneratedCustomer, updatedAt: number): void {
  w.row(COPY_COLUMNS.Customer.length);
  w.raw(ws);
  w.uuid(c.id);
  w.text(c.externalId);
  w.text(c.email);
  w.repeatedText(c.firstName);
  w.repeatedText(c.lastName);
  w.textOrNull(c.phone);
  w.date(c.birthDate);
  w.repeatedText(c.gender);
  w.repeatedText(c.country);
  w.repeatedText(c.city);
  w.repeatedText(c.region);
  w.repeatedText(c.language);
  w.textOrNull(c.company);
  w.repeatedText(c.jobTitle);
  w.textOrNull(c.industry);
  if (c.companySize === null) w.nul();
  else w.int4(c.companySize);
  w.money(c.income * 100);
  w.repeatedText(c.maritalStatus);
  w.repeatedText(c.education);
  w.repeatedText(c.lifecycleStage);
  w.textArray(c.tags);
  if (c.emailOptIn === null) w.nul();
  else w.bool(c.emailOptIn);
  w.repeatedText(c.source);
  w.timestamp(c.signedUpAt);
  w.timestamp(c.lastSeenAt);
  w.jsonb(JSON.stringify(c.attributes));
  w.int4(c.ordersCount);
  w.money(c.totalSpentCents);
  w.moneyOrNull(c.averageOrderValueCents);
  w.timestampOrNull(c.firstOrderAt);
  w.timestampOrNull(c.lastOrderAt);
  w.timestamp(c.signedUpAt);
  w.timestamp(updatedAt);
  w.timestampOrNull(c.emailOptInChangedAt);
  w.textOrNull(c.emailOptInSource);
}

/**
 * Appends the binary COPY rows of `customers` (and their orders, items, events) for one
 * workspace; returns row counts. Callers frame each COPY with `header()` and `trailer()`.
 */
export function writeCopyRows(writers: TableWriters, workspaceId: string, customers: readonly GeneratedCustomer[], now: number): TableCounts {
  const ws = uuidField(workspaceId);
  const counts = emptyCounts();
  const { Customer: cw, Order: ow, OrderItem: iw, Event: ew } = writers;
  for (const c of customers) {
    writeCustomer(cw, ws, c, now);
    for (const o of c.orders) {
      ow.row(COPY_COLUMNS.Order.length);
      ow.raw(ws);
      ow.uuid(o.id);
      ow.uuid(c.id);
      ow.timestamp(o.placedAt);
      ow.money(o.totalCents);
      ow.raw(USD);
      ow.repeatedText(o.status);
      ow.timestamp(o.placedAt);
      for (const item of o.items) {
        iw.row(COPY_COLUMNS.OrderItem.length);
        iw.raw(ws);
        iw.uuid(item.id);
        iw.uuid(o.id);
        iw.repeatedText(item.sku);
        iw.repeatedText(item.name);
        iw.repeatedText(item.category);
        iw.int4(item.quantity);
        iw.money(item.unitPriceCents);
      }
      counts.OrderItem += o.items.length;
    }
    for (const e of c.events) {
      ew.row(COPY_COLUMNS.Event.length);
      ew.raw(ws);
      ew.uuid(e.id);
      ew.uuid(c.id);
      ew.repeatedText(e.name);
      ew.timestamp(e.occurredAt);
      if (e.name === "cart_abandoned") ew.jsonb(e.properties);
      else ew.repeatedJsonb(e.properties);
    }
    counts.Customer++;
    counts.Order += c.orders.length;
    counts.Event += c.events.length;
  }
  return counts;
}
