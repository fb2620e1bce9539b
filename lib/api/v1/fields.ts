import "server-only";
import { z } from "zod";
import { listCustomFields } from "@/lib/custom-fields/queries";
import { CUSTOM_FIELD_TYPES } from "@/lib/fields/catalog";
import { defineOperation } from "../operation";

export const customFieldSchema = z
  .object({
    id: z.uuid(),
    key: z.string().meta({ description: "The key of the field's values in a customer's `custom` object.", example: "loyalty_tier" }),
    label: z.string().meta({ example: "Loyalty tier" }),
    type: z.enum(CUSTOM_FIELD_TYPES as [string, ...string[]]),
    options: z.array(z.object({ key: z.string(), label: z.string() })).meta({ description: "The choices of a select or multiselect field; empty otherwise." }),
    description: z.string().nullable(),
    archived: z.boolean().meta({ description: "Archived fields keep their values but take no new ones." }),
  })
  .meta({ id: "CustomField" });

export const listFields = defineOperation({
  operationId: "listFields",
  method: "GET",
  path: "/fields",
  tag: "Custom fields",
  summary: "List custom fields",
  description: "The workspace's custom fields in catalog order, archived ones included, with their types and options.",
  access: "read",
  responses: { 200: { description: "Every custom field.", schema: z.object({ data: z.array(customFieldSchema) }) } },
  async handle(ctx) {
    const fields = await listCustomFields(ctx);
    return {
      body: {
        data: fields.map((f) => ({ id: f.id, key: f.key, label: f.label, type: f.type, options: f.options, description: f.description, archived: f.archived })),
      },
    };
  },
});
