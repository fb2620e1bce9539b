"use server";

import { revalidatePath } from "next/cache";
import { createApiKey, revokeApiKey } from "@/lib/api/keys/mutations";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/api/keys/schemas";
import { workspaceAction } from "@/lib/auth/action";
import type { ApiAccess } from "@/lib/api/keys/authenticate";

/** A key just created, for the panel that shows its secret once. */
export interface CreatedKeyView {
  id: string;
  name: string;
  access: ApiAccess;
  secret: string;
}

/** Creates a key; its secret is in this answer and nowhere else. */
export const createApiKeyAction = workspaceAction({
  permission: "apikeys.manage",
  schema: createApiKeySchema,
  handler: async (ctx, input): Promise<CreatedKeyView> => {
    const { key, secret } = await createApiKey(ctx, input);
    revalidatePath(`/w/${ctx.workspaceSlug}/api-keys`);
    return { id: key.id, name: key.name, access: key.access, secret };
  },
});

/** Revokes a key; requests with it are refused from the next one on. */
export const revokeApiKeyAction = workspaceAction({
  permission: "apikeys.manage",
  schema: revokeApiKeySchema,
  handler: async (ctx, input) => {
    const { key, revoked } = await revokeApiKey(ctx, input);
    revalidatePath(`/w/${ctx.workspaceSlug}/api-keys`);
    return { name: key.name, revoked };
  },
});
