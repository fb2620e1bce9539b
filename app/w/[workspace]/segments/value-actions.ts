"use server";

import { workspaceAction } from "@/lib/auth/action";
import { listValues, missingValues, type ValueCount } from "@/lib/segments/value-queries";
import { listValuesSchema, missingValuesSchema } from "@/lib/segments/value-schemas";

/** The value picker's list: the workspace's most common values of a field, event or category, with counts. */
export const listValuesAction = workspaceAction({
  permission: "segments.read",
  schema: listValuesSchema,
  handler: async (ctx, input): Promise<ValueCount[]> => listValues(ctx, input.source, { search: input.search }),
});

/** Which values of a condition no customer has (the "no customer has …" warning). */
export const missingValuesAction = workspaceAction({
  permission: "segments.read",
  schema: missingValuesSchema,
  handler: async (ctx, input): Promise<string[]> => missingValues(ctx, input.source, input.values),
});
