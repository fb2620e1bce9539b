"use server";

import { workspaceAction } from "@/lib/auth/action";
import { countValues, listValues, type ValueCount } from "@/lib/segments/value-queries";
import { countValuesSchema, listValuesSchema } from "@/lib/segments/value-schemas";

/** The value picker's list: the workspace's most common values of a field, event or category, with counts. */
export const listValuesAction = workspaceAction({
  permission: "segments.read",
  schema: listValuesSchema,
  handler: async (ctx, input): Promise<ValueCount[]> => listValues(ctx, input.source, { search: input.search }),
});

/** How many customers have each value of a condition (the "no customer has …" warning). */
export const countValuesAction = workspaceAction({
  permission: "segments.read",
  schema: countValuesSchema,
  handler: async (ctx, input): Promise<ValueCount[]> => countValues(ctx, input.source, input.values),
});
