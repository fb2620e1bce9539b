import "server-only";
import { z } from "zod";
import { CONSENT_SOURCES } from "@/lib/customers/consent";
import { EXTERNAL_ID_KEY, WRITABLE_COLUMNS, type CustomerWrite } from "@/lib/customers/schemas";
import type { CustomerRecord } from "@/lib/customers/types";
import { CUSTOM_PREFIX, STANDARD_FIELDS, type FieldType } from "@/lib/fields/catalog";
import type { ProblemItem } from "../problem";
import { jsonPointer } from "../pointer";

/**
 * The customer as the API reads and writes it. JSON types are checked here; the values themselves
 * are validated by parseCustomerInput with the workspace's catalog, exactly as the form and the CSV
 * import validate them (lib/customers/schemas.ts).
 */

const nullableText = z.string().nullable();
const JSON_TYPES: Readonly<Record<FieldType, z.ZodType>> = {
  text: nullableText,
  select: nullableText.meta({ description: "The option's key." }),
  number: z.number().nullable(),
  money: z.union([z.string(), z.number()]).nullable().meta({ description: 'A decimal amount, e.g. "52000.00".' }),
  date: nullableText.meta({ description: "YYYY-MM-DD." }),
  datetime: nullableText.meta({ description: "ISO 8601; without a zone, in the workspace's time zone." }),
  boolean: z.boolean().nullable(),
  multiselect: z.array(z.string()).nullable(),
  tags: z.array(z.string()).nullable(),
};

const customValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);

const writableStandard = STANDARD_FIELDS.filter((f) => f.source.kind === "column" && (WRITABLE_COLUMNS as readonly string[]).includes(f.source.column));

const inputShape: Record<string, z.ZodType> = {
  email: nullableText.optional().meta({ description: "Stored lower-case; unique in the workspace.", example: "ada@example.com" }),
  externalId: nullableText.optional().meta({ description: "The customer's id in your system; unique in the workspace.", example: "A-17" }),
};
for (const field of writableStandard) {
  if (field.key in inputShape) continue;
  const base = JSON_TYPES[field.type];
  inputShape[field.key] = base.optional().meta({ description: field.key === "emailOptIn" ? "Email consent: true (yes), false (no) or null (never asked). A change is recorded with source \"api\"." : field.label });
}
inputShape.custom = z.record(z.string(), customValueSchema).optional().meta({
  description: "Custom field values by field key (GET /fields); null removes a value.",
  example: { loyalty_tier: "gold" },
});

/** The body of a customer write: standard fields, `custom`, email and/or externalId. Fields not given stay as they are. */
export const customerInputSchema = z
  .looseObject(inputShape)
  .meta({
    id: "CustomerInput",
    description: "Matched on externalId when given, else on email. Only the fields given are written; null clears a field.",
    example: { email: "ada@example.com", externalId: "A-17", firstName: "Ada", country: "PL", tags: ["vip"], emailOptIn: true, custom: { loyalty_tier: "gold" } },
  });

export type CustomerInput = z.output<typeof customerInputSchema>;

/** The raw input of parseCustomerInput for an API body: catalog keys, custom values as "custom.<key>". */
export function toRawCustomerInput(input: Record<string, unknown>): { raw: Record<string, unknown>; problems: ProblemItem[] } {
  const raw: Record<string, unknown> = {};
  const problems: ProblemItem[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key === "custom") {
      for (const [customKey, customValue] of Object.entries((value ?? {}) as Record<string, unknown>)) raw[`${CUSTOM_PREFIX}${customKey}`] = customValue;
    } else if (key.startsWith(CUSTOM_PREFIX)) {
      problems.push({ pointer: jsonPointer([key]), message: `Put custom field values under "custom": { "${key.slice(CUSTOM_PREFIX.length)}": … }.` });
    } else raw[key] = value;
  }
  return { raw, problems };
}

/** The JSON pointer of a parseCustomerInput issue path ("custom.tier" → /custom/tier), under base. */
export function customerPointer(base: string, path: readonly PropertyKey[]): string {
  const [first, ...rest] = path;
  const key = String(first ?? "");
  const parts = key.startsWith(CUSTOM_PREFIX) ? ["custom", key.slice(CUSTOM_PREFIX.length), ...rest] : key === "" ? rest : [key, ...rest];
  return `${base}${jsonPointer(parts)}`;
}

/** The match key of a write: externalId when given, else email. */
export function matchKey(write: CustomerWrite): { by: "externalId" | "email"; value: string } {
  const externalId = write.columns[EXTERNAL_ID_KEY];
  return externalId ? { by: "externalId", value: externalId } : { by: "email", value: write.columns.email ?? "" };
}

const iso = z.iso.datetime().nullable();
const money = z.string().meta({ description: "Decimal with two places.", example: "129.90" });

const outputShape: Record<string, z.ZodType> = {
  id: z.uuid(),
  email: z.string().nullable().meta({ example: "ada@example.com" }),
  externalId: z.string().nullable().meta({ example: "A-17" }),
};
for (const field of writableStandard) {
  if (field.key in outputShape) continue;
  const type: Record<FieldType, z.ZodType> = {
    text: z.string().nullable(), select: z.string().nullable(), number: z.number().nullable(), money: money.nullable(), date: z.iso.date().nullable(),
    datetime: iso, boolean: z.boolean().nullable(), multiselect: z.array(z.string()), tags: z.array(z.string()),
  };
  outputShape[field.key] = type[field.type].meta({ description: field.label });
}
Object.assign(outputShape, {
  emailOptInChangedAt: iso.meta({ description: "When email consent last changed (null: not recorded)." }),
  emailOptInSource: z.enum(CONSENT_SOURCES).nullable().meta({ description: "How it last changed: form, import or api." }),
  custom: z.record(z.string(), z.unknown()).meta({ description: "Custom field values by field key.", example: { loyalty_tier: "gold" } }),
  ordersCount: z.int().meta({ description: "Paid orders.", example: 3 }),
  totalSpent: money.meta({ description: "Sum of paid order totals.", example: "389.70" }),
  averageOrderValue: money.nullable().meta({ description: "totalSpent ÷ ordersCount; null without orders.", example: "129.90" }),
  firstOrderAt: iso,
  lastOrderAt: iso,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** A customer as the API answers it. */
export const customerSchema = z.object(outputShape).meta({ id: "Customer", description: "A customer: profile fields, custom values, consent and derived order stats." });

const isoOf = (d: Date | null) => (d ? d.toISOString() : null);

/** A stored customer as the API's JSON. */
export function toCustomerJson(c: CustomerRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { id: c.id, email: c.email, externalId: c.externalId };
  for (const field of writableStandard) {
    if (field.key in out) continue;
    const value = (c as unknown as Record<string, unknown>)[field.key];
    out[field.key] = value instanceof Date ? value.toISOString() : value;
  }
  return {
    ...out,
    emailOptInChangedAt: isoOf(c.emailOptInChangedAt),
    emailOptInSource: c.emailOptInSource,
    custom: c.attributes,
    ordersCount: c.ordersCount,
    totalSpent: c.totalSpent,
    averageOrderValue: c.averageOrderValue,
    firstOrderAt: isoOf(c.firstOrderAt),
    lastOrderAt: isoOf(c.lastOrderAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
