"use server";

import { toActionFailure } from "@/lib/auth/errors";
import { getSessionUser } from "@/lib/auth/session";
import { AppError, type ActionResult } from "@/lib/errors";
import { acceptWithPassword } from "@/lib/invitations/accept";
import { acceptInvitation } from "@/lib/invitations/mutations";
import { acceptInvitationSchema, type AcceptWithNewAccountInput } from "@/lib/invitations/schemas";

/** Accepts the invitation as the signed-in user (whose email must be the invited one). */
export async function acceptInvitationAction(input: { token: string }): Promise<ActionResult<{ workspaceSlug: string }>> {
  try {
    const { token } = acceptInvitationSchema.parse(input);
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthenticated", "Your session has ended. Sign in again to accept the invitation.");
    const { workspaceSlug } = await acceptInvitation(token, user);
    return { ok: true, data: { workspaceSlug } };
  } catch (e) {
    return toActionFailure(e, "Accepting an invitation");
  }
}

/**
 * "Create your account" on the accept page; answered the same whether or not the address has an
 * account (see lib/invitations/accept.ts). The form then signs in with the invited email and this password.
 */
export async function createAccountAndAcceptAction(input: AcceptWithNewAccountInput): Promise<ActionResult<{ workspaceSlug: string; email: string }>> {
  try {
    return { ok: true, data: await acceptWithPassword(input) };
  } catch (e) {
    return toActionFailure(e, "Creating an account from an invitation");
  }
}
