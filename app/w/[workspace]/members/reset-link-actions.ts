"use server";

import { issueResetLink } from "@/lib/account/mutations";
import { issueResetLinkSchema } from "@/lib/account/schemas";
import { workspaceAction } from "@/lib/auth/action";
import { requestOrigin } from "@/lib/http/origin";

/** Creates a one-time password reset link for another member (admins); the link is returned once. */
export const issueResetLinkAction = workspaceAction({
  permission: "members.manage",
  schema: issueResetLinkSchema,
  handler: async (ctx, input) => {
    const origin = await requestOrigin();
    const link = await issueResetLink(ctx, input, origin);
    return { url: `${origin}${link.path}`, expiresAtIso: link.expiresAt.toISOString(), email: link.email, emailed: link.emailed };
  },
});
