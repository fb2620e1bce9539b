/** One customer as the evaluator sees it: the row (all columns and attributes), orders with items, events. */
import type { CustomerRow } from "@/lib/fields/catalog";
import type { DecimalInput } from "./decimal";

export type { CustomerRow } from "@/lib/fields/catalog";

/** An order line; unitPrice is a decimal (NUMERIC(14,2) reads back as a string). */
export interface OrderItemRecord {
  category: string | null;
  quantity: number;
  unitPrice: DecimalInput;
}

/** An order with its items; status is paid, pending, refunded or cancelled. */
export interface OrderRecord {
  id: string;
  placedAt: Date;
  total: DecimalInput;
  status: string;
  items: readonly OrderItemRecord[];
}

/** An activity event. */
export interface EventRecord {
  name: string;
  occurredAt: Date;
  properties: Readonly<Record<string, unknown>>;
}

/** The evaluator's input for one customer. */
export interface CustomerRecord {
  customer: CustomerRow;
  orders: readonly OrderRecord[];
  events: readonly EventRecord[];
}
