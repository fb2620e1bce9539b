"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/auth/action";
import { createCustomField, setCustomFieldArchived, updateCustomField } from "@/lib/custom-fields/mutations";
import { createCustomFieldSchema, setCustomFieldArchivedSchema, updateCustomFieldSchema } from "@/lib/custom-fields/schemas";

/** Defines a new custom field. */
export const createCustomFieldAction = workspaceAction({
  permission: "fields.manage",
  schema: createCustomFieldSchema,
  handler: async (ctx, input) => {
    const field = await createCustomField(ctx, input);
    revalidatePath(`/w/${ctx.workspaceSlug}/fields`);
    return { key: field.key, label: field.label };
  },
});

/** Edits a custom field's label, type, options and description. */
export const updateCustomFieldAction = workspaceAction({
  permission: "fields.manage",
  schema: updateCustomFieldSchema,
  handler: async (ctx, input) => {
    const field = await updateCustomField(ctx, input);
    revalidatePath(`/w/${ctx.workspaceSlug}/fields`);
    return { key: field.key, label: field.label };
  },
});

/** Archives a custom field or brings it back. */
export const setCustomFieldArchivedAction = workspaceAction({
  permission: "fields.manage",
  schema: setCustomFieldArchivedSchema,
  handler: async (ctx, input) => {
    const field = await setCustomFieldArchived(ctx, input);
    revalidatePath(`/w/${ctx.workspaceSlug}/fields`);
    return { label: field.label, archived: field.archived };
  },
});
