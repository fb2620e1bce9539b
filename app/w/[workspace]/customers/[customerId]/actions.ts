"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction } from "@/lib/auth/action";
import { deleteCustomer, updateCustomer } from "@/lib/customers/mutations";
import { customerIdSchema } from "@/lib/customers/queries";

const formValuesSchema = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()]));

/** Saves the edit form (validated against the workspace's catalog by updateCustomer). */
export const updateCustomerAction = workspaceAction({
  permission: "customers.write",
  // locale: the browser's language, in which numbers were typed ("54,700" is 54700 in English).
  schema: z.object({ customerId: customerIdSchema, values: formValuesSchema, locale: z.string().max(50).optional() }),
  handler: async (ctx, input) => {
    const { id } = await updateCustomer(ctx, input.customerId, input.values, { numberLocale: input.locale });
    revalidatePath(`/w/${ctx.workspaceSlug}/customers`, "layout");
    return { id };
  },
});

/** Deletes a customer with their orders and events (right to erasure); admins only. */
export const deleteCustomerAction = workspaceAction({
  permission: "customers.erase",
  schema: z.object({ customerId: customerIdSchema }),
  handler: async (ctx, input) => {
    const removed = await deleteCustomer(ctx, input.customerId);
    revalidatePath(`/w/${ctx.workspaceSlug}/customers`, "layout");
    return removed;
  },
});
