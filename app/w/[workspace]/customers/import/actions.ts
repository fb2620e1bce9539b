"use server";

import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/auth/action";
import { createCustomField } from "@/lib/custom-fields/mutations";
import { createCustomFieldSchema } from "@/lib/custom-fields/schemas";
import { customFieldKey } from "@/lib/fields/catalog";
import { discardImport, startImport } from "@/lib/import/mutations";
import { saveMappingAndPreview } from "@/lib/import/draft";
import { enqueueImport } from "@/lib/import/runner";
import { discardImportSchema, runImportSchema, startImportSchema } from "@/lib/import/schemas";

/** Saves the mapping as edited (a reload keeps it) and answers the preview and the whole-file check; imports nothing. */
export const saveMappingAction = workspaceAction({
  permission: "customers.import",
  schema: runImportSchema,
  handler: (ctx, input) => saveMappingAndPreview(ctx, input),
});

/** Starts the import with the chosen mapping (failing rows only when confirmed); it runs in the background. */
export const startImportAction = workspaceAction({
  permission: "customers.import",
  schema: startImportSchema,
  handler: async (ctx, input) => {
    const { jobId } = await startImport(ctx, input);
    enqueueImport(ctx.workspaceId, jobId);
    revalidatePath(`/w/${ctx.workspaceSlug}/customers/import`);
    return { jobId };
  },
});

/** Drops an upload that was not started. */
export const discardImportAction = workspaceAction({
  permission: "customers.import",
  schema: discardImportSchema,
  handler: async (ctx, input) => {
    await discardImport(ctx, input);
    revalidatePath(`/w/${ctx.workspaceSlug}/customers/import`);
    return { discarded: true };
  },
});

/** Creates a custom field from a column at the mapping step (admins); answers the new import target. */
export const createFieldFromColumnAction = workspaceAction({
  permission: "fields.manage",
  schema: createCustomFieldSchema,
  handler: async (ctx, input) => {
    const field = await createCustomField(ctx, input);
    revalidatePath(`/w/${ctx.workspaceSlug}/fields`);
    return { key: customFieldKey(field.key), label: field.label, type: field.type };
  },
});
