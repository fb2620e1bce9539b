/**
 * What a column can be imported into, per import type: for customers the editable fields of the
 * workspace's catalog (custom fields as custom.<key>) plus externalId; fixed lists for orders and
 * events, where events also take any `properties.<name>`. Pure.
 */
import { customerInputTargets } from "@/lib/customers/schemas";
import type { FieldCatalog, FieldDefinition, FieldOption, FieldType } from "@/lib/fields/types";

export const IMPORT_TYPES = ["customers", "orders", "events"] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];

export const IMPORT_TYPE_LABELS: Readonly<Record<ImportType, string>> = { customers: "Customers", orders: "Orders", events: "Events" };

/** One thing a column can map to. */
export interface ImportTarget {
  key: string;
  label: string;
  type: FieldType;
  options?: readonly FieldOption[];
  /** Other names this target often goes by in exported files ("e-mail", "customer id"). */
  aliases?: readonly string[];
  description?: string;
  /** How a cell is parsed (parseFieldValue); customers' externalId has none (parseExternalId). */
  field?: FieldDefinition;
}

/** Prefix of event property targets: properties.<name>. */
export const PROPERTY_PREFIX = "properties.";

/** The order statuses an import accepts (orders count toward derived stats only when paid). */
export const ORDER_STATUSES: readonly FieldOption[] = [
  { key: "paid", label: "Paid" },
  { key: "pending", label: "Pending" },
  { key: "refunded", label: "Refunded" },
  { key: "cancelled", label: "Cancelled" },
];

// Names other systems use for the standard fields; similarity to the key and label covers the rest.
const CUSTOMER_ALIASES: Readonly<Record<string, readonly string[]>> = {
  email: ["e-mail", "mail", "email address", "e-mail address"],
  firstName: ["given name", "given", "forename", "first"],
  lastName: ["surname", "family name", "family", "last"],
  phone: ["telephone", "mobile", "phone number", "cell", "tel"],
  birthDate: ["date of birth", "dob", "birthday", "born"],
  gender: ["sex"],
  country: ["country code", "nation"],
  region: ["state", "province", "county"],
  city: ["town"],
  language: ["lang", "locale", "preferred language"],
  company: ["organization", "organisation", "employer", "company name", "account"],
  jobTitle: ["title", "position", "role"],
  companySize: ["employees", "number of employees", "headcount"],
  income: ["salary", "annual income", "household income"],
  maritalStatus: ["marital", "civil status", "relationship status"],
  education: ["education level", "degree"],
  lifecycleStage: ["stage", "lifecycle", "status"],
  emailOptIn: ["opt in", "subscribed", "newsletter", "consent", "marketing consent", "accepts marketing"],
  // Not "channel": a "Channels" column usually lists contact channels (email; sms), not where a customer came from.
  source: ["acquisition source", "acquisition channel", "utm source", "lead source"],
  signedUpAt: ["signup date", "sign up date", "registration date", "registered", "registered at", "customer since", "date joined", "joined", "dt customer", "enrolled", "created at"],
  lastSeenAt: ["last seen", "last activity", "last login", "last visit"],
};

const EXTERNAL_ID_ALIASES = ["id", "customer id", "client id", "user id", "contact id", "customer number", "account id", "external id"];

/** The targets of a customer import for this catalog: externalId and the writable fields (customerInputTargets). */
export function customerTargets(catalog: FieldCatalog): ImportTarget[] {
  return customerInputTargets(catalog).map((t): ImportTarget => {
    if (!t.field) return { key: t.key, label: t.label, type: "text", aliases: EXTERNAL_ID_ALIASES, description: "The customer's id in the system the file comes from." };
    const f = t.field;
    return {
      key: f.key,
      label: f.label,
      type: f.type,
      field: f,
      ...(f.options ? { options: f.options } : {}),
      ...(CUSTOMER_ALIASES[f.key] ? { aliases: CUSTOMER_ALIASES[f.key] } : {}),
      ...(f.description ? { description: f.description } : {}),
    };
  });
}

// Orders and events parse their cells with the same parseFieldValue as customer fields, through these definitions.
function field(key: string, label: string, type: FieldType, extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return { key, label, type, group: "Purchases", source: { kind: "attribute", key }, ...extra };
}
// parseFieldValue reads key "email" of a column source as an email address (lower-cased, checked).
const EMAIL_FIELD = (label: string): FieldDefinition => ({ key: "email", label, type: "text", group: "Profile", source: { kind: "column", column: "email" } });

function target(key: string, label: string, type: FieldType, rest: Omit<ImportTarget, "key" | "label" | "type"> = {}): ImportTarget {
  return { key, label, type, field: rest.field ?? field(key, label, type, rest.options ? { options: rest.options } : {}), ...rest };
}

const CUSTOMER_EMAIL = target("customerEmail", "Customer email", "text", {
  field: EMAIL_FIELD("Customer email"),
  aliases: ["email", "e-mail", "customer e-mail", "buyer email", "user email"],
  description: "Links the row to the customer with this email.",
});
const CUSTOMER_EXTERNAL_ID = target("customerExternalId", "Customer external ID", "text", {
  aliases: ["customer id", "client id", "user id", "buyer id", "customer external id"],
  description: "Links the row to the customer with this external ID.",
});

/** Targets of an orders import (one row per order, or per order line sharing an orderId). */
export const ORDER_TARGETS: readonly ImportTarget[] = [
  target("orderId", "Order ID", "text", { aliases: ["order", "order number", "order no", "order ref", "invoice", "invoice number", "transaction id"], description: "Rows with the same order ID form one order; importing it again updates it." }),
  CUSTOMER_EMAIL,
  CUSTOMER_EXTERNAL_ID,
  target("placedAt", "Placed at", "datetime", { aliases: ["order date", "date", "placed", "purchase date", "ordered at", "created at", "created", "timestamp", "order time"] }),
  target("total", "Total", "money", { aliases: ["amount", "revenue", "order total", "grand total", "value", "order value", "sum"], description: "Left empty, the total is the sum of the items." }),
  target("currency", "Currency", "text", { aliases: ["currency code", "ccy"] }),
  target("status", "Status", "select", { options: ORDER_STATUSES, aliases: ["order status", "state", "payment status"] }),
  target("itemSku", "Item SKU", "text", { aliases: ["sku", "product id", "product code", "item id", "article number"] }),
  target("itemName", "Item name", "text", { aliases: ["product", "product name", "item", "description", "article"] }),
  target("itemCategory", "Item category", "text", { aliases: ["category", "product category", "department"] }),
  target("itemQuantity", "Item quantity", "number", { aliases: ["quantity", "qty", "units", "count"] }),
  target("itemUnitPrice", "Item unit price", "money", { aliases: ["unit price", "price", "item price", "price each"] }),
];

/** Fixed targets of an events import; any `properties.<name>` is a target too. */
export const EVENT_TARGETS: readonly ImportTarget[] = [
  CUSTOMER_EMAIL,
  CUSTOMER_EXTERNAL_ID,
  target("name", "Event name", "text", { aliases: ["event", "event name", "event type", "type", "action", "activity"] }),
  target("occurredAt", "Occurred at", "datetime", { aliases: ["timestamp", "time", "date", "event time", "event date", "created at", "happened at"] }),
];

/** A property name as a target key: "properties.<name>"; names are the header's words joined by "_". */
export function propertyTarget(header: string): string {
  const name = header.trim().replace(/\s+/g, "_");
  return `${PROPERTY_PREFIX}${name}`;
}

/** Whether a key names an event property, and which. */
export function propertyName(key: string): string | null {
  return key.startsWith(PROPERTY_PREFIX) && key.length > PROPERTY_PREFIX.length ? key.slice(PROPERTY_PREFIX.length) : null;
}

/** The fixed targets of an import type (customers need the workspace's catalog). */
export function targetsFor(type: ImportType, catalog: FieldCatalog): ImportTarget[] {
  if (type === "customers") return customerTargets(catalog);
  return [...(type === "orders" ? ORDER_TARGETS : EVENT_TARGETS)];
}

/** The target a key names, for this import type; event properties are made up on the spot. */
export function findTarget(targets: readonly ImportTarget[], type: ImportType, key: string): ImportTarget | undefined {
  const found = targets.find((t) => t.key === key);
  if (found) return found;
  const property = type === "events" ? propertyName(key) : null;
  return property ? target(key, `Property “${property}”`, "text") : undefined;
}
