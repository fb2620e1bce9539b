"use server";

import { changePassword } from "@/lib/account/mutations";
import type { ChangePasswordInput } from "@/lib/account/schemas";
import { toActionFailure } from "@/lib/auth/errors";
import { getSessionUser } from "@/lib/auth/session";
import { AppError, type ActionResult } from "@/lib/errors";
import { requestClientAddress } from "@/lib/http/origin";

/** Changes the signed-in user's password; the form then signs this browser in again with the new one. */
export async function changePasswordAction(input: ChangePasswordInput): Promise<ActionResult<{ email: string }>> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthenticated", "Your session has ended. Sign in again to continue.");
    return { ok: true, data: await changePassword(user.id, input, await requestClientAddress()) };
  } catch (e) {
    return toActionFailure(e, "Change password");
  }
}
