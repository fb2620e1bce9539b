/**
 * THE customer input schema: built from a workspace's field catalog, used by the forms, the CSV
 * import and the API alike. Input is an object keyed by catalog keys ("email", "custom.interests")
 * plus "externalId"; each value is a CSV cell, a form string or a JSON value (see ./values).
 * Pure: safe in the browser.
 */
import { z } from "zod";
import { CUSTOM_PREFIX, findField, type FieldCatalog, type FieldDefinition } from "@/lib/fields/catalog";
import { parseExternalId, parseFieldValue, parseInstant, parseMoneyAmount, type ParseOptions, type ParsedValue } from "./values";

/** The input key of the external id (the customer's id in the source system); not a catalog field. */
export const EXTERNAL_ID_KEY = "externalId";

/** Standard columns a customer write can set, with the stored type of each. */
export interface CustomerColumnValues {
  externalId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  /** "YYYY-MM-DD". */
  birthDate: string | null;
  gender: string | null;
  country: string | null;
  city: string | null;
  region: string | null;
  language: string | null;
  company: string | null;
  jobTitle: string | null;
  industry: string | null;
  companySize: number | null;
  /** Decimal string with 2 places, e.g. "52000.00". */
  income: string | null;
  maritalStatus: string | null;
  education: string | null;
  lifecycleStage: string | null;
  tags: string[];
  /** Email consent: yes, no, or null = never asked. */
  emailOptIn: boolean | null;
  source: string | null;
  signedUpAt: Date | null;
  lastSeenAt: Date | null;
}

/** A writable standard column of Customer. */
export type WritableColumn = keyof CustomerColumnValues;

/** Every writable standard column (externalId first); derived stats and createdAt are not among them. */
export const WRITABLE_COLUMNS: readonly WritableColumn[] = [
  "externalId", "email", "firstName", "lastName", "phone", "birthDate", "gender", "country", "city", "region", "language",
  "company", "jobTitle", "industry", "companySize", "income", "maritalStatus", "education", "lifecycleStage", "tags",
  "emailOptIn", "source", "signedUpAt", "lastSeenAt",
];

/** A stored custom field value (JSON in Customer.attributes). */
export type AttributeValue = string | number | boolean | string[];

/**
 * A validated customer write. Only the keys the input gave are present: an update leaves the others
 * as they are. `attributes` maps custom field keys (without "custom.") to a value, or null to clear it.
 */
export interface CustomerWrite {
  columns: Partial<CustomerColumnValues>;
  attributes: Record<string, AttributeValue | null>;
}

/** The raw input: catalog keys (and "externalId") to cells, form strings or JSON values. */
export type CustomerRawInput = Record<string, unknown>;

/** Options of buildCustomerInputSchema. */
export interface CustomerSchemaOptions extends ParseOptions {
  /** "create" requires an email or an external id; "update" (default "create") checks that only for keys given. */
  mode?: "create" | "update";
}

/** A field a customer write can target: "externalId", a writable standard field, or an active custom field. */
export interface CustomerInputTarget {
  key: string;
  label: string;
  /** Undefined for externalId. */
  field?: FieldDefinition;
}

const EXTERNAL_ID_TARGET: CustomerInputTarget = { key: EXTERNAL_ID_KEY, label: "External ID" };

/** Whether a catalog field can be written by people (not derived, not createdAt, not archived). */
export function isWritableField(field: FieldDefinition): boolean {
  if (field.derived || field.archived) return false;
  if (field.source.kind === "attribute") return true;
  return field.source.kind === "column" && (WRITABLE_COLUMNS as readonly string[]).includes(field.source.column);
}

/** The keys a customer write (form, import mapping, API) may target, in catalog order, externalId first. */
export function customerInputTargets(catalog: FieldCatalog): CustomerInputTarget[] {
  return [EXTERNAL_ID_TARGET, ...catalog.fields.filter(isWritableField).map((field) => ({ key: field.key, label: field.label, field }))];
}

/** Why a key cannot be written, or null when it can. */
function refusal(catalog: FieldCatalog, key: string): string | null {
  if (key === EXTERNAL_ID_KEY) return null;
  const field = findField(catalog, key);
  if (!field) return key.startsWith(CUSTOM_PREFIX) ? `There is no custom field "${key.slice(CUSTOM_PREFIX.length)}" in this workspace.` : `"${key}" is not a customer field.`;
  if (field.archived) return `${field.label} is archived: unarchive it to change its values.`;
  if (!isWritableField(field)) return `${field.label} is computed by Segmenta and cannot be set.`;
  return null;
}

function storeValue(write: CustomerWrite, field: FieldDefinition, value: ParsedValue): void {
  const source = field.source;
  if (source.kind === "attribute") {
    write.attributes[source.key] = value instanceof Date ? value.toISOString() : value;
    return;
  }
  if (source.kind !== "column") return;
  const column = source.column as WritableColumn;
  const columns = write.columns as Record<WritableColumn, unknown>;
  if (column === "tags") columns.tags = value ?? [];
  else columns[column] = value;
}

/**
 * The zod schema of a customer write for this workspace's catalog: raw input (see CustomerRawInput)
 * → CustomerWrite. Errors carry the input key as their path ("email", "custom.interests"), so
 * zodFieldErrors gives one message per field. Uniqueness of email / externalId is checked by the
 * database layer, not here.
 */
export function buildCustomerInputSchema(catalog: FieldCatalog, options: CustomerSchemaOptions): z.ZodType<CustomerWrite, CustomerRawInput> {
  const mode = options.mode ?? "create";
  return z.record(z.string(), z.unknown(), { error: "Customer data must be an object of field values." }).transform((input, ctx) => {
    const write: CustomerWrite = { columns: {}, attributes: {} };
    for (const [key, raw] of Object.entries(input)) {
      const refused = refusal(catalog, key);
      if (refused) {
        ctx.addIssue({ code: "custom", path: [key], message: refused, input: raw });
        continue;
      }
      if (key === EXTERNAL_ID_KEY) {
        const parsed = parseExternalId(raw);
        if (parsed.ok) write.columns.externalId = parsed.value;
        else ctx.addIssue({ code: "custom", path: [key], message: parsed.message, input: raw });
        continue;
      }
      const field = findField(catalog, key)!;
      const parsed = parseFieldValue(field, raw, options);
      if (parsed.ok) storeValue(write, field, parsed.value);
      else ctx.addIssue({ code: "custom", path: [key], message: parsed.message, input: raw });
    }
    const { email, externalId } = write.columns;
    const needsIdentity = mode === "create" ? !email && !externalId : email === null && externalId === null;
    if (needsIdentity && !ctx.issues.some((i) => i.path?.[0] === "email" || i.path?.[0] === EXTERNAL_ID_KEY)) {
      ctx.addIssue({ code: "custom", path: ["email"], message: "Enter an email or an external ID: a customer needs at least one.", input: email });
    }
    return ctx.issues.length > 0 ? z.NEVER : write;
  });
}

/** Parses raw customer input for a catalog, throwing a ZodError with per-field messages. */
export function parseCustomerInput(catalog: FieldCatalog, input: unknown, options: CustomerSchemaOptions): CustomerWrite {
  return buildCustomerInputSchema(catalog, options).parse(input as CustomerRawInput);
}

/** Order statuses; only paid orders count towards the derived stats. */
export const ORDER_STATUSES = ["paid", "pending", "refunded", "cancelled"] as const;
export const orderStatusSchema = z.enum(ORDER_STATUSES, { error: "Choose a status: paid, pending, refunded or cancelled." });
export type OrderStatus = z.infer<typeof orderStatusSchema>;

const moneySchema = (label: string) =>
  z.union([z.string(), z.number()]).transform((raw, ctx) => {
    const parsed = parseMoneyAmount(raw, label);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  });

/** One line of a new order. */
export const orderItemInputSchema = z.object({
  sku: z.string().trim().max(100).optional().transform((v) => v || null),
  name: z.string().trim().min(1, "Enter the item's name.").max(300, "Use at most 300 characters."),
  category: z.string().trim().max(100).optional().transform((v) => v || null),
  quantity: z.coerce.number().int("Use a whole quantity.").min(1, "Quantity must be at least 1.").max(1_000_000).default(1),
  unitPrice: moneySchema("Unit price"),
});

/** A new order: when placed (workspace zone without an explicit zone), lines, and a total (else the sum of the lines). */
export function buildOrderInputSchema(options: ParseOptions) {
  return z
    .object({
      externalId: z.string().trim().max(200).optional().transform((v) => v || null),
      placedAt: z.union([z.string(), z.date()]).transform((raw, ctx) => {
        const parsed = parseInstant(raw, options);
        if (parsed.ok) return parsed.value;
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }),
      currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "Use a 3-letter ISO 4217 currency code such as USD or EUR.").default("USD"),
      status: orderStatusSchema.default("paid"),
      total: moneySchema("Total").optional(),
      items: z.array(orderItemInputSchema).max(1000, "Use at most 1,000 lines.").default([]),
    })
    .transform((order) => {
      const cents = order.items.reduce((sum, i) => sum + Math.round(Number(i.unitPrice) * 100) * i.quantity, 0);
      return { ...order, total: order.total ?? (cents / 100).toFixed(2) };
    });
}
export type OrderInput = z.input<ReturnType<typeof buildOrderInputSchema>>;
