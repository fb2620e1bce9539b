"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction } from "@/lib/auth/action";
import { createCustomer } from "@/lib/customers/mutations";

const formValuesSchema = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()]));

/** Creates a customer from the form's values (validated against the workspace's catalog by createCustomer). */
export const createCustomerAction = workspaceAction({
  permission: "customers.write",
  schema: z.object({ values: formValuesSchema }),
  handler: async (ctx, input) => {
    const { id } = await createCustomer(ctx, input.values);
    revalidatePath(`/w/${ctx.workspaceSlug}/customers`);
    return { id };
  },
});
