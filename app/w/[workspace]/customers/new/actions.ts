"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { workspaceAction } from "@/lib/auth/action";
import { createCustomer } from "@/lib/customers/mutations";

const formValuesSchema = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()]));

/** Creates a customer from the form's values (validated against the workspace's catalog by createCustomer). */
export const createCustomerAction = workspaceAction({
  permission: "customers.write",
  // locale: the browser's language, in which numbers were typed ("54,700" is 54700 in English).
  schema: z.object({ values: formValuesSchema, locale: z.string().max(50).optional() }),
  handler: async (ctx, input) => {
    const { id } = await createCustomer(ctx, input.values, { numberLocale: input.locale });
    revalidatePath(`/w/${ctx.workspaceSlug}/customers`);
    return { id };
  },
});
