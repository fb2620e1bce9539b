/** zod schemas of custom field definitions (create, edit, archive), shared by the page, the CLI and the server. */
import { z } from "zod";
import { CUSTOM_FIELD_TYPES, type CustomFieldType } from "@/lib/fields/catalog";

/** Longest key, label, description; most options a select field may have. */
export const CUSTOM_FIELD_LIMITS = { key: 50, label: 80, description: 300, options: 200, optionLabel: 80 } as const;

const KEY_RE = /^[a-z][a-z0-9_]*$/;
const OPTION_KEY_RE = /^[a-z0-9][a-z0-9_]*$/;

/** A slug for keys: lower-case ASCII letters, digits and "_" ("Preferred device" → "preferred_device"). */
export function slugifyKey(label: string, maxLength: number = CUSTOM_FIELD_LIMITS.key): string {
  return label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .replace(/ß/g, "ss")
    .replace(/æ/gi, "ae")
    .replace(/ø/gi, "o")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, maxLength)
    .replace(/_+$/, "");
}

/** A field key as the user may type it: the slug of a custom field, immutable once created. */
export const customFieldKeySchema = z
  .string()
  .trim()
  .min(1, "Enter a key.")
  .max(CUSTOM_FIELD_LIMITS.key, `Use at most ${CUSTOM_FIELD_LIMITS.key} characters.`)
  .regex(KEY_RE, 'Start with a letter; use lower-case letters, digits and "_" (e.g. preferred_device).');

export const customFieldTypeSchema = z.enum(CUSTOM_FIELD_TYPES as [CustomFieldType, ...CustomFieldType[]], {
  error: "Choose a type: text, number, date, boolean, select or multiselect.",
});

const labelSchema = z
  .string()
  .trim()
  .min(1, "Enter a label.")
  .max(CUSTOM_FIELD_LIMITS.label, `Use at most ${CUSTOM_FIELD_LIMITS.label} characters.`);

const descriptionSchema = z
  .string()
  .trim()
  .max(CUSTOM_FIELD_LIMITS.description, `Use at most ${CUSTOM_FIELD_LIMITS.description} characters.`)
  .nullish()
  .transform((v) => (v ? v : null));

/** One option: a stable key (what values store) and a label people see. */
export const fieldOptionSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1, "Every option needs a key.")
    .max(CUSTOM_FIELD_LIMITS.key, `Option keys have at most ${CUSTOM_FIELD_LIMITS.key} characters.`)
    .regex(OPTION_KEY_RE, 'Option keys use lower-case letters, digits and "_".'),
  label: z
    .string()
    .trim()
    .min(1, "Every option needs a label.")
    .max(CUSTOM_FIELD_LIMITS.optionLabel, `Option labels have at most ${CUSTOM_FIELD_LIMITS.optionLabel} characters.`),
});
export type FieldOptionInput = z.input<typeof fieldOptionSchema>;

/** Options of a select field: 1–200, keys unique, labels unique ignoring case (imports match labels). */
export const fieldOptionsSchema = z
  .array(fieldOptionSchema)
  .max(CUSTOM_FIELD_LIMITS.options, `Use at most ${CUSTOM_FIELD_LIMITS.options} options.`)
  .superRefine((options, ctx) => {
    const keys = new Set<string>();
    const labels = new Set<string>();
    for (const option of options) {
      if (keys.has(option.key)) ctx.addIssue({ code: "custom", message: `The option key "${option.key}" is used twice.` });
      const label = option.label.toLowerCase();
      if (labels.has(label)) ctx.addIssue({ code: "custom", message: `The option label "${option.label}" is used twice.` });
      keys.add(option.key);
      labels.add(label);
    }
  });

/** Whether a type has options. */
export function hasOptions(type: CustomFieldType): boolean {
  return type === "select" || type === "multiselect";
}

function checkOptions(value: { type: CustomFieldType; options: { key: string }[] }, ctx: z.RefinementCtx): void {
  if (hasOptions(value.type) && value.options.length === 0) {
    ctx.addIssue({ code: "custom", path: ["options"], message: "Add at least one option." });
  }
}

export const customFieldIdSchema = z.uuid("Unknown custom field.");

/** Creating a field: the key defaults to the slug of the label; options only for select types. */
export const createCustomFieldSchema = z
  .object({
    label: labelSchema,
    key: z.string().trim().nullish(),
    type: customFieldTypeSchema,
    options: fieldOptionsSchema.default([]),
    description: descriptionSchema,
  })
  .transform((v) => ({ ...v, key: v.key || slugifyKey(v.label), options: hasOptions(v.type) ? v.options : [] }))
  .pipe(
    z
      .object({ label: z.string(), key: customFieldKeySchema, type: customFieldTypeSchema, options: z.array(fieldOptionSchema), description: z.string().nullable() })
      .superRefine(checkOptions),
  );
export type CreateCustomFieldInput = z.input<typeof createCustomFieldSchema>;

/** Editing a field: label, type, options and description (the key never changes). */
export const updateCustomFieldSchema = z
  .object({
    fieldId: customFieldIdSchema,
    label: labelSchema,
    type: customFieldTypeSchema,
    options: fieldOptionsSchema.default([]),
    description: descriptionSchema,
  })
  .transform((v) => ({ ...v, options: hasOptions(v.type) ? v.options : [] }))
  .superRefine(checkOptions);
export type UpdateCustomFieldInput = z.input<typeof updateCustomFieldSchema>;

export const setCustomFieldArchivedSchema = z.object({ fieldId: customFieldIdSchema, archived: z.boolean() });
export type SetCustomFieldArchivedInput = z.input<typeof setCustomFieldArchivedSchema>;

/**
 * Options written on the command line: "Mobile,Desktop" (keys from the labels) or "mob:Mobile,desk:Desktop".
 */
export function parseOptionList(text: string): FieldOptionInput[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const colon = part.indexOf(":");
      if (colon > 0) return { key: part.slice(0, colon).trim(), label: part.slice(colon + 1).trim() };
      return { key: slugifyKey(part), label: part };
    });
}
