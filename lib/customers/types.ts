import type { Role } from "@/lib/auth/permissions";
import type { ConsentSource } from "./consent";
import type { CustomerPredictionValues } from "@/lib/fields/catalog";
import type { CustomerColumnValues } from "./schemas";

/**
 * What the customer functions need: the workspace and its time zone, who acts (null for scripts
 * without a session) and their role.
 */
export interface CustomersContext {
  workspaceId: string;
  timeZone: string;
  userId: string | null;
  role: Role;
}

/** A customer's stored record: the standard columns, custom attributes and derived order stats; money as decimal strings with 2 places, dates "YYYY-MM-DD". */
export interface CustomerRecord extends CustomerColumnValues {
  id: string;
  attributes: Record<string, unknown>;
  ordersCount: number;
  totalSpent: string;
  averageOrderValue: string | null;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** When emailOptIn last changed; null when not known (before it was recorded, or never answered). */
  emailOptInChangedAt: Date | null;
  /** How it last changed: the form, an import, the API. */
  emailOptInSource: ConsentSource | null;
  /** Who changed it (the form's editor, or the person who started the import). */
  emailOptInChangedById: string | null;
  /** The import job that changed it. */
  emailOptInImportJobId: string | null;
  /** The stored prediction, where loaded (the profile); null: none. */
  prediction?: CustomerPredictionValues | null;
}

/** One line of an order. */
export interface OrderItemRecord {
  id: string;
  sku: string | null;
  name: string;
  category: string | null;
  quantity: number;
  unitPrice: string;
}

/** An order with its lines. */
export interface OrderRecord {
  id: string;
  externalId: string | null;
  placedAt: Date;
  total: string;
  currency: string;
  status: string;
  createdAt: Date;
  items: OrderItemRecord[];
}

/** One activity event. */
export interface EventRecord {
  id: string;
  name: string;
  occurredAt: Date;
  properties: Record<string, unknown>;
}

/** What the profile page shows besides the events timeline. */
export interface CustomerProfile {
  customer: CustomerRecord;
  /** The most recent orders (at most PROFILE_ORDER_LIMIT), newest first. */
  orders: OrderRecord[];
  /** All of the customer's orders, whatever their status. */
  ordersTotal: number;
  eventsTotal: number;
}

/** One page of a customer's events, newest first. */
export interface EventPage {
  events: EventRecord[];
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
}

/** Everything stored about one customer (right of access), as JSON-ready data. */
export interface CustomerDataExport {
  exportedAt: string;
  workspace: { id: string };
  customer: Omit<CustomerRecord, "signedUpAt" | "lastSeenAt" | "firstOrderAt" | "lastOrderAt" | "createdAt" | "updatedAt" | "emailOptInChangedAt"> & {
    emailOptInChangedAt: string | null;
    signedUpAt: string | null;
    lastSeenAt: string | null;
    firstOrderAt: string | null;
    lastOrderAt: string | null;
    createdAt: string | null;
    updatedAt: string | null;
  };
  orders: Array<Omit<OrderRecord, "placedAt" | "createdAt"> & { placedAt: string; createdAt: string }>;
  events: Array<{ id: string; name: string; occurredAt: string; properties: unknown }>;
  /** The stored prediction as of the last refresh (null: none). */
  prediction: CustomerPredictionValues | null;
}
