"use server";

import { requestPasswordReset, type ForgotPasswordOutcome } from "@/lib/account/mutations";
import { toActionFailure } from "@/lib/auth/errors";
import type { ActionResult } from "@/lib/errors";
import { requestClientAddress, requestOrigin } from "@/lib/http/origin";

/** Asks for a reset link by e-mail; the answer is the same whether or not the address has an account. */
export async function forgotPasswordAction(input: { email: string }): Promise<ActionResult<ForgotPasswordOutcome>> {
  try {
    return { ok: true, data: await requestPasswordReset(input, await requestClientAddress(), await requestOrigin()) };
  } catch (e) {
    return toActionFailure(e, "Forgot password");
  }
}
