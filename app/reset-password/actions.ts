"use server";

import { resetPasswordWithToken } from "@/lib/account/mutations";
import type { ResetPasswordInput } from "@/lib/account/schemas";
import { toActionFailure } from "@/lib/auth/errors";
import type { ActionResult } from "@/lib/errors";

/** Sets a new password through a one-time reset link. */
export async function resetPasswordAction(input: ResetPasswordInput): Promise<ActionResult<{ email: string }>> {
  try {
    return { ok: true, data: await resetPasswordWithToken(input) };
  } catch (e) {
    return toActionFailure(e, "Reset password");
  }
}
